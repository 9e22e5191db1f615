"""What the one stemmer (``storyline.lexicon.stem``) costs and how it was chosen, beside Snowball English and the
statements' former stemmer.

    python bench/stemmer.py [--repeat N] [--candidates DIR] [--out FILE]
    python bench/stemmer.py --as snowball|clauses SCRIPT [ARGS...]

Data: the texts of ECB+ dev (196 documents) and TBAQ (256), read as ``bench/cluster.py`` reads them. Per
stemmer:

* words/s stemming every word of the texts afresh (no cache), and through an ``lru_cache`` as
  :func:`storyline.lexicon.stem` is called (the cache empty first, one pass in text order: what a run pays);
* how much it folds: the distinct stems of the texts' distinct words, and the share stemmed as the lexicon does;
* an article's profile (:func:`storyline.compare.storypairs.profile`: its words, key words, people, places,
  dates) in ms per article, the stem cache empty first, and clustering a stream: every article filed alone by
  :meth:`StoryIndex.add <storyline.compare.storyindex.StoryIndex.add>` in date order, in ms per article, with
  the stored model.

Peers: Snowball English through ``snowballstemmer``'s pure Python and through PyStemmer's C code when that is
installed (neither is a dependency: ``snowballstemmer`` is in the ``bench`` extra), with the lexicon's
lower-casing and possessive; the statements' former stemmer (``compare/clauses.py``'s, kept here as it was; the
story pairs' former one is the lexicon's). Best of ``--repeat`` runs, interleaved.

How the stemmer was chosen: ``--as NAME SCRIPT ARGS`` runs a bench script with :func:`storyline.lexicon.stem`
replaced by a candidate (before anything imports it), e.g.
``bench/stemmer.py --as snowball bench/cluster.py --skip-ingest --no-ablations --out DIR/cluster-snowball.json``
and ``bench/stemmer.py --as snowball bench/compare.py --fit --out DIR/compare-snowball.json`` (the lexicon's own:
``cluster-light.json``, ``compare-light.json``; the code before one stemmer: ``cluster-before.json``,
``compare-before.json``). ``--candidates DIR`` reads those files and keeps their held-out figures beside the
costs. Writes ``bench/results/stemmer.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def snowball_with(stemmer: Any) -> Callable[[str], str]:
    """Snowball English through ``stemmer``, after the lexicon's lower-casing and possessive."""

    def snowball(word: str) -> str:
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'-")
        return str(stemmer.stemWord(w)) if w else w

    return snowball


