"""Stories filed one article at a time on streams of yearly copies: do they keep to the window, as the full run does?

    python bench/story_window.py [--base-store DB] [--sizes 1000,10000] [--latency 1000,10000,100000]
                                 [--before-src DIR] [--out FILE]

A story is one happening and its developments; the batch clustering never puts two articles dated further apart
than the fitted window (``cluster.max_days_apart``) in one story. Articles filed one at a time through the
streaming index (:class:`storyline.compare.storyindex.StoryIndex`: the full run beyond ``BATCH_LIMIT`` articles,
and an ingest by the corpus index whose neighbourhood is over ``NEIGHBOURHOOD_LIMIT``) are scored against their
stories' members nearest in time. Streams of copies dated a year apart tell whether a story still keeps to the
window, or grows one copy at a time.

Data (each stream filed in order of its event dates, as ``assign_stories`` files a large corpus, one child
process per stream and code):

* ``polnear``: the synthetic articles of bench/corpus_scale.py (:func:`corpus_scale.synthetic`: copy k of the 838
  analysed PolNeAR train texts of ``--base-store`` dated k years later, lightly edited): the stream
  bench/memory.py and bench/corpus_growth.py grow their stores with. Entities are made canonical over the whole
  stream (as the full run does). PolNeAR has no gold stories: the gold story of copy k of an article is (the story
  the batch clustering makes of it among the 838 base articles, k), so B-cubed here is agreement with the batch
  clustering's stories, each copy a story of its own year;
* ``ecb+tbaq``: the 452 ECB+ dev and TBAQ articles of bench/cluster.py (its cached analysis), copy k with every
  event date k years later (an undated one dated a day of its copy's first month, as ``cluster_fit.stream_bench``
  dates them); gold: (copy, data set, hand-made story).

For each stream size: stories and gold stories, B-cubed P/R/F1, the largest story (articles, copies it holds,
days from its first to its last event date), the stories holding two articles dated further apart than the
window, and the filing time of the last 300 articles (p50/p95, ms). ``--latency`` also runs
``cluster_fit.stream_bench`` (adding one article to stores of those sizes, their stories loaded as given) with each
code. ``--before-src`` runs every measure with that checkout's ``src`` too, side by side on the same machine.
Writes bench/results/story_window.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

TAIL = 300  # the last articles of a stream whose filing is timed
DATA = {
    "polnear N": "the first N synthetic articles of corpus_scale.synthetic (copy k of the 838 analysed PolNeAR train"
    " texts dated k years later, lightly edited), entities canonical over them; gold: (the batch clustering's story"
    " of the base article among the 838, k): agreement with the batch clustering, each copy its own year's story",
    "ecb+tbaq N": "the first N yearly copies of the 452 ECB+ dev and TBAQ profiles (every event date k years later;"
    " undated ones a day of their copy's first month); gold: (k, data set, hand-made story)",
    "latency N": "cluster_fit.stream_bench at N articles (copies 15 days apart, their stories loaded as given): adding"
    " one article, 300 probes",
    "filing": "every article alone through StoryIndex in event-date order (the full run beyond BATCH_LIMIT);"
    " last_adds_ms: the last 300; beyond_window: stories holding two articles dated further apart than the window",
}


def _polnear(base_db: str, n: int) -> tuple[list[Any], dict[str, str]]:
    """The first ``n`` synthetic articles' profiles (entities canonical over them) and their gold stories."""
    import corpus_scale as cs

    from storyline.analyse.entities import canonicalize
    from storyline.compare.cluster import assign_stories
    from storyline.compare.storypairs import profile

    base = cs.base_articles(base_db)
    for a in base:
        for m in a.mentions:
            m.entity_id = None
    canonicalize(base)
    story = {aid: sid for sid, ids in assign_stories(base, {}).items() for aid in ids}  # the batch clustering's
    arts = list(cs.synthetic(base, n))
    canonicalize(arts)
    gold = {a.id: f"{i // len(base)}:{story[base[i % len(base)].id]}" for i, a in enumerate(arts)}
    return [profile(a) for a in arts], gold


def _ecb_tbaq(n: int) -> tuple[list[Any], dict[str, str]]:
    """Profiles of the first ``n`` yearly copies of the ECB+ dev and TBAQ articles, and their gold stories."""
    from storyline.compare.storypairs import profile

    base = []
    for ds in _datasets():
        for i, a in enumerate(ds.arts):
            p = profile(a)
            day = p.event or (730120 + (i * 7) % 30,) * 2  # undated: a day of the first month (from 2000-01-01)
            base.append((p, day, f"{ds.name}:{ds.gold[ds.docs[i]]}"))
    profiles, gold = [], {}
    for m in range(n):
        k, (p, (lo, hi), story) = m // len(base), base[m % len(base)]
        q = dataclasses.replace(p, article_id=f"{k}:{p.article_id}", event=(lo + 365 * k, hi + 365 * k))
        profiles.append(q)
        gold[q.article_id] = f"{k}:{story}"
    return profiles, gold


