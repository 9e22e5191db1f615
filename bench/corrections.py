"""Corrections that stick: a simulated editor corrects the story grouping of half of ECB+ dev, then the other half
is ingested and everything re-clustered; do the corrections hold, and what do they do to the new articles?

    python bench/corrections.py [--data ../shared/data/ecbplus-dev] [--out bench/results/corrections.json]

* Data: ECB+ dev (197 documents, 16 gold stories: topic × ecb/ecbplus, as in ``bench/cluster.py``). The
  documents of each gold story are dealt alternately into a first and a second batch.
* The first batch is ingested into a store; the editor then corrects it with ``Corpus`` calls, as a user
  would with ``storyline stories merge`` / ``articles move`` / ``stories split``, one at a time, each chosen by
  looking at the stories and the gold (the largest fix first): a story holding two gold stories has the
  minority moved out to the story that holds most of its gold story, or split out when none does; two stories
  of one gold story are merged. Each correction's wall time is recorded.
* The second batch is ingested into the corrected store and, beside it, into a copy of the uncorrected one
  (the peer: the same clustering with no corrections). Then both are re-clustered from scratch
  (``storyline stories recluster``).
* Reported: B-cubed P/R/F1 (all documents, and the second batch's documents alone) for both, the number of
  corrections, their times, and whether every must-link and cannot-link of the corrections still holds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster import (  # noqa: E402 - the bench folder's own helpers
    DEFAULT_DATA,
    doc_text,
    gold_label,
    load_docs,
    score,
    shown_path,
    write_files,
)

from storyline.api import Corpus  # noqa: E402
from storyline.corrections import stored_constraints  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def deal(docs: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The documents' texts dealt alternately, per gold story, into a first and a second batch."""
    seen: Counter[str] = Counter()
    first, second = {}, {}
    for doc, sentences in docs.items():
        label = gold_label(doc)
        (first if seen[label] % 2 == 0 else second)[doc] = doc_text(sentences)
        seen[label] += 1
    return first, second


def predicted(corpus: Corpus) -> dict[str, str]:
    """document → story id."""
    return {Path(a.path).stem + ".xml": a.story_id or f"none-{a.id}" for a in corpus.articles()}


def doc_ids(corpus: Corpus) -> dict[str, str]:
    """document → article id."""
    return {Path(a.path).stem + ".xml": a.id for a in corpus.articles()}


def next_fix(corpus: Corpus, gold: dict[str, str]) -> tuple[str, tuple[str, ...]] | None:
    """The correction an editor makes next (the largest first): ("move", (article, story)), ("split", (story,
    article, ...)) or ("merge", (story, other)); None when the stories match the gold."""
    docs = doc_ids(corpus)
    label = {docs[d]: g for d, g in gold.items() if d in docs}
    stories = {s.id: list(s.article_ids) for s in corpus.store.stories()}
    majority = {sid: Counter(label[a] for a in ids).most_common(1)[0][0] for sid, ids in stories.items()}
    home: dict[str, str] = {}  # gold story → the predicted story holding most of it
    for g in set(label.values()):
        home[g] = max(stories, key=lambda s: (sum(label[a] == g for a in stories[s]), -len(stories[s])))
    fixes: list[tuple[int, str, tuple[str, ...]]] = []
    for sid, ids in stories.items():
        strays: dict[str, list[str]] = {}
        for a in ids:
            if label[a] != majority[sid]:
                strays.setdefault(label[a], []).append(a)
        for g, arts in strays.items():
            if home[g] != sid:
                fixes += [(len(arts), "move", (a, home[g])) for a in arts[:1]]
            else:
                fixes.append((len(arts), "split", (sid, *arts)))
    for g, sid in home.items():
        for other, ids in stories.items():
            if other != sid and majority[other] == g and all(label[a] == g for a in ids):
                fixes.append((len(ids), "merge", (sid, other)))
    if not fixes:
        return None
    _, kind, args = max(fixes, key=lambda f: f[0])
    return kind, args