def light_clauses(word: str) -> str:
    """compare/clauses.py's stemmer before the lexicon's (the statements' content stems, the timeline)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix) and not w.endswith("ss"):
            return w[: -len(suffix)]
    return w


def stemmers() -> dict[str, Callable[[str], str]]:
    """The stemmers measured, uncached, by name (a peer whose package is not installed is left out)."""
    from storyline import lexicon

    out: dict[str, Callable[[str], str]] = {"lexicon.stem": lexicon.stem.__wrapped__}  # type: ignore[attr-defined]
    try:
        import snowballstemmer.english_stemmer

        out["snowball (pure Python)"] = snowball_with(snowballstemmer.english_stemmer.EnglishStemmer())
    except ImportError:
        pass
    try:
        import Stemmer  # type: ignore[import-not-found]

        out["snowball (PyStemmer C)"] = snowball_with(Stemmer.Stemmer("english"))
    except ImportError:
        pass
    out["light (clauses before)"] = light_clauses
    return out


def _snowball() -> Callable[[str], str]:
    import snowballstemmer

    return snowball_with(snowballstemmer.stemmer("english"))


CANDIDATES: dict[str, Callable[[], Callable[[str], str]]] = {"snowball": _snowball, "clauses": lambda: light_clauses}
#: The held-out rows of bench/cluster.py's and bench/compare.py's results kept per candidate.
CLUSTER_ROWS = ("[joint] ecbplus-dev held out: ours", "[joint] tbaq held out: ours", "[ecb] ecbplus-dev held out: ours",
                "[joint] ecbplus-dev held out: baseline", "[joint] tbaq held out: baseline")  # fmt: skip
COMPARE_ROWS = ("ours (sentence units), leave one story out (held out)", "tfidf baseline (leave one story out)")
COMPARE_FIGURES = ("cell accuracy", "false-reported rate", "false-omission rate", "rows per fact", "fact recall")


def run_as(name: str, argv: list[str]) -> None:
    """Run the bench script ``argv[0]`` with ``lexicon.stem`` replaced by the candidate ``name``."""
    import runpy

    from storyline import lexicon

    lexicon.stem = lru_cache(maxsize=1 << 16)(CANDIDATES[name]())  # type: ignore[assignment]
    sys.argv = argv
    runpy.run_path(argv[0], run_name="__main__")


def candidates(folder: Path) -> dict[str, Any]:
    """Per candidate (``cluster-NAME.json`` and ``compare-NAME.json`` in ``folder``): the held-out figures."""
    out: dict[str, Any] = {}
    for path in sorted(folder.glob("cluster-*.json")):
        name = path.stem.removeprefix("cluster-")
        rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
        row: dict[str, Any] = {f"B3 F1 {k}": rows[k]["b3_f1"] for k in CLUSTER_ROWS if k in rows}
        other = folder / f"compare-{name}.json"
        if other.exists():
            res = json.loads(other.read_text(encoding="utf-8"))
            for k in COMPARE_ROWS:
                pooled = res.get(k, {}).get("pooled held-out", {})
                row.update({f"{k}: {f}": pooled.get(f) for f in COMPARE_FIGURES})
        out[name] = row
    return out


def texts_and_articles(cache: Path) -> tuple[list[str], list[Any]]:
    """The ECB+ dev and TBAQ texts, and their analysed articles (cached as bench/cluster.py caches them)."""
    from cluster import DEFAULT_DATA, analysed_articles, doc_text, load_docs, write_files  # type: ignore[import-not-found]
    from cluster_fit import load_tbaq  # type: ignore[import-not-found]

    docs = load_docs(DEFAULT_DATA)
    texts = {d: doc_text(s) for d, s in docs.items()}
    with tempfile.TemporaryDirectory() as tmp:
        write_files(texts, Path(tmp))
        arts = analysed_articles(Path(tmp), cache)
    tbaq = load_tbaq(cache=cache)
    return [*texts.values(), *tbaq.texts.values()], [*arts, *tbaq.arts]


def stream(arts: list[Any]) -> tuple[float, float]:
    """Seconds to profile every article, and to file each alone in date order (StoryIndex.add)."""
    from storyline.compare.storyindex import StoryIndex
    from storyline.compare.storypairs import profile

    t = time.perf_counter()
    profiles = [profile(a) for a in arts]
    prof_s = time.perf_counter() - t
    index = StoryIndex()
    t = time.perf_counter()
    for p in sorted(profiles, key=lambda p: (p.event[0] if p.event else 0, p.article_id)):
        index.add(p)
    return prof_s, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "stemmer.json")
    ap.add_argument("--candidates", type=Path, metavar="DIR", help="keep the held-out figures of the runs in DIR")
    ap.add_argument("--as", dest="as_", choices=sorted(CANDIDATES), help="run SCRIPT with this stemmer instead")
    ap.add_argument("script", nargs=argparse.REMAINDER, help="with --as: a bench script and its arguments")
    args = ap.parse_args()
    if args.as_:
        run_as(args.as_, args.script)
        return

    from storyline import lexicon
    from storyline.compare import storypairs

    texts, arts = texts_and_articles(Path(tempfile.gettempdir()) / "storyline-bench-cluster")
    words = [w for t in texts for w in _WORD.findall(t)]
    vocab = sorted(set(words))
    print(f"{len(texts)} texts, {len(words):,} words, {len(vocab):,} distinct")
    fns = stemmers()
    timings: dict[str, dict[str, float]] = {name: {} for name in fns}
    for _ in range(args.repeat):  # interleaved, so a busy moment of the machine falls on every stemmer alike
        for name, fn in fns.items():
            cached = lru_cache(maxsize=1 << 16)(fn)
            t = time.perf_counter()
            for w in words:
                fn(w)
            plain_s = time.perf_counter() - t
            t = time.perf_counter()
            for w in words:
                cached(w)
            cached_s = time.perf_counter() - t
            cached.cache_clear()
            storypairs.stem = cached  # what profile() calls (storypairs.words), its cache empty
            prof_s, add_s = stream(arts)
            for key, v in (("plain", plain_s), ("cached", cached_s), ("profile", prof_s), ("add", add_s)):
                timings[name][key] = min(v, timings[name].get(key, v))
    reference = {w: fns["lexicon.stem"](w) for w in vocab}
    rows: dict[str, dict[str, Any]] = {}
    for name, fn in fns.items():
        stems = {w: fn(w) for w in vocab}
        t = timings[name]
        rows[name] = {
            "words_per_s": round(len(words) / t["plain"]),
            "words_per_s_cached": round(len(words) / t["cached"]),
            "distinct_stems": len(set(stems.values())),
            "same_stem_as_lexicon": round(sum(stems[w] == reference[w] for w in vocab) / len(vocab), 4),
            "profile_ms_per_article": round(t["profile"] * 1000 / len(arts), 2),
            "stream_add_ms_per_article": round(t["add"] * 1000 / len(arts), 2),
        }
        r = rows[name]
        print(
            f"  {name:<26} {r['words_per_s']:>10,} words/s, {r['words_per_s_cached']:>10,} cached; "
            f"{r['distinct_stems']:,} stems ({r['same_stem_as_lexicon']:.1%} as lexicon.stem's); profile "
            f"{r['profile_ms_per_article']} ms, stream add {r['stream_add_ms_per_article']} ms per article"
        )
    storypairs.stem = lexicon.stem
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": {"texts": len(texts), "words": len(words), "distinct_words": len(vocab),
                 "sets": "ECB+ dev (../shared/data/ecbplus-dev) and TBAQ (../shared/data/tempeval3-train)"},
        "repeat": args.repeat,
        "stemmers": rows,
        "candidates": candidates(args.candidates) if args.candidates else None,
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    shown = args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out
    print(f"saved {shown}")


if __name__ == "__main__":
    main()
