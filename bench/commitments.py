"""Commitments across outlets: are they found, and are each outlet's versions of one commitment one item?

    python bench/commitments.py [--no-write] [--note TEXT]

Data: ``bench/data/commitments/stories.jsonl`` — twelve short multi-outlet stories written for this bench (a
tariff pause, a ceasefire, output cuts, a strike, bond purchases, a hostage truce, a debt ceiling, a grain deal,
visas, a lockdown, a loan, an oil embargo), each line a story: its articles (``id``, ``source``, ``text``), the
publication date, and ``gold``: every commitment's time phrase (``article``, ``time``) with the ``group`` of the
commitment it belongs to. Sentences that time no commitment ("talks had stalled for the past three months", "the
union has represented dockers for 50 years") are the distractors. The articles go through the whole analysis
(spaCy parse, statements, dates) as an ingest would.

* found: a gold commitment is found when one of ours in its article has a time phrase that holds the gold
  phrase or lies in it; precision counts every commitment of ours against the gold ones;
* one item per commitment: pairs of found gold commitments, in one of our items or not, against the gold groups
  (pairwise precision, recall, F1);
* :data:`storyline.compare.commitments.SAME_WORDS` chosen by leave-one-story-out cross-validation among
  :data:`GRID`: for each story, the value best on the other eleven (pairwise F1, ties to the stored value) scores
  it; the pooled held-out pairs are the figure, beside the stored value on all stories (in-sample).

Results: ``bench/results/commitments.json`` (with ``first_look``: the figures from the one run before any rule was
made from the set; the set is development data since).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from storyline.analyse.nlp import load_nlp
from storyline.compare import commitments as cm
from storyline.model import Article
from storyline.pipeline import analyse, date_article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench/data/commitments/stories.jsonl"
OUT = ROOT / "bench/results/commitments.json"
GRID = (0.25, 0.34, 0.5, 0.67, 0.75, 1.01)


def load(nlp: Any) -> list[dict[str, Any]]:
    stories = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    for s in stories:
        arts = [
            Article(
                id=a["id"],
                path=f"{s['story']}/{a['id']}.txt",
                raw=a["text"],
                text=a["text"],
                source=a["source"],
                published=s["published"],
            )
            for a in s["articles"]
        ]
        analyse(arts, nlp)
        for a in arts:
            date_article(a)
        s["arts"] = arts
    return stories


def _hit(gold: dict[str, Any], items: list[dict[str, Any]]) -> int | None:
    """The index of our item holding the gold commitment's version, None when none does."""
    phrase = gold["time"].lower()
    for i, item in enumerate(items):
        for v in item["values"]:
            t = str(v.get("time") or "").lower()
            if v["article_id"] == gold["article"] and t and (phrase in t or t in phrase):
                return i
    return None


def score_story(s: dict[str, Any]) -> dict[str, int]:
    arts = s["arts"]
    items = cm.story_commitments(arts, {a.id: a.id for a in arts}, {a.id: a.source or a.id for a in arts})
    where = [(_hit(g, items), g["group"]) for g in s["gold"]]
    found = [(i, grp) for i, grp in where if i is not None]
    out = {"gold": len(s["gold"]), "found": len(found), "ours": sum(len(it["values"]) for it in items)}
    tp = fp = fn = 0
    for k, (i, gi) in enumerate(found):
        for j, gj in found[k + 1 :]:
            tp += i == j and gi == gj
            fp += i == j and gi != gj
            fn += i != j and gi == gj
    return out | {"tp": tp, "fp": fp, "fn": fn}


def _sum(rows: list[dict[str, int]]) -> dict[str, Any]:
    tot = {k: sum(r[k] for r in rows) for k in ("gold", "found", "ours", "tp", "fp", "fn")}
    p = tot["tp"] / (tot["tp"] + tot["fp"]) if tot["tp"] + tot["fp"] else 1.0
    r = tot["tp"] / (tot["tp"] + tot["fn"]) if tot["tp"] + tot["fn"] else 1.0
    tot["found_recall"] = round(tot["found"] / tot["gold"], 3) if tot["gold"] else 0.0
    tot["found_precision"] = round(min(tot["found"], tot["ours"]) / tot["ours"], 3) if tot["ours"] else 0.0
    tot |= {"pair_precision": round(p, 3), "pair_recall": round(r, 3), "pair_f1": round(2 * p * r / (p + r), 3)}
    return tot


def at(value: float, stories: list[dict[str, Any]]) -> list[dict[str, int]]:
    kept = cm.SAME_WORDS
    cm.SAME_WORDS = value
    try:
        return [score_story(s) for s in stories]
    finally:
        cm.SAME_WORDS = kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    stories = load(load_nlp())
    per = {v: at(v, stories) for v in GRID}
    held: list[dict[str, int]] = []
    chosen: list[float] = []
    for k in range(len(stories)):
        rest = {v: _sum([r for i, r in enumerate(rows) if i != k])["pair_f1"] for v, rows in per.items()}
        best = max(GRID, key=lambda v: (rest[v], v == cm.SAME_WORDS))
        chosen.append(best)
        held.append(per[best][k])
    stored = _sum(per[cm.SAME_WORDS])
    cv = _sum(held)
    print(f"stories {len(stories)}, gold commitments {stored['gold']}")
    print(
        f"found: recall {stored['found_recall']:.3f}, precision {stored['found_precision']:.3f} "
        f"({stored['found']} of {stored['gold']} gold, {stored['ours']} versions of ours)"
    )
    for v in GRID:
        s = _sum(per[v])
        print(
            f"SAME_WORDS={v:<5} pairs P {s['pair_precision']:.3f} R {s['pair_recall']:.3f} F1 {s['pair_f1']:.3f}"
            " (in-sample)"
        )
    print(
        f"leave one story out: pairs P {cv['pair_precision']:.3f} R {cv['pair_recall']:.3f} F1 {cv['pair_f1']:.3f};"
        f" chosen {sorted(set(chosen))}"
    )
    if not args.no_write:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        result = {
            "commit": commit.stdout.strip(),
            "note": args.note,
            "stored_value": cm.SAME_WORDS,
            "in_sample": {str(v): _sum(per[v]) for v in GRID},
            "held_out_cv": cv,
            "chosen_per_fold": chosen,
        }
        earlier = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
        first = earlier.get("first_look") or (earlier if earlier.get("note", "").startswith("first look") else None)
        if first:  # the figures from before any rule was made from the set are kept beside the later ones
            result["first_look"] = {
                k: first[k] for k in ("commit", "note", "stored_value", "held_out_cv") if k in first
            }
            result["first_look"]["in_sample"] = first.get("in_sample", {}).get(str(first.get("stored_value")))
        OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
