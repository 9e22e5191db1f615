"""Story-clustering accuracy on ECB+ dev: Storyline's clustering beside a TF-IDF + average-linkage baseline.

    python bench/cluster.py [--data DIR] [--keep-urls] [--no-cache] [--skip-ingest] [--out FILE]

Data: ../shared/data/ecbplus-dev (ECB+, Cybulska & Vossen 2014, development split: topics 2, 5, 12, 18, 21,
23, 34, 35). Each topic holds two events of the same kind (two Oscar hosts announced, two Chargers players
arrested for drunk driving, two pirate attacks foiled by the Indian navy...); the gold story of a document
is (topic, "ecb" | "ecbplus") from its name ``T_Necb.xml`` / ``T_Necbplus.xml``. That is
the case word similarity alone gets wrong.

Texts are rebuilt from the tokens: one sentence per line (the first, usually the headline, is the first line,
so the cleaner may take it as the title), no space before closing punctuation, contractions and possessives
re-attached, quotes turned into curly quotes, ``9 : 25`` → ``9:25``, ``anti - piracy`` → ``anti-piracy``.
Lines that are only a URL (the ECB+ half of the corpus starts with the page's URL, the ECB half never does)
are dropped unless ``--keep-urls``: kept, they would tell the two halves apart by "http"/"www" alone. No
publication date is given: Storyline infers what it can from the text, as it would for a user's .txt files.

Measures, all on the same texts in one run:

* ``ours (ingest)``: ``storyline.Corpus(":memory:", Config()).ingest(folder)`` on the texts written as .txt
  files — the code path users get — with the default threshold;
* ``ours`` swept: the same stages called directly (read → clean → spaCy → dates → canonical entities →
  ``assign_stories`` from an empty store) over a range of ``ClusterConfig.threshold``, plus ablations
  (time signal off; entities off; people off) and content alone;
* ``baseline``: scikit-learn ``TfidfVectorizer(stop_words="english", sublinear_tf=True)`` and average-linkage
  ``AgglomerativeClustering(metric="cosine")`` with its distance threshold swept.

Two checks against tuning to this data:

* leave topics out: the topics are split by number into odd (5, 21, 23, 35) and even (2, 12, 18, 34); each
  half is clustered on its own, the threshold that is best on one half is scored on the other (ours with
  its default config, and the baseline), beside ours at its default threshold on each half;
* one event per topic: only the ECB documents (then only the ECB+ ones), 8 topics with one event each, so
  splitting a topic's story is the only possible error (a check against signals that cut same-event pairs).

Scores: B-cubed precision, recall and F1 (per-document averages; F1 of the two averages), pairwise
precision/recall/F1, and the number of predicted stories (gold: 16). Thresholds tuned and scored on the same
dev data are optimistic; the default threshold's score is the honest one for ours.

Prints the tables and the per-topic confusion, and writes bench/results/cluster.json. The analysed
articles are cached in the system temp folder (keyed by the texts and the model) so sweeps re-run fast.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import pickle
import platform
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus-dev"
GOLD_STORIES = 16

# ------------------------------------------------------------------------------------------ data


def shown_path(path: Path) -> str:
    """A data path as the results show it: relative to the repository's parent ("../shared/…"), else its name."""
    p = path.resolve()
    return f"../{p.relative_to(ROOT.parent)}" if p.is_relative_to(ROOT.parent) else path.name


