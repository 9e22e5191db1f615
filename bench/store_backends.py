"""The two store backends side by side: SQLite (a file) and PostgreSQL (``--db postgresql://…``).

    python bench/store_backends.py [--articles N] [--writer-articles M] [--overlap K] [--group G]
                                   [--repeat R] [--seed S] [--pg-url URL]

Data: a seeded sample of ``--articles`` (default 300) PolNeAR train texts (``../shared/data/polnear/data/train/
text``, read where they are). PostgreSQL: a throwaway cluster started from the installed server binaries
(tests/pgcluster.py, durable writes with ``synchronous_commit=off``, as SQLite's WAL with ``synchronous=NORMAL``
commits) on the same disk, reached over its unix socket; or the server ``--pg-url`` names (its role must be
allowed to create databases). Measured, for each backend:

* ``ingest``: ``Corpus(db).ingest(files)`` of the sample in a fresh process (the spaCy model loaded first,
  outside the timing), with the seconds spent inside the store (outermost store calls and transactions) and in
  the corpus stages' computing apart;
* ``replay``: the analysed articles of the SQLite ingest written again into a new store, one transaction per
  article (the store alone, no analysis), then the entities and stories replaced, everything read back;
* ``search``: a fixed list of queries, each ``--repeat`` times, on the ingested stores (median and p95
  latency; which hits both backends return);
* ``two writers``: two processes ingesting ``--writer-articles`` texts each (``--overlap`` in both),
  ``--group`` files per call, while a reader thread searches and reads snapshots: wall time, articles lost or
  added twice, reader latency and errors, and the store's check at the end.

Prints a side-by-side table and writes bench/results/store_backends.json. All figures are measurements on this
machine (no tuned setting: nothing is fitted here).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
RESULTS = HERE / "results" / "store_backends.json"
sys.path.insert(0, str(ROOT / "tests"))  # pgcluster: the throwaway PostgreSQL cluster the tests use too

QUERIES = [
    "Trump",
    "Clinton campaign",
    '"White House"',
    "email*",
    "Russia hacking",
    "health care",
    "immigration",
    "said",
    "debate",
    '"Supreme Court"',
    "tax*",
    "FBI investigation",
    "Xi's",
    "zeppelinology",
]
"""Search queries: single words, conjunctions, phrases, prefixes, a very common word and one that is absent."""

WRITE_METHODS = {"transaction", "put_article", "set_story", "replace_entities", "replace_stories", "set_meta"}
WRITE_METHODS |= {"queue_pending", "drop_pending", "mark_corpus_built", "remove_orphans"}
STORE_METHODS = WRITE_METHODS | {
    "has_article", "get_article", "articles", "article_count", "entities", "get_entity", "entities_in",
    "stories", "get_story", "search", "get_meta", "check", "pending", "articles_version", "corpus_built",
    "stages_of", "stage_counts",
}  # fmt: skip


# --------------------------------------------------------------------------------------------- timing


def instrument(cls: type[Any]) -> Counter[str]:
    """Time every store method and transaction of ``cls``, counting only outermost calls (a method inside a
    transaction is the transaction's time); returns the totals in seconds by name, filled as calls run."""
    totals: Counter[str] = Counter()
    local = threading.local()

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            depth = getattr(local, "depth", 0)
            local.depth = depth + 1
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                local.depth = depth
                if depth == 0:
                    totals[name] += time.perf_counter() - t0

        return timed

    def wrap_block(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @contextmanager
        def timed(*args: Any, **kwargs: Any) -> Iterator[None]:
            depth = getattr(local, "depth", 0)
            local.depth = depth + 1
            t0 = time.perf_counter()
            try:
                with fn(*args, **kwargs):
                    yield
            finally:
                local.depth = depth
                if depth == 0:
                    totals[name] += time.perf_counter() - t0

        return timed

    for name in STORE_METHODS:
        fn = getattr(cls, name)
        setattr(cls, name, wrap_block(name, fn) if name == "transaction" else wrap(name, fn))
    return totals


def store_class(db: str) -> type[Any]:
    if db.startswith("postgresql://"):
        from storyline.store.postgres import PostgresStore

        return PostgresStore
    from storyline.store.sqlite import SqliteStore

    return SqliteStore


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else 0.0


# ---------------------------------------------------------------------------------------------- children


def child_ingest(db: str, paths: list[str]) -> dict[str, Any]:
    """One ingest of every file, timed, with the store's share and the corpus stages' computing apart."""
    from storyline import api
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    load_nlp()
    totals = instrument(store_class(db))
    real = api.corpus_stages
    stages = {"s": 0.0}

    def corpus_stages(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            stages["s"] += time.perf_counter() - t0

    api.corpus_stages = corpus_stages  # type: ignore[assignment]
    with Corpus(db) as corpus:
        t0 = time.perf_counter()
        rep = corpus.ingest(paths)
        wall = time.perf_counter() - t0
        out = {
            "files": len(paths),
            "added": len(rep.added),
            "errors": len(rep.errors),
            "stories": len(corpus.store.stories()),
            "wall_s": wall,
            "store_s": sum(totals.values()),
            "store_write_s": sum(v for k, v in totals.items() if k in WRITE_METHODS),
            "store_read_s": sum(v for k, v in totals.items() if k not in WRITE_METHODS),
            "corpus_stages_compute_s": stages["s"],
            "store_by_method_s": {k: round(v, 3) for k, v in totals.most_common()},
        }
    return out


def child_writer(db: str, paths: list[str], group: int) -> None:
    """Ingest the files ``group`` at a time, printing each call's outcome."""
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    load_nlp()
    print("READY", flush=True)
    with Corpus(db) as corpus:
        for k in range(0, len(paths), group):
            t0 = time.perf_counter()
            row: dict[str, Any] = {}
            try:
                rep = corpus.ingest(paths[k : k + group])
                row.update(added=rep.added, unchanged=rep.unchanged, errors=[str(e) for e in rep.errors])
            except Exception as exc:  # noqa: BLE001 - what a user would see: counted, not hidden
                row["exception"] = f"{type(exc).__name__}: {exc}"
            row["seconds"] = round(time.perf_counter() - t0, 2)
            print("CALL " + json.dumps(row), flush=True)


# ---------------------------------------------------------------------------------------------- measures


def run_child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"child {args[:2]} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def replay(db: str, source: str) -> dict[str, Any]:
    """Write the analysed articles, entities and stories of ``source`` into the new store ``db``; read back."""
    from storyline.store.base import open_store

    with open_store(source) as src:
        articles, entities, stories = src.articles(), src.entities(), src.stories()
    out: dict[str, Any] = {"articles": len(articles)}
    with open_store(db) as store:
        t0 = time.perf_counter()
        for a in articles:
            with store.transaction():
                store.put_article(a)
        out["put_articles_s"] = time.perf_counter() - t0
        out["put_article_ms"] = 1000 * out["put_articles_s"] / max(1, len(articles))
        t0 = time.perf_counter()
        with store.transaction():
            store.replace_entities(entities)
            store.replace_stories(stories)
        out["replace_entities_stories_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        assert len(store.articles()) == len(articles)
        out["read_all_articles_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for a in articles:
            store.get_article(a.id)
        out["get_article_ms"] = 1000 * (time.perf_counter() - t0) / max(1, len(articles))
        t0 = time.perf_counter()
        store.stories()
        store.entities()
        out["read_stories_entities_s"] = time.perf_counter() - t0
    return out


def search_latency(dbs: dict[str, str], repeat: int) -> dict[str, Any]:
    """Each query ``repeat`` times on each store; latencies, hit counts and how far the backends agree."""
    from storyline.store.base import open_store

    per: dict[str, dict[str, Any]] = {}
    hits: dict[str, dict[str, set[tuple[str, int, int]]]] = {}
    for name, db in dbs.items():
        with open_store(db) as store:
            store.search("warm up")
            times: list[float] = []
            by_query: dict[str, float] = {}
            hits[name] = {}
            for q in QUERIES:
                ts = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    store.search(q, limit=20)
                    ts.append(time.perf_counter() - t0)
                times += ts
                by_query[q] = round(1000 * statistics.median(ts), 2)
                hits[name][q] = {(h.article_id, h.start, h.end) for h in store.search(q, limit=100_000)}
            per[name] = {
                "median_ms": 1000 * statistics.median(times),
                "p95_ms": 1000 * percentile(times, 0.95),
                "median_ms_by_query": by_query,
                "hits_by_query": {q: len(h) for q, h in hits[name].items()},
            }
    a, b = list(hits)
    agree = {}
    for q in QUERIES:
        union = hits[a][q] | hits[b][q]
        agree[q] = round(len(hits[a][q] & hits[b][q]) / len(union), 3) if union else 1.0
    return {"backends": per, "jaccard_of_all_hits_by_query": agree}


class Reader:
    """A thread searching and reading snapshots of the store until stopped."""

    def __init__(self, db: str, seed: int) -> None:
        self.db, self.rng = db, random.Random(seed)
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self) -> None:
        from storyline.store.base import open_store

        with open_store(self.db) as store:
            while not self.stop.is_set():
                t0 = time.perf_counter()
                try:
                    store.search(self.rng.choice(QUERIES), limit=20)
                    with store.snapshot():
                        ids = {a.id for a in store.articles()}
                        members = {m for s in store.stories() for m in s.article_ids}
                    if not members <= ids:
                        self.errors.append(f"stories name {len(members - ids)} articles the snapshot lacks")
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                self.latencies.append(time.perf_counter() - t0)
                time.sleep(0.05)


def two_writers(db: str, lists: list[list[str]], group: int, work: Path, seed: int) -> dict[str, Any]:
    from storyline.store.base import open_store

    open_store(db).close()  # made (and migrated) before the writers race to it
    procs = []
    for i, paths in enumerate(lists):
        pfile = work / f"writer{i}.json"
        pfile.write_text(json.dumps(paths), encoding="utf-8")
        cmd = [sys.executable, __file__, "--child", "writer", "--db", db, "--paths", str(pfile), "--group", str(group)]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:  # both have loaded spaCy: the race starts now
        assert p.stdout is not None
        p.stdout.readline()
    reader = Reader(db, seed)
    t0 = time.perf_counter()
    reader.thread.start()
    outs = [p.communicate() for p in procs]
    wall = time.perf_counter() - t0
    reader.stop.set()
    reader.thread.join()
    calls = [[json.loads(line[5:]) for line in o.splitlines() if line.startswith("CALL ")] for o, _ in outs]
    shown = [x for cs in calls for c in cs for x in [c.get("exception"), *c.get("errors", [])] if x]
    shown += [
        f"writer exited {p.returncode}: {e[-300:]}" for p, (_, e) in zip(procs, outs, strict=True) if p.returncode
    ]
    told = set(a for cs in calls for c in cs for a in c.get("added", []) + c.get("unchanged", []))
    added = [set(a for c in cs for a in c.get("added", [])) for cs in calls]
    with open_store(db) as store:
        stored = [a.id for a in store.articles()]
        problems, built = store.check(), store.corpus_built()
    return {
        "wall_s": wall,
        "articles_stored": len(stored),
        "lost_writes": len(told - set(stored)),
        "added_by_both": len(added[0] & added[1]),
        "ingest_calls": sum(len(cs) for cs in calls),
        "slowest_call_s": max((c["seconds"] for cs in calls for c in cs), default=0.0),
        "errors_shown": shown[:20],
        "reader_requests": len(reader.latencies),
        "reader_median_ms": 1000 * statistics.median(reader.latencies) if reader.latencies else 0.0,
        "reader_p95_ms": 1000 * percentile(reader.latencies, 0.95),
        "reader_errors": reader.errors[:20],
        "check_problems": problems,
        "corpus_built": built,
    }


# ---------------------------------------------------------------------------------------------- main


def table(rows: list[tuple[str, str, str]]) -> str:
    w = max(len(r[0]) for r in rows)
    lines = [f"{'':{w}}  {'SQLite':>14}  {'PostgreSQL':>14}"]
    lines += [f"{label:{w}}  {a:>14}  {b:>14}" for label, a, b in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--writer-articles", type=int, default=30)
    ap.add_argument("--overlap", type=int, default=6)
    ap.add_argument("--group", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pg-url", help="a PostgreSQL server to use (a role that may create databases)")
    ap.add_argument("--child", choices=["ingest", "writer"], help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--paths", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        paths = json.loads(Path(args.paths).read_text(encoding="utf-8"))
        if args.child == "ingest":
            print(json.dumps(child_ingest(args.db, paths)))
        else:
            child_writer(args.db, paths, args.group)
        return
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: this bench reads PolNeAR from ../shared/data")
    import pgcluster

    if args.pg_url:
        os.environ[pgcluster.ENV_URL] = args.pg_url
    why = pgcluster.unavailable()
    if why:
        sys.exit(f"no PostgreSQL: {why}")
    rng = random.Random(args.seed)
    files = sorted(str(p) for p in DATA.glob("*.txt"))
    sample = rng.sample(files, args.articles)
    rest = [f for f in files if f not in set(sample)]
    both = rng.sample(rest, 2 * args.writer_articles - args.overlap)
    lists = [both[: args.writer_articles], both[args.writer_articles - args.overlap :]]
    cluster = pgcluster.Cluster.start(pgcluster.BENCH_SETTINGS)
    results: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="storyline-backends-") as tmp:
            work = Path(tmp)
            (work / "sample.json").write_text(json.dumps(sample), encoding="utf-8")
            dbs = {"sqlite": str(work / "ingest.db"), "postgres": cluster.create_database("bench_ingest")}
            for name, db in dbs.items():
                print(f"ingest: {len(sample)} PolNeAR articles into {name} ...", flush=True)
                results.setdefault("ingest", {})[name] = run_child(
                    ["--child", "ingest", "--db", db, "--paths", str(work / "sample.json")]
                )
            print("replay: the analysed articles written again ...", flush=True)
            targets = {"sqlite": str(work / "replay.db"), "postgres": cluster.create_database("bench_replay")}
            results["replay"] = {name: replay(db, dbs["sqlite"]) for name, db in targets.items()}
            print(f"search: {len(QUERIES)} queries x {args.repeat} ...", flush=True)
            results["search"] = search_latency(dbs, args.repeat)
            results["two_writers"] = {}
            for name, db in {"sqlite": str(work / "two.db"), "postgres": cluster.create_database("bench_two")}.items():
                print(f"two writers: 2 x {args.writer_articles} articles ({args.overlap} in both) on {name} ...")
                results["two_writers"][name] = two_writers(db, lists, args.group, work, args.seed)
    finally:
        from storyline.store.postgres import close_pools

        close_pools()
        for name in ("bench_ingest", "bench_replay", "bench_two"):
            cluster.drop_database(name)
        cluster.stop()
    ing, rep, se, tw = results["ingest"], results["replay"], results["search"], results["two_writers"]

    def both_(f: Callable[[str], str]) -> tuple[str, str]:
        return f("sqlite"), f("postgres")

    rows = [
        ("ingest: wall s", *both_(lambda n: f"{ing[n]['wall_s']:.1f}")),
        ("ingest: articles/s", *both_(lambda n: f"{ing[n]['added'] / ing[n]['wall_s']:.2f}")),
        ("ingest: inside the store s", *both_(lambda n: f"{ing[n]['store_s']:.2f}")),
        ("  of which writes s", *both_(lambda n: f"{ing[n]['store_write_s']:.2f}")),
        ("  of which reads s", *both_(lambda n: f"{ing[n]['store_read_s']:.2f}")),
        ("ingest: corpus stages compute s", *both_(lambda n: f"{ing[n]['corpus_stages_compute_s']:.1f}")),
        ("ingest: stories", *both_(lambda n: str(ing[n]["stories"]))),
        ("replay: put_article ms/article", *both_(lambda n: f"{rep[n]['put_article_ms']:.1f}")),
        ("replay: replace entities+stories s", *both_(lambda n: f"{rep[n]['replace_entities_stories_s']:.2f}")),
        ("replay: read all articles s", *both_(lambda n: f"{rep[n]['read_all_articles_s']:.2f}")),
        ("replay: get_article ms", *both_(lambda n: f"{rep[n]['get_article_ms']:.2f}")),
        ("search: median ms", *both_(lambda n: f"{se['backends'][n]['median_ms']:.2f}")),
        ("search: p95 ms", *both_(lambda n: f"{se['backends'][n]['p95_ms']:.2f}")),
        ("two writers: wall s", *both_(lambda n: f"{tw[n]['wall_s']:.1f}")),
        ("two writers: stored / lost / twice", *both_(
            lambda n: f"{tw[n]['articles_stored']}/{tw[n]['lost_writes']}/{tw[n]['added_by_both']}")),
        ("two writers: slowest call s", *both_(lambda n: f"{tw[n]['slowest_call_s']:.1f}")),
        ("two writers: errors shown", *both_(lambda n: str(len(tw[n]["errors_shown"])))),
        ("two writers: reader median ms", *both_(lambda n: f"{tw[n]['reader_median_ms']:.1f}")),
        ("two writers: reader p95 ms", *both_(lambda n: f"{tw[n]['reader_p95_ms']:.1f}")),
        ("two writers: reader errors", *both_(lambda n: str(len(tw[n]["reader_errors"])))),
        ("two writers: check clean, built", *both_(
            lambda n: f"{not tw[n]['check_problems']}, {tw[n]['corpus_built']}")),
    ]  # fmt: skip
    print(table(rows))
    agree = se["jaccard_of_all_hits_by_query"]
    print("search hits both backends return (Jaccard of all hits): " + ", ".join(f"{q} {v}" for q, v in agree.items()))
    out = {
        "data": f"PolNeAR train texts (../shared/data/polnear), seeded sample of {args.articles} (seed {args.seed})",
        "settings": {
            k: getattr(args, k) for k in ("articles", "writer_articles", "overlap", "group", "repeat", "seed")
        },
        "postgres": "throwaway cluster, unix socket, fsync on, synchronous_commit off"
        if not args.pg_url
        else "the server --pg-url names",
        "results": results,
        "table": [list(r) for r in rows],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load_avg": os.getloadavg()},
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
