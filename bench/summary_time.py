"""What the story summary costs per story, by story size, and whether a cheaper selection gives the same summary.

    python bench/summary_time.py [--store DB] [--min-articles 5] [--tile 5530] [--repeat 2] [--variants A,B]
                                 [--out FILE]

Stories: bench/summary.py's 8 ECB+ and 7 TBAQ stories (its cached analysed articles; claims built as a story's
build builds them), and, with ``--store``, the stories of a store kept by the corpus index (read only, opened
with ``mode=ro``; its stored articles as the story build reads them) of at least ``--min-articles`` articles. A
tiled store (bench/web_scale.py) repeats each story every ``--tile`` stories with the same texts, so only the
first tile's stories are taken (0: all). Store stories are summarised without their claims and timeline (the
claims only add cites to the chosen sentences; the selection never reads them).

Each story is summarised at the shipped :class:`~storyline.compare.summary.SummaryConfig` (``shipped``) and at
each variant (:data:`VARIANTS`), ``--repeat`` times each, the fastest CPU time (``time.process_time``) kept: the
whole :func:`~storyline.compare.summary.summarize` call, and its selection alone (the ILP, or the greedy where
it falls back). Printed: p50/p95/max over the stories per variant, per size band (articles), and how many
stories' summaries differ from the shipped one's (same sentences, same order); each summary's digest is kept,
so runs of two versions of the code can be compared story by story. Summary quality is measured by
bench/summary.py (ROUGE-2 against references), not here.

Writes bench/results/summary_time.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from storyline.compare import summary as S  # noqa: E402
from storyline.model import Article  # noqa: E402

#: The settings compared with the shipped ones: name -> SummaryConfig fields changed.
VARIANTS: dict[str, dict[str, Any]] = {
    "shipped": {},
    "greedy": {"solver": "greedy"},
}
BANDS = ((1, 4), (5, 9), (10, 19), (20, 49), (50, 10**9))


@dataclass
class Item:
    set: str
    name: str
    articles: list[Article]
    claims: list[Any]
    happenings: list[Any]


def bench_stories() -> list[Item]:
    """bench/summary.py's stories, analysed (its cache), with their claims and timeline."""
    import summary as bench  # bench/summary.py

    from storyline.compare.story import reading_order, story_claims
    from storyline.compare.timeline import timeline

    cache = Path(tempfile.gettempdir()) / "storyline-bench-summary"
    out = []
    for st in bench.load_stories("both", bench.DEFAULT_DATA, bench.TBAQ):
        arts, ents = bench.analysed(st.files, cache)
        arts = reading_order(arts)
        tl = timeline(arts)
        out.append(Item(st.set, st.name, arts, story_claims("s1", arts, ents, tl), tl))
    return out


def store_stories(db: Path, min_articles: int, tile: int) -> list[Item]:
    """The store's stories of at least ``min_articles`` articles (the first tile's), read only."""
    from storyline.compare.story import reading_order
    from storyline.store.sqlite import _article

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT story_id, count(*) FROM articles WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) >= ?",
        (min_articles,),
    ).fetchall()
    ids = sorted((r[0] for r in rows if not tile or int(r[0][1:]) < tile), key=lambda s: int(s[1:]))
    out = []
    for sid in ids:
        arts = [
            _article(r)
            for r in conn.execute("SELECT json, raw, story_id, duplicate_of FROM articles WHERE story_id = ?", (sid,))
        ]
        out.append(Item("store", sid, reading_order(arts), [], []))
    conn.close()
    return out


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return out, best


def run_one(it: Item, cfg: S.SummaryConfig, repeat: int) -> dict[str, Any]:
    """One story at one setting: the summary's sentences, its CPU seconds, the selection's alone."""
    sel = {"s": 0.0}
    ilp, greedy = S.select_ilp, S.select_greedy

    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        def g(*a: Any, **k: Any) -> Any:
            t = time.process_time()
            try:
                return f(*a, **k)
            finally:
                sel["s"] += time.process_time() - t

        return g

    S.select_ilp, S.select_greedy = wrap(ilp), wrap(greedy)  # type: ignore[assignment]
    try:
        out, secs = timed(lambda: S.summarize(it.claims, it.articles, config=cfg, happenings=it.happenings), repeat)
    finally:
        S.select_ilp, S.select_greedy = ilp, greedy  # type: ignore[assignment]
    return {"text": [s.text for s in out], "seconds": secs, "select": sel["s"] / repeat}