def load_docs(data: Path) -> dict[str, list[list[str]]]:
    """doc_id → sentences → tokens, from ``dev_text.txt`` (doc_id, sentence, token, word per line)."""
    docs: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with (data / "dev_text.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            doc, sent, _tok, word = parts[:4]
            docs[doc][int(sent)].append(word)
    return {d: [s[k] for k in sorted(s)] for d, s in sorted(docs.items(), key=lambda kv: doc_key(kv[0]))}


def doc_key(doc_id: str) -> tuple[int, int, int]:
    m = re.match(r"(\d+)_(\d+)(ecbplus|ecb)", doc_id)
    if not m:
        return (10**6, 0, 0)
    return (int(m[1]), 1 if m[3] == "ecbplus" else 0, int(m[2]))


def gold_label(doc_id: str) -> str:
    """(topic, ecb | ecbplus) from "T_Necb.xml" / "T_Necbplus.xml"."""
    topic, rest = doc_id.split("_", 1)
    return f"{topic}/{'ecbplus' if 'ecbplus' in rest else 'ecb'}"


_NO_SPACE_BEFORE = set(". , ; : ! ? ) ] } % 's 'S n't 're 'll 've 'm 'd ’s … '' ” ’".split())
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "#", "‘"}
_CLITICS = {"s", "m", "d", "ll", "re", "ve", "t"}
_URL = re.compile(r"^(?:https?|www)\b")


def detokenise(words: Sequence[str]) -> str:
    """Rebuild a sentence from ECB+ tokens: "San Diego 's Jackson , 9 : 25" → "San Diego's Jackson, 9:25"."""
    out = ""
    quote_open = False
    prev = ""
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w == "``":
            w = "“"
        elif w == "''":
            w = "”"
        space = bool(out)
        if w in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or prev == "“":
            space = False
        if w == '"':
            # straight quotes: opening if none open, closing otherwise
            if quote_open:
                space = False
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            space = False
        if w in ("'", "’") and prev[-1:].isalpha() and nxt.lower() in _CLITICS:
            space = False  # It ’ s → It’s
        if prev in ("'", "’") and out.endswith(prev) and len(out) > 1 and out[-2].isalpha() and w.lower() in _CLITICS:
            space = False
        if w in ("-", "/", ":") and prev[-1:].isalnum() and nxt[:1].isalnum() and (w != ":" or prev.isdigit()):
            space = False  # anti - piracy, 9 : 25, 24 / 7
        if prev in ("-", "/") and out.endswith(prev) and len(out) > 1 and out[-2].isalnum() and w[:1].isalnum():
            space = False
        if prev == ":" and out.endswith(":") and len(out) > 1 and out[-2].isdigit() and w[:1].isdigit():
            space = False
        out += (" " if space else "") + w
        prev = w
    return out.strip()