def _datasets() -> list[Any]:
    """ECB+ dev and TBAQ as bench/cluster.py loads them (its analysis cache), entities made canonical."""
    import cluster as cb
    from cluster_fit import Dataset, load_tbaq

    cache = Path(tempfile.gettempdir()) / "storyline-bench-cluster"
    docs = cb.load_docs(cb.DEFAULT_DATA)
    texts = {d: cb.doc_text(s) for d, s in docs.items()}
    gold = {d: cb.gold_label(d) for d in docs}
    with tempfile.TemporaryDirectory() as tmp:
        cb.write_files(texts, Path(tmp))
        by_doc = {cb.doc_of(a.path): a for a in cb.analysed_articles(Path(tmp), cache)}
    ids = list(docs)
    ecb = Dataset("ecbplus-dev", ids, gold, {d: gold[d].split("/")[0] for d in ids}, texts, [by_doc[d] for d in ids])
    out = [ecb, load_tbaq(cache=cache)]
    from storyline.analyse.entities import canonicalize

    for ds in out:
        canonicalize(ds.arts)
    return out


def file_stream(profiles: list[Any], gold: dict[str, str]) -> dict[str, Any]:
    """File every profile alone in event-date order (as ``assign_stories`` files a large corpus) and score it."""
    import numpy as np
    from cluster import bcubed

    from storyline.compare.cluster import ClusterConfig
    from storyline.compare.storyindex import StoryIndex

    cfg = ClusterConfig()
    window = cfg.resolved()[0].max_days
    index = StoryIndex(cfg)
    lat = []
    t0 = time.perf_counter()
    for p in sorted(profiles, key=lambda p: p.event[0] if p.event else 0):
        t = time.perf_counter()
        index.add(p)
        lat.append(time.perf_counter() - t)
    seconds = time.perf_counter() - t0
    pred = {p.article_id: index.story_of[p.article_id] for p in profiles}
    prec, rec, f1 = bcubed(pred, gold)
    events = {p.article_id: p.event for p in profiles}
    members: dict[str, list[str]] = defaultdict(list)
    for aid, sid in pred.items():
        members[sid].append(aid)

    def days(ids: list[str]) -> int:
        known = [events[i] for i in ids if events[i] is not None]
        return max(e[1] for e in known) - min(e[0] for e in known) if known else 0

    def beyond(ids: list[str]) -> bool:
        known = [e for i in ids if (e := events[i]) is not None]
        return bool(known) and max(e[0] for e in known) - min(e[1] for e in known) > window

    largest = max(members.values(), key=len)
    over = [ids for ids in members.values() if beyond(ids)]
    tail = np.array(lat[-TAIL:]) * 1000
    return {
        "articles": len(profiles), "stories": len(members), "gold_stories": len(set(gold.values())),
        "b3_p": round(prec, 4), "b3_r": round(rec, 4), "b3_f1": round(f1, 4),
        "largest_story": {"articles": len(largest), "copies": len({gold[i].split(":", 1)[0] for i in largest}),
                          "days": days(largest)},
        "beyond_window": {"stories": len(over), "articles": sum(len(ids) for ids in over), "window_days": window},
        "file_s": round(seconds, 1),
        "last_adds_ms": {"p50": round(float(np.percentile(tail, 50)), 1),
                         "p95": round(float(np.percentile(tail, 95)), 1)},
    }  # fmt: skip


def child(kind: str, arg: str, n: int) -> dict[str, Any]:
    if kind == "latency":
        from cluster_fit import stream_bench

        return stream_bench(_datasets(), [n])
    profiles, gold = _polnear(arg, n) if kind == "polnear" else _ecb_tbaq(n)
    return file_stream(profiles, gold)


def run_child(src: Path, kind: str, arg: str, n: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, __file__, "--child", kind, arg, str(n)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{kind} {n} with {src} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-store", help="the analysed PolNeAR train store (bench/corpus_scale.py's base store)")
    ap.add_argument("--sizes", default="1000,10000", help="stream sizes (articles)")
    ap.add_argument("--latency", default="", metavar="SIZES", help="also cluster_fit.stream_bench at these sizes")
    ap.add_argument("--before-src", type=Path, help="a checkout's src to measure beside this one")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "story_window.json")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, arg, n = args.child
        print(json.dumps(child(kind, arg, int(n))))
        return
    if args.base_store and not Path(args.base_store).is_file():
        sys.exit(
            f"no store at {args.base_store}: give --base-store the analysed PolNeAR store of bench/corpus_scale.py"
        )
    codes = {"after": ROOT / "src", **({"before": args.before_src} if args.before_src else {})}
    sizes = [int(x) for x in args.sizes.split(",") if x]
    jobs = [("ecb+tbaq", "", n) for n in sizes] + [("polnear", args.base_store, n) for n in sizes if args.base_store]
    jobs += [("latency", "", int(x)) for x in args.latency.split(",") if x]
    out: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "data": DATA,
        "streams": defaultdict(dict),
    }
    for kind, arg, n in jobs:
        for code, src in codes.items():
            t = time.perf_counter()
            got = run_child(src, kind, arg, n)
            got["load_before"] = round(os.getloadavg()[0], 1)
            out["streams"][f"{kind} {n}"][code] = got
            print(f"{kind} {n} [{code}] ({time.perf_counter() - t:.0f} s): {json.dumps(got)}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.out.name}")


if __name__ == "__main__":
    main()