def constraints_hold(corpus: Corpus) -> tuple[int, int]:
    """(pairs that hold, pairs in all) over every must-link and cannot-link pair of the active corrections."""
    c = stored_constraints(corpus.store)
    story_of = {a.id: a.story_id for a in corpus.articles()}
    ok = total = 0
    for members in c.groups(story_of).values():
        for a in members[1:]:
            total += 1
            ok += story_of[a] == story_of[members[0]]
    for leave, stay in c.cannot:
        for a in leave:
            for b in stay:
                if a in story_of and b in story_of and not c.together(a, b):
                    total += 1
                    ok += story_of[a] != story_of[b]
    return ok, total


def scores(corpus: Corpus, gold: dict[str, str], second: dict[str, str]) -> dict[str, Any]:
    pred = predicted(corpus)
    every = {d: g for d, g in gold.items() if d in pred}
    later = {d: g for d, g in every.items() if d in second}
    among = {d: pred[d] for d in later}  # the second batch's documents grouped among themselves
    return {"all": score(pred, every), "second_batch": score(among, later) if later else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "corrections.json")
    ap.add_argument("--max-corrections", type=int, default=40)
    args = ap.parse_args()
    docs = load_docs(args.data)
    gold = {d: gold_label(d) for d in docs}
    first, second = deal(docs)
    result: dict[str, Any] = {"data": shown_path(args.data), "documents": [len(first), len(second)]}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "first").mkdir()
        (root / "second").mkdir()
        write_files(first, root / "first")
        write_files(second, root / "second")
        db, peer = root / "corrected.db", root / "peer.db"
        t = time.perf_counter()
        with Corpus(db) as corpus:
            corpus.ingest(root / "first")
        result["ingest_first_s"] = round(time.perf_counter() - t, 1)
        shutil.copy(db, peer)
        with Corpus(db) as corpus:
            before = scores(corpus, gold, second)["all"]
            times: list[float] = []
            made: Counter[str] = Counter()
            while len(times) < args.max_corrections and (fix := next_fix(corpus, gold)) is not None:
                kind, fargs = fix
                t = time.perf_counter()
                if kind == "move":
                    corpus.move_article(*fargs)
                elif kind == "split":
                    corpus.split_story(fargs[0], list(fargs[1:]))
                else:
                    corpus.merge_stories(*fargs)
                times.append(time.perf_counter() - t)
                made[kind] += 1
            after = scores(corpus, gold, second)["all"]
        result["first_batch"] = {
            "before": before,
            "after_corrections": after,
            "corrections": dict(made),
            "correction_s": {
                "median": round(statistics.median(times), 3) if times else None,
                "max": round(max(times), 3) if times else None,
            },
        }
        for name, path in (("corrected", db), ("peer", peer)):
            with Corpus(path) as corpus:
                t = time.perf_counter()
                corpus.ingest(root / "second")
                ingest_s = time.perf_counter() - t
                row: dict[str, Any] = {"ingest_second_s": round(ingest_s, 1)}
                row["after_ingest"] = scores(corpus, gold, second)
                row["constraints_after_ingest"] = constraints_hold(corpus)
                t = time.perf_counter()
                corpus.recluster()
                row["recluster_s"] = round(time.perf_counter() - t, 1)
                row["after_recluster"] = scores(corpus, gold, second)
                row["constraints_after_recluster"] = constraints_hold(corpus)
            result[name] = row
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    fb = result["first_batch"]
    print(f"ECB+ dev: {result['documents'][0]} + {result['documents'][1]} documents")
    print(f"first batch B3 F1 {fb['before']['b3_f1']:.3f} -> {fb['after_corrections']['b3_f1']:.3f} after "
          f"{sum(fb['corrections'].values())} corrections {fb['corrections']}, each {fb['correction_s']['median']} s "
          f"median, {fb['correction_s']['max']} s max")  # fmt: skip
    for name in ("corrected", "peer"):
        r = result[name]
        for when in ("after_ingest", "after_recluster"):
            s = r[when]
            held = r["constraints_" + when]
            print(f"{name:9} {when:15} B3 F1 all {s['all']['b3_f1']:.3f} second batch {s['second_batch']['b3_f1']:.3f}"
                  f"  corrections' pairs holding {held[0]}/{held[1]}")  # fmt: skip
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