def doc_text(sentences: Sequence[Sequence[str]], keep_urls: bool = False) -> str:
    lines = []
    for s in sentences:
        if not keep_urls and s and _URL.match(s[0]):
            continue
        line = "".join(s) if _URL.match(s[0] if s else "") else detokenise(s)
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------- metrics


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (per-item averages; F1 of the averages)."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for d, c in pred.items():
        pc[c].add(d)
    for d, c in gold.items():
        gc[c].add(d)
    p = r = 0.0
    for d in gold:
        same = len(pc[pred[d]] & gc[gold[d]])
        p += same / len(pc[pred[d]])
        r += same / len(gc[gold[d]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(
    pred: dict[str, str], gold: dict[str, str], apart: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Precision, recall, F1 over same-story document pairs (with ``apart``, only over pairs of items in
    different groups of it: mentions from different documents, say)."""
    ids = list(gold)
    tp = fp = fn = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if apart is not None and apart[a] == apart[b]:
                continue
            sp, sg = pred[a] == pred[b], gold[a] == gold[b]
            tp += sp and sg
            fp += sp and not sg
            fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {
        "b3_p": round(bp, 4), "b3_r": round(br, 4), "b3_f1": round(bf, 4),
        "pair_p": round(pp, 4), "pair_r": round(pr, 4), "pair_f1": round(pf, 4),
        "stories": len(set(pred.values())),
    }  # fmt: skip


# --------------------------------------------------------------------------------------- systems


def write_files(texts: dict[str, str], folder: Path) -> None:
    for doc, text in texts.items():
        (folder / f"{doc.removesuffix('.xml')}.txt").write_text(text, encoding="utf-8")


def doc_of(path: str) -> str:
    return Path(path.split("#", 1)[0]).stem + ".xml"


def run_ingest(folder: Path) -> tuple[dict[str, str], dict[str, object]]:
    """The user's path: ``Corpus(":memory:").ingest([folder])``; returns doc → story id and a few counts."""
    from storyline.api import Corpus
    from storyline.config import Config

    with Corpus(":memory:", Config()) as corpus:
        t = time.perf_counter()
        rep = corpus.ingest([str(folder)])
        secs = time.perf_counter() - t
        pred = {doc_of(a.path): a.story_id or f"none-{a.id}" for a in corpus.articles()}
        arts = corpus.articles()
        info: dict[str, object] = {
            "seconds": round(secs, 1),
            "added": len(rep.added),
            "errors": [str(e) for e in rep.errors],
            "titled_from_text": sum(a.title_how == "text" for a in arts),
            "published_known": sum(a.published is not None for a in arts),
        }
    return pred, info


def analysed_articles(folder: Path, cache: Path | None) -> list[object]:
    """The per-article stages (read → clean → spaCy → dates) exactly as ``Corpus.ingest`` runs them."""
    from storyline.config import Config
    from storyline.ingest.readers import discover, read_file
    from storyline.pipeline import analyse_new

    cfg = Config()
    docs = []
    for f in discover([str(folder)])[0]:
        got, _errs = read_file(f, display_path=f.name, max_bytes=cfg.ingest_max_bytes)
        docs += got
    from dataclasses import fields

    from storyline import model

    # the pickles hold model objects: a field added to them makes old pickles stale
    shape = ";".join(
        f"{c.__name__}:{','.join(f.name for f in fields(c))}"
        for c in (model.Article, model.Mention, model.DateMention, model.NumberMention, model.Quote, model.Sentence)
    )
    key = hashlib.sha256(
        (cfg.nlp_model + "\0" + shape + "\0" + "\0".join(d.path + "\1" + d.text for d in docs)).encode("utf-8")
    ).hexdigest()[:16]
    if cache is not None:
        hit = cache.parent / f"{cache.name}-{key}.pkl"
        if hit.exists():
            return list(pickle.loads(hit.read_bytes()))
    arts = analyse_new([(d, {"keep_all": cfg.ingest_keep_all}) for d in docs], cfg)
    if cache is not None:
        hit.write_bytes(pickle.dumps(arts))
    return list(arts)


_CANON: dict[int, list[object]] = {}


def ours(arts: Sequence[object], ccfg: object) -> dict[str, str]:
    """Canonical entities, then stories from an empty store — the corpus stages, on a private copy."""
    from storyline.analyse.entities import canonicalize
    from storyline.compare.cluster import assign_stories

    mine = _CANON.get(id(arts))
    if mine is None:  # canonical entities do not depend on the clustering config: once per article list
        mine = copy.deepcopy(list(arts))
        canonicalize(mine)  # type: ignore[arg-type]
        _CANON[id(arts)] = mine
    mapping = assign_stories(mine, {}, ccfg)  # type: ignore[arg-type]
    by_id = {a.id: doc_of(a.path) for a in mine}  # type: ignore[attr-defined]
    return {by_id[i]: sid for sid, ids in mapping.items() for i in ids}


def baseline(texts: dict[str, str], thresholds: Sequence[float]) -> dict[float, dict[str, str]]:
    """TF-IDF (English stop words, sublinear tf) + average-linkage cosine agglomeration, per distance threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(texts)
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([texts[d] for d in ids]).toarray()
    out = {}
    for t in thresholds:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=t
        ).fit_predict(x)
        out[t] = {d: f"c{lab}" for d, lab in zip(ids, labels, strict=True)}
    return out


# ------------------------------------------------------------------------------------------ checks

_SUBSETS: dict[tuple[int, str], dict[str, list[object]]] = {}


def docs_of(arts: Sequence[object]) -> list[str]:
    return [doc_of(a.path) for a in arts]  # type: ignore[attr-defined]


def subsets(arts: Sequence[object], gold: dict[str, str], by: str) -> dict[str, list[object]]:
    """Halves of the articles: by topic number ("odd"/"even") or by event ("ecb"/"ecbplus").

    Kept for the run (``ours`` caches canonical entities by list identity).
    """
    key = (id(arts), by)
    if key not in _SUBSETS:
        if by == "topic":
            part = {"odd": lambda g: int(g.split("/")[0]) % 2 == 1, "even": lambda g: int(g.split("/")[0]) % 2 == 0}
        else:
            part = {"ecb": lambda g: g.endswith("/ecb"), "ecbplus": lambda g: g.endswith("/ecbplus")}
        _SUBSETS[key] = {
            name: [a for a in arts if keep(gold[doc_of(a.path)])]  # type: ignore[attr-defined]
            for name, keep in part.items()
        }
    return _SUBSETS[key]


def leave_topics_out(
    arts: Sequence[object],
    texts: dict[str, str],
    gold: dict[str, str],
    cfg: Any,
    ours_grid: Sequence[float],
    base_grid: Sequence[float],
) -> list[dict[str, Any]]:
    """Threshold chosen on the odd-numbered topics and scored on the even ones, and the other way round."""
    halves = subsets(arts, gold, "topic")
    f1: dict[tuple[str, str], dict[float, float]] = {}
    default_f1: dict[str, float] = {}
    for half, sub in halves.items():
        g = {d: gold[d] for d in docs_of(sub)}
        f1[("ours", half)] = {t: score(ours(sub, replace(cfg, threshold=t)), g)["b3_f1"] for t in ours_grid}
        default_f1[half] = score(ours(sub, cfg), g)["b3_f1"]
        preds = baseline({d: texts[d] for d in g}, base_grid)
        f1[("baseline", half)] = {t: score(preds[t], g)["b3_f1"] for t in base_grid}
    rows = []
    for system in ("ours", "baseline"):
        for a, b in (("odd", "even"), ("even", "odd")):
            there = f1[(system, a)]
            top = max(there.values())
            ties = sorted(t for t in there if there[t] >= top - 1e-9)
            t = ties[len(ties) // 2]  # the middle of the best plateau
            row: dict[str, Any] = {
                "system": system, "chosen_on": a, "threshold": t, "f1_chosen_on": there[t],
                "scored_on": b, "f1_scored_on": f1[(system, b)][t],
            }  # fmt: skip
            if system == "ours":
                row["f1_default"] = default_f1[b]
            rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------ report


def sweep(
    name: str, fn: Callable[[float], dict[str, str]], values: Sequence[float], gold: dict[str, str]
) -> dict[str, Any]:
    rows = {round(v, 3): score(fn(v), gold) for v in values}
    best = max(rows, key=lambda v: (rows[v]["b3_f1"], -abs(rows[v]["stories"] - GOLD_STORIES)))
    return {"name": name, "best_threshold": best, "best": rows[best], "sweep": rows}


def confusion(pred: dict[str, str], gold: dict[str, str]) -> list[str]:
    """Per topic: each predicted story with how many ECB and ECB+ documents it holds."""
    lines = []
    topics = sorted({g.split("/")[0] for g in gold.values()}, key=int)
    for t in topics:
        members: dict[str, Counter[str]] = defaultdict(Counter)
        for d, g in gold.items():
            if g.startswith(t + "/"):
                members[pred[d]][g.split("/")[1]] += 1
        outside = Counter(pred[d] for d, g in gold.items() if not g.startswith(t + "/") and pred[d] in members)
        parts = []
        for sid, c in sorted(members.items(), key=lambda kv: -sum(kv[1].values())):
            tag = f"{c['ecb']}e+{c['ecbplus']}p"
            if c["ecb"] and c["ecbplus"]:
                tag += " MIXED"
            if outside[sid]:
                tag += f" (+{outside[sid]} other topic)"
            parts.append(tag)
        lines.append(f"  topic {t:>2}: " + ", ".join(parts))
    return lines


def fmt_row(label: str, thr: object, s: dict[str, float]) -> str:
    return (
        f"{label:<40} {thr!s:>5}  {s['b3_p']:.3f} {s['b3_r']:.3f} {s['b3_f1']:.3f}   "
        f"{s['pair_p']:.3f} {s['pair_r']:.3f} {s['pair_f1']:.3f}   {s['stories']:>3}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--keep-urls", action="store_true", help="keep the URL lines ECB+ documents start with")
    ap.add_argument("--no-cache", action="store_true", help="re-run spaCy instead of reading cached articles")
    ap.add_argument("--skip-ingest", action="store_true", help="skip the Corpus.ingest run (sweeps only)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "cluster.json", help="where to save the figures")
    ap.add_argument("--confusion", choices=["default", "best", "both", "none"], default="both")
    args = ap.parse_args()
    if not (args.data / "dev_text.txt").is_file():
        sys.exit(f"no ECB+ dev data at {args.data}: pass --data DIR (a folder with dev_text.txt)")

    from storyline.compare.cluster import ClusterConfig

    docs = load_docs(args.data)
    texts = {d: doc_text(s, args.keep_urls) for d, s in docs.items()}
    gold = {d: gold_label(d) for d in docs}
    n_gold = len(set(gold.values()))
    print(
        f"data: {args.data.name}: {len(docs)} documents, {len({g.split('/')[0] for g in gold.values()})} topics,"
        f" {n_gold} gold stories; URL lines {'kept' if args.keep_urls else 'dropped'}"
    )
    cache = None if args.no_cache else Path(tempfile.gettempdir()) / "storyline-bench-cluster"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_files(texts, folder)
        ingest_pred, ingest_info = (None, {}) if args.skip_ingest else run_ingest(folder)
        t = time.perf_counter()
        arts = analysed_articles(folder, cache)
        print(f"analysed {len(arts)} articles in {time.perf_counter() - t:.1f} s (cached when fast)")

    default = ClusterConfig()
    no_time = replace(default, date_agree_bonus=0.0, date_conflict=1.0, weekday_agree_bonus=0.0, weekday_conflict=1.0)
    no_ents = replace(default, w_content=1.0, w_entities=0.0)
    no_people = replace(default, w_persons=0.0, headline_person_conflict=1.0)
    content_only = replace(no_time, w_content=1.0, w_entities=0.0, w_persons=0.0, headline_person_conflict=1.0)
    ours_grid = [round(x, 3) for x in np.arange(0.05, 0.601, 0.01)]
    variants = {
        "ours": default,
        "ours, time signal off": no_time,
        "ours, entities off": no_ents,
        "ours, people off": no_people,
        "ours, content only": content_only,
    }

    def at(c: ClusterConfig) -> Callable[[float], dict[str, str]]:
        return lambda th: ours(arts, replace(c, threshold=th))

    sweeps = {name: sweep(name, at(cfg), ours_grid, gold) for name, cfg in variants.items()}
    at_default = {name: score(ours(arts, cfg), gold) for name, cfg in variants.items()}
    base_grid = [round(x, 3) for x in np.arange(0.30, 0.991, 0.01)]
    base_preds = baseline(texts, base_grid)
    base = sweep("baseline", lambda th: base_preds[th], base_grid, gold)

    header = (
        f"{'system':<40} {'thr':>5}  {'B3 P':>5} {'B3 R':>5} {'B3 F1':>5}   {'pr P':>5} {'pr R':>5} {'pr F1':>5}   #st"
    )
    print()
    print(header)
    print("-" * len(header))
    if ingest_pred is not None:
        print(fmt_row("ours via Corpus.ingest (default)", default.threshold, score(ingest_pred, gold)))
    for name in variants:
        print(fmt_row(f"{name} (default)", default.threshold, at_default[name]))
    for name in variants:
        s = sweeps[name]
        print(fmt_row(f"{name} (best swept)", s["best_threshold"], s["best"]))
    print("(content only = time signal, entities and people off)")
    print(fmt_row("baseline TF-IDF+avg-link (best swept)", base["best_threshold"], base["best"]))
    print(f"gold: {n_gold} stories. 'best swept' = threshold tuned on this same dev data: an optimistic figure.")
    print("thr: similarity threshold for ours; cosine distance threshold for the baseline.")

    held_out = leave_topics_out(arts, texts, gold, default, ours_grid, base_grid)
    print("\nleave topics out (each half clustered alone; threshold chosen on one half, B3 F1 on the other):")
    for row in held_out:
        print(
            f"  {row['system']:<9} chosen on {row['chosen_on']:<4} thr {row['threshold']!s:>5} "
            f"(F1 there {row['f1_chosen_on']:.3f}) → {row['scored_on']:<4} F1 {row['f1_scored_on']:.3f}"
            + (f"; ours at default thr on {row['scored_on']}: {row['f1_default']:.3f}" if "f1_default" in row else "")
        )
    one_event = {
        half: score(ours(sub, default), {d: gold[d] for d in docs_of(sub)})
        for half, sub in subsets(arts, gold, "event").items()
    }
    print("one event per topic (8 gold stories each), ours at the default threshold:")
    for half, sc in one_event.items():
        print(fmt_row(f"  only {half} documents", default.threshold, sc))

    default_pred = ours(arts, default)
    if ingest_pred is not None and score(ingest_pred, gold) != score(default_pred, gold):
        print("note: Corpus.ingest and the direct stages disagree (article order from the store differs)")
    best_pred = ours(arts, replace(default, threshold=sweeps["ours"]["best_threshold"]))
    shows = {
        "default": [("ours, default threshold", default_pred)],
        "best": [("ours, best swept threshold", best_pred)],
        "none": [],
    }
    shows["both"] = shows["default"] + shows["best"]
    shows["both"].append(("baseline, best swept threshold", base_preds[base["best_threshold"]]))
    for label, pred in shows[args.confusion]:
        print(f"\nper-topic confusion, {label} (each predicted story: ECB docs e + ECB+ docs p):")
        print("\n".join(confusion(pred, gold)))

    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": {
            "path": shown_path(args.data / "dev_text.txt"),
            "documents": len(docs),
            "topics": sorted({int(g.split("/")[0]) for g in gold.values()}),
            "gold_stories": n_gold,
            "gold": "(topic, ecb | ecbplus) from the doc id",
            "text": "detokenised, one sentence per line, first line may be the title; "
            + ("URL lines kept" if args.keep_urls else "URL lines dropped")
            + "; no publication dates given",
        },
        "caveat": "best thresholds are tuned and scored on the same dev data (optimistic); the default is untuned",
        "config_default": asdict(default),
        "ingest": {"score": score(ingest_pred, gold), **ingest_info} if ingest_pred is not None else None,
        "at_default_threshold": at_default,
        "confusion_default": [line.strip() for line in confusion(default_pred, gold)],
        "swept": {k: {kk: vv for kk, vv in v.items() if kk != "name"} for k, v in sweeps.items()},
        "leave_topics_out": held_out,
        "one_event_per_topic": one_event,
        "baseline": {
            "method": "TfidfVectorizer(stop_words='english', sublinear_tf=True) + "
            "AgglomerativeClustering(metric='cosine', linkage='average', distance_threshold)",
            **{k: v for k, v in base.items() if k != "name"},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    shown = args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out
    print(f"\nsaved {shown}")


if __name__ == "__main__":
    main()