def pct(xs: Sequence[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, default=None, help="a corpus-index store (read only)")
    ap.add_argument("--min-articles", type=int, default=5)
    ap.add_argument("--tile", type=int, default=5530, help="a tiled store's stories per tile (0: every story)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--no-bench-stories", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "summary_time.json")
    args = ap.parse_args()
    items = [] if args.no_bench_stories else bench_stories()
    if args.store:
        items += store_stories(args.store, args.min_articles, args.tile)
    shipped = S.SummaryConfig()
    names = args.variants.split(",")
    rows: list[dict[str, Any]] = []
    for it in items:
        originals = [a for a in it.articles if not a.duplicate_of] or it.articles
        row: dict[str, Any] = {
            "set": it.set,
            "story": it.name,
            "articles": len(it.articles),
            "sentences": sum(len(a.sentences) for a in originals),
            "candidates": len(S.candidates(originals, shipped)),
        }
        base: list[str] | None = None
        for name in names:
            r = run_one(it, replace(shipped, **VARIANTS[name]), args.repeat)
            base = r["text"] if base is None else base
            row[name] = {
                "seconds": round(r["seconds"], 4),
                "select": round(r["select"], 4),
                "same": r["text"] == base,
                "digest": hashlib.sha256("\n".join(r["text"]).encode("utf-8")).hexdigest()[:12],
            }
        rows.append(row)
        size = f"{row['articles']:>4} art {row['sentences']:>5} sent {row['candidates']:>4} cand"
        times = [f"{n} {row[n]['seconds']:.3f}/{row[n]['select']:.3f}{'' if row[n]['same'] else '*'}" for n in names]
        print(f"{it.set:<5} {it.name:<24} {size}  " + "  ".join(times), flush=True)
    result: dict[str, Any] = {}
    print(f"\n{'variant':<16} {'stories':>7} {'p50':>7} {'p95':>7} {'max':>7}  {'sel p50':>7} {'sel p95':>7}  differ")
    for name in names:
        secs = [r[name]["seconds"] for r in rows]
        sel = [r[name]["select"] for r in rows]
        differ = [r["story"] for r in rows if not r[name]["same"]]
        result[name] = {
            "settings": VARIANTS[name],
            "p50": round(pct(secs, 0.5), 4),
            "p95": round(pct(secs, 0.95), 4),
            "max": round(max(secs), 4),
            "select_p50": round(pct(sel, 0.5), 4),
            "select_p95": round(pct(sel, 0.95), 4),
            "differ": differ,
            "bands": {},
        }
        print(
            f"{name:<16} {len(rows):>7} {pct(secs, 0.5):7.3f} {pct(secs, 0.95):7.3f} {max(secs):7.3f}  "
            f"{pct(sel, 0.5):7.3f} {pct(sel, 0.95):7.3f}  {len(differ)}"
        )
        for lo, hi in BANDS:
            band = [r[name]["seconds"] for r in rows if lo <= r["articles"] <= hi]
            if band:
                result[name]["bands"][f"{lo}-{hi if hi < 10**9 else ''}"] = {
                    "stories": len(band),
                    "p50": round(pct(band, 0.5), 4),
                    "p95": round(pct(band, 0.95), 4),
                }
                label = f"{lo:>3}-{hi if hi < 10**9 else '':<4} articles: {len(band):>4} stories"
                print(f"   {label} p50 {pct(band, 0.5):.3f} p95 {pct(band, 0.95):.3f}")
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "clock": "CPU seconds (time.process_time), fastest of --repeat",
        "shipped": asdict(shipped),
        "store": args.store.name if args.store else None,
        "min_articles": args.min_articles,
        "variants": result,
        "per_story": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
