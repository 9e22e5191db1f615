"""The *analyse* and *dates* stages through Storyline's spaCy components, beside the code before them, in one run.

    python bench/analysis_pipes.py [--data DIR] [--limit N] [--rounds R] [--n-process P] [--out NAME]

Data: the real articles of ../shared/data/polnear/data/train/text (default), read and cleaned once. Each round
analyses fresh copies of them twice, the two ways in turn (the order swapped every round, so a load that other
jobs put on the machine falls on both):

* ``components``: :func:`storyline.pipeline.analyse` — one ``nlp.pipe`` through the model and Storyline's
  components (:data:`storyline.pipeline.STAGES`' pipes), the annotations read off ``doc._``;
* ``functions``: the code before (kept below) — ``nlp.pipe`` through the model alone, then each analysis function
  called on the doc, then :func:`storyline.pipeline.date_article` on the article.

Both get the same loaded model (the components disabled for ``functions``). Prints articles/s per way (the total
over the rounds, and each round's) by the clock and per CPU second of this process (other jobs on the machine
move the first, hardly the second; with ``--n-process`` the work is in other processes: read the clock),
checks that both give every article the same annotations, and writes bench/results/analysis_pipes.json (or
``--out``).
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
WARM_UP = 8
"""Articles each way analyses once, untimed, before the rounds."""


def analyse_functions(articles: Sequence[Any], nlp: Any, batch_size: int = 32, n_process: int = 1) -> None:
    """The *analyse* and *dates* stages as the pipeline ran them before its components (texts parsed whole)."""
    from storyline.analyse.entities import mentions_from_doc
    from storyline.analyse.events import events_from_doc
    from storyline.analyse.nlp import PIPES
    from storyline.analyse.numbers import numbers_from_doc
    from storyline.analyse.quotes import quotes_from_doc
    from storyline.analyse.statements import statements_from_doc
    from storyline.pipeline import CHUNK_CHARS, date_article, sentences_from_doc

    kwargs: dict[str, Any] = {"batch_size": batch_size, "disable": list(PIPES)}
    if n_process > 1:
        kwargs["n_process"] = n_process
    texts = [a.text for a in articles]
    docs = nlp.pipe(texts, **kwargs) if n_process > 1 else _pipe_bounded(nlp, texts, CHUNK_CHARS, kwargs)
    for art, doc in zip(articles, docs, strict=True):
        doc.user_data["storyline.text"] = art.text
        art.sentences = sentences_from_doc(doc)
        art.mentions = mentions_from_doc(doc)
        art.numbers = numbers_from_doc(doc)
        art.quotes = quotes_from_doc(doc, art.mentions)
        art.statements = statements_from_doc(doc, art.sentences)
        art.events = events_from_doc(doc, art.sentences, art.id)
    for art in articles:
        date_article(art)


def _pipe_bounded(nlp: Any, texts: Iterable[str], budget: int, kwargs: dict[str, Any]) -> Iterator[Any]:
    """``nlp.pipe`` over groups of texts of at most ``budget`` characters together, as before."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > budget:
            yield from nlp.pipe(group, **kwargs)
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield from nlp.pipe(group, **kwargs)


def analyse_components(articles: Sequence[Any], nlp: Any, batch_size: int = 32, n_process: int = 1) -> None:
    from storyline.pipeline import analyse

    analyse(articles, nlp, batch_size, n_process)


WAYS: dict[str, Callable[..., None]] = {"components": analyse_components, "functions": analyse_functions}


def cleaned(data: Path, limit: int | None) -> list[Any]:
    from storyline.ingest.readers import read_file
    from storyline.pipeline import clean_new

    paths = sorted(p for p in data.iterdir() if p.is_file())[: limit or None]
    docs = [(d, {}) for p in paths for d in read_file(p)[0]]
    return clean_new(docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--out", default="analysis_pipes.json", help="results file name in bench/results")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}: pass --data DIR (a folder of plain-text articles)")
    from storyline.analyse.nlp import load_nlp

    nlp = load_nlp()
    arts = cleaned(args.data, args.limit)
    chars = sum(len(a.text) for a in arts)
    for way in WAYS:  # the first pass of each pays for what is loaded on first use: untimed
        WAYS[way](copy.deepcopy(arts[:WARM_UP]), nlp, n_process=args.n_process)
    seconds: dict[str, list[float]] = {way: [] for way in WAYS}
    cpu: dict[str, list[float]] = {way: [] for way in WAYS}
    results: dict[str, list[dict[str, Any]]] = {}
    for r in range(args.rounds):
        for way in sorted(WAYS, reverse=r % 2 == 1):
            mine = copy.deepcopy(arts)
            t, c = time.perf_counter(), time.process_time()
            WAYS[way](mine, nlp, n_process=args.n_process)
            seconds[way].append(time.perf_counter() - t)
            cpu[way].append(time.process_time() - c)
            results[way] = [a.to_json() for a in mine]
            print(
                f"round {r + 1} {way:<10} {len(arts) / seconds[way][-1]:6.2f} articles/s"
                f" ({len(arts) / cpu[way][-1]:6.2f} per CPU second of this process)",
                flush=True,
            )
    same = results["components"] == results["functions"]
    differ = [a["path"] for a, b in zip(results["components"], results["functions"], strict=True) if a != b]
    rate = {way: len(arts) * args.rounds / sum(s) for way, s in seconds.items()}
    cpu_rate = {way: len(arts) * args.rounds / sum(s) for way, s in cpu.items()}
    print(f"data: {args.data.name} ({len(arts)} articles, {chars / 1e6:.2f} M chars), {args.rounds} rounds")
    for way in WAYS:
        rounds = ", ".join(f"{len(arts) / s:.2f}" for s in seconds[way])
        print(f"{way:<10}: {rate[way]:6.2f} articles/s (rounds: {rounds}); {cpu_rate[way]:6.2f} per CPU second")
    print(
        f"components / functions: {rate['components'] / rate['functions']:.3f} (wall),"
        f" {cpu_rate['components'] / cpu_rate['functions']:.3f} (CPU)"
    )
    print(f"same annotations for every article: {same}" + (f" (differ: {differ[:5]})" if differ else ""))
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": str(args.data.relative_to(ROOT.parent)) if args.data.is_relative_to(ROOT.parent) else args.data.name,
        "articles": len(arts),
        "chars": chars,
        "rounds": args.rounds,
        "n_process": args.n_process,
        "seconds": seconds,
        "articles_per_s": rate,
        "cpu_seconds": cpu,
        "articles_per_cpu_s": cpu_rate,
        "median_round_articles_per_s": {w: len(arts) / statistics.median(s) for w, s in seconds.items()},
        "same_annotations": same,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"saved {HERE / 'results' / args.out}")


if __name__ == "__main__":
    main()
