"""A store grown to 100,000 articles: building it, adding one article, listing, a large dossier and the web pages,
SQLite and PostgreSQL side by side.

    python bench/corpus_growth.py [--sizes 10000,30000,100000] [--seed-size 1000] [--probes 20]
                                  [--base-store DB] [--work DIR] [--backends sqlite,postgres]
                                  [--clients 20] [--requests 100] [--workers 1,2] [--out FILE]

Data: the synthetic articles of bench/corpus_scale.py (:func:`corpus_scale.synthetic`: the 840 PolNeAR train
texts analysed once into a base store, copy k dated k years later, about 30% of the plain words of every copy
after the first replaced, 3% reprinted unedited), and held-out PolNeAR dev texts as the articles added one at a
time (never in the base).

*Build*: the store grows as a feed fills it: the first ``--seed-size`` articles in one ingest (the full corpus
stages), then the rest in ingests as large as the corpus stages take through the corpus index (max(200, 5% of
the store): :func:`storyline.incremental.small_enough`), each ingest's articles stored in one transaction and
filed by ``Corpus.rebuild`` (entities, copies, stories and dossiers by the index; no spaCy: the articles come
analysed). One process grows the store from one size to the next (:func:`child_grow`); its seconds, articles per
second and peak RSS are the segment's, with the RSS after every ingest (flat: it holds one ingest at a time).
The sizes are done in increasing order and the results written after each, so a run stopped part-way keeps
what it measured.

At each size, for each backend (PostgreSQL: the SQLite store copied, table by table with COPY, into a fresh
database of a throwaway cluster, tests/pgcluster.py with its bench settings; the copy's seconds are reported,
and ``--pg-grow N`` grows that copy by N more synthetic articles through the same ingests, beside the same on
SQLite, for the two backends' build speed):

* *add one*: ``--probes`` dev texts ingested one at a time (reading, spaCy, storing and the corpus stages; the
  model loaded first), dated after the stream's head: seconds p50/p95, the corpus stages' share, peak RSS;
* *listing*: ``storyline stories`` (the table) in a fresh process: seconds and peak RSS;
* *dossier*: the story nearest 100 articles: ``storyline dossier ID --format html`` in a fresh process, and in
  one process the stored dossier read and rendered (HTML), the dossier built afresh from its articles (as
  when a correction touches the story), and the story itself built again (claims, summary, events: what an
  ingest adding an article to it pays) with the process's peak RSS;
* *web*: ``storyline serve --read-only`` (uvicorn, ``--workers`` processes) on 127.0.0.1, ``--clients``
  threads with httpx, each sending its next request when the last is answered, ``--requests`` of one kind
  at a time: the home page, a page of the stories list further down, a random story's page and a search for
  a random news word: p50/p95 per kind (with the machine's load average before and after), and the first
  request of each kind after the server started (built, not kept).

Targets: add one p95 under 1 s, a 100-article dossier under 1 s, home and story pages p95 under 300 ms.
Writes bench/results/corpus_growth.json; store files live under ``--work`` (a temporary folder) and are deleted
at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))  # pgcluster: the throwaway PostgreSQL cluster the tests use too

import corpus_scale as cs  # noqa: E402

WORDS = (
    "election", "campaign", "court", "police", "vote", "senate", "debate", "tax", "border", "poll", "economy",
    "health", "immigration", "emails", "foundation", "russia", "china", "mexico", "jobs", "trade", "convention",
    "speech", "rally", "donors", "taxes", "wall", "crime", "military", "veterans", "women", "voters", "media",
    "polls", "governor", "congress", "republicans", "democrats", "nominee", "primary", "scandal",
)  # fmt: skip
DOSSIER_ARTICLES = 100
COPY_TABLES = (
    "meta", "articles", "sentences", "entities", "mentions", "stories", "pending", "article_stages",
    "corpus_stages", "corrections", "corpus_index", "dossiers", "story_pages", "stale_stories",
)  # fmt: skip
"""The store's tables, parents before the rows that refer to them."""


def percentiles(xs: list[float], unit: str = "s", scale: float = 1.0, digits: int = 3) -> dict[str, float]:
    s = sorted(x * scale for x in xs)
    p95 = s[min(len(s) - 1, int(0.95 * len(s)))]
    return {f"p50_{unit}": round(statistics.median(s), digits), f"p95_{unit}": round(p95, digits),
            f"max_{unit}": round(s[-1], digits), "n": len(s)}  # fmt: skip


# ------------------------------------------------------------------------------------------ children


def synthetic_count(db: str) -> int:
    """How many synthetic articles the store holds (the probes added at each size are not counted)."""
    from storyline.store.sqlite import open_store

    with open_store(db) as store:
        return int(store._q("SELECT count(*) FROM articles WHERE path LIKE 'synthetic/%'")[0][0])


def child_grow(base_db: str, db: str, target: int, seed_size: int) -> dict[str, Any]:
    """Grow the store to ``target`` synthetic articles: the first ``seed_size`` in one ingest (the full corpus
    stages), the rest in ingests as large as the corpus index takes."""
    from storyline import incremental
    from storyline.api import Corpus

    have = synthetic_count(db)
    base = cs.base_articles(base_db)
    todo = cs.synthetic(base, target, start=have)
    t0 = time.perf_counter()
    ingests: list[dict[str, Any]] = []
    with Corpus(db) as c:
        if have and not c.store.corpus_built():  # a run stopped between storing an ingest and filing it
            c.rebuild()
        while have < target:
            size = seed_size - have if have < seed_size else max(incremental.MAX_NEW, int(incremental.MAX_SHARE * have))
            batch = [a for _, a in zip(range(min(size, target - have)), todo, strict=False)]
            t = time.perf_counter()
            with c.store.transaction():
                for a in batch:
                    c.store.put_article(a)
            stored = time.perf_counter() - t
            c.rebuild()
            have += len(batch)
            row = {"articles": have, "ingest": len(batch), "store_s": round(stored, 1),
                   "stages_s": round(time.perf_counter() - t - stored, 1), "rss_mb": round(cs.rss_mb())}  # fmt: skip
            ingests.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    wall = time.perf_counter() - t0
    added = sum(r["ingest"] for r in ingests)
    return {"articles": have, "added": added, "seconds": round(wall, 1),
            "articles_per_s": round(added / wall, 2) if wall else None, "peak_rss_mb": round(cs.rss_mb()),
            "ingests": ingests}  # fmt: skip


def child_grow_more(base_db: str, db: str, start: int, count: int) -> dict[str, Any]:
    """``count`` more synthetic articles (from number ``start`` on) in ingests as large as the corpus index takes,
    into any store (the build speed of both backends on the same articles)."""
    from storyline import incremental
    from storyline.api import Corpus

    base = cs.base_articles(base_db)
    todo = cs.synthetic(base, start + count, start=start)
    t0 = time.perf_counter()
    stored_s = 0.0
    with Corpus(db) as c:
        n = c.store.article_count()
        done = 0
        while done < count:
            size = min(count - done, max(incremental.MAX_NEW, int(incremental.MAX_SHARE * (n + done))))
            batch = [a for _, a in zip(range(size), todo, strict=False)]
            t = time.perf_counter()
            with c.store.transaction():
                for a in batch:
                    c.store.put_article(a)
            stored_s += time.perf_counter() - t
            c.rebuild()
            done += len(batch)
    wall = time.perf_counter() - t0
    return {"added": count, "seconds": round(wall, 1), "store_s": round(stored_s, 1),
            "articles_per_s": round(count / wall, 2), "peak_rss_mb": round(cs.rss_mb())}  # fmt: skip


def child_dossier(db: str) -> dict[str, Any]:
    """The story nearest :data:`DOSSIER_ARTICLES` articles: its stored dossier read and rendered, and built
    afresh from its articles."""
    from storyline.api import Corpus
    from storyline.compare.story import build_story
    from storyline.render.dossier import build_dossier
    from storyline.render.html import render_html

    with Corpus(db) as c:
        rows, total = c.store.list_stories(None, 0, 10**7)
        row = min(rows, key=lambda r: (abs(r.articles - DOSSIER_ARTICLES), r.id))
        out: dict[str, Any] = {"story": row.id, "articles": row.articles, "stories": total}
        t = time.perf_counter()
        d = c.story_dossier(row.id)
        out["stored_read_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        html = render_html(d)
        out["render_html_s"] = round(time.perf_counter() - t, 3)
        out["html_bytes"] = len(html)
        t = time.perf_counter()
        story = c.store.get_story(row.id)
        assert story is not None
        members = c.store.articles(story.article_ids)
        named = {m.entity_id for a in members for m in a.mentions if m.entity_id}
        ents = c.store.get_entities(named, with_mentions=False)
        build_dossier(story, members, ents)
        out["built_afresh_s"] = round(time.perf_counter() - t, 3)
        out["peak_rss_mb"] = round(cs.rss_mb())
        t = time.perf_counter()  # what an ingest adding an article to it pays: the story built again
        build_story(story.id, members, ents)
        out["story_rebuilt_s"] = round(time.perf_counter() - t, 1)
        out["story_rebuilt_peak_rss_mb"] = round(cs.rss_mb())
    return out


def run_child(kind: str, args: list[str], timeout: float = 6 * 3600, log: Path | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", kind, *args]
    err = log.open("a", encoding="utf-8") if log else subprocess.PIPE
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, text=True, timeout=timeout, check=False)
    finally:
        if log:
            err.close()  # type: ignore[union-attr]
    if out.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-3000:] if log else out.stderr[-3000:]
        raise SystemExit(f"child {kind} failed:\n{tail}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ------------------------------------------------------------------------------------------ PostgreSQL


def copy_to_postgres(sqlite_db: str, url: str) -> dict[str, Any]:
    """Copy every table of the SQLite store into the (new, migrated) PostgreSQL store at ``url`` with COPY."""
    import sqlite3

    import psycopg

    from storyline.store.postgres import PostgresStore

    PostgresStore(url).close()  # the schema, by the store's own migrations
    src = sqlite3.connect(f"file:{sqlite_db}?mode=ro", uri=True)
    t0 = time.perf_counter()
    counts: dict[str, int] = {}
    with psycopg.connect(url) as dst:
        dst.execute("SET session_replication_role = replica")  # the rows come whole: no trigger, no check per row
        for table in COPY_TABLES:
            cols = [
                r[0]
                for r in dst.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_generated ="
                    " 'NEVER' ORDER BY ordinal_position",
                    (table,),
                )
            ]
            have = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
            cols = [c for c in cols if c in have]
            if not cols:  # a table the SQLite store's schema does not have yet
                continue
            quoted = ", ".join(f'"{c}"' for c in cols)
            dst.execute(f"DELETE FROM {table}")
            n = 0
            with dst.cursor() as cur, cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {quoted} FROM {table}"):
                    copy.write_row(row)
                    n += 1
            counts[table] = n
        dst.execute("SELECT setval(pg_get_serial_sequence('sentences', 'id'), coalesce(max(id), 1)) FROM sentences")
        for seq_table in ("pending", "corrections"):
            for (col,) in dst.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_identity = 'YES'",
                (seq_table,),
            ).fetchall():
                dst.execute(
                    f"SELECT setval(pg_get_serial_sequence('{seq_table}', '{col}'), coalesce(max({col}), 1))"
                    f" FROM {seq_table}"
                )
        dst.commit()
    src.close()
    copied = time.perf_counter() - t0
    with psycopg.connect(url, autocommit=True) as dst:
        dst.execute("VACUUM ANALYZE")
    return {"seconds": round(copied, 1), "analyze_s": round(time.perf_counter() - t0 - copied, 1), "rows": counts}


def pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])  # type: ignore[index]


# ---------------------------------------------------------------------------------------------- serving


def serve_bench(db: str, clients: int, requests: int, workers: int) -> dict[str, Any]:
    """Latency of the home page, a page further down the list, story pages and searches at ``clients``
    concurrent clients (``workers`` server processes)."""
    from storyline.store.sqlite import open_store

    with open_store(db) as store:
        ids = store.story_ids()
    rng = random.Random(3)
    pages = max(2, len(ids) // 50)
    paths = {
        "home": ["/"] * requests,
        "list_page": [f"/?page={rng.randint(2, pages)}" for _ in range(requests)],
        "story": [f"/stories/{rng.choice(ids)}" for _ in range(requests)],
        "search": [f"/?q={rng.choice(WORDS)}" for _ in range(requests)],
    }
    return {"clients": clients, "workers": workers, "stories": len(ids), **serve_pages(db, paths, clients, workers)}


def serve_pages(  # noqa: PLR0913, C901 - the store, the requests and what is read of the server
    db: str,
    paths: dict[str, list[str]],
    clients: int,
    workers: int,
    rss: Callable[[int], float] | None = None,
    cpu: Callable[[int], float] | None = None,
) -> dict[str, Any]:
    """Start ``storyline serve`` on ``db`` (read-only, ``workers`` processes), time the first request of each page
    kind (built, not cached), then each kind's ``paths`` alone at ``clients`` concurrent clients; ``rss``, given
    the server's pid, reads its memory after start-up and at the end; ``cpu``, given it, the CPU seconds the
    serving has used so far (each kind's CPU per request: the machine is shared, wall time waits for a core)."""
    import httpx

    port = cs.free_port()
    code = (
        "from storyline.web.app import serve; "
        f"serve({db!r}, port={port}, log_level='warning', read_only=True, workers={workers})"
    )
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        for _ in range(1200):
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        out["start_s"] = round(time.perf_counter() - started, 1)
        if rss is not None:
            out["rss_started_mb"] = rss(server.pid)
        first: dict[str, float] = {}
        sizes: dict[str, int] = {}
        with httpx.Client(base_url=base, timeout=600) as one:  # the first of each kind: built, not kept
            for kind, ps in paths.items():
                t = time.perf_counter()
                r = one.get(ps[-1] if kind != "home" else ps[0])
                first[kind] = round((time.perf_counter() - t) * 1000, 1)
                sizes[kind] = len(r.content)
                if r.status_code != 200:
                    raise SystemExit(f"{ps[-1]}: {r.status_code}")
        out["first_ms"] = first
        out["first_bytes"] = sizes  # that first page's size
        out["load_before"] = round(os.getloadavg()[0], 1)
        for kind, ps in paths.items():  # each page alone at the clients' concurrency
            c0 = cpu(server.pid) if cpu is not None else 0.0
            times, errors, wall = _load(base, [(kind, p) for p in ps], clients)
            out[kind] = {**percentiles(times[kind], "ms", 1000, 1), "wall_s": round(wall, 1), "errors": errors[:5]}
            if cpu is not None:
                out[kind]["server_cpu_ms_per_request"] = round(1000 * (cpu(server.pid) - c0) / max(len(ps), 1), 1)
        out["load_after"] = round(os.getloadavg()[0], 1)
        if rss is not None:
            out["server_peak_rss_mb"] = rss(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
    return out


def _load(base: str, jobs: list[tuple[str, str]], clients: int) -> tuple[dict[str, list[float]], list[str], float]:
    """``clients`` threads, each sending its next request when the last is answered."""
    import httpx

    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    todo = iter(jobs)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=600) as client:
            while True:
                with lock:
                    job = next(todo, None)
                if job is None:
                    return
                kind, path = job
                t = time.perf_counter()
                r = client.get(path)
                dt = time.perf_counter() - t
                with lock:
                    times[kind].append(dt)
                    if r.status_code != 200:
                        errors.append(f"{path}: {r.status_code}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times, errors, time.perf_counter() - t0


# ---------------------------------------------------------------------------------------------- measure


def measure(db: str, probes: list[str], size: int, n_base: int, args: argparse.Namespace) -> dict[str, Any]:
    """Everything measured on one store (either backend)."""
    out: dict[str, Any] = {}
    print("  listing ...", flush=True)
    out["listing"] = cli_rss(["--db", db, "-q", "stories"])
    print(f"  {out['listing']}", flush=True)
    print("  a large story's dossier ...", flush=True)
    d = run_child("dossier", [db])
    d["cli_html"] = cli_rss(["--db", db, "-q", "dossier", d["story"], "--format", "html"])
    out["dossier"] = d
    print(f"  {d}", flush=True)
    if not args.no_web:
        out["web"] = {}
        for workers in [int(w) for w in args.workers.split(",")]:
            print(f"  serving to {args.clients} clients, {workers} worker(s) ...", flush=True)
            got = serve_bench(db, args.clients, args.requests, workers)
            out["web"][f"{workers} worker{'s' * (workers > 1)}"] = got
            print(f"  {got}", flush=True)
    print(f"  adding {len(probes)} articles one at a time ...", flush=True)
    got = cs.run_child("probe", [db, json.dumps(probes), str(1 + size // n_base)], None)
    out["add_one"] = {**cs.percentiles(got["seconds"]), "corpus_stages": cs.percentiles(got["corpus_stages_s"]),
                      **got}  # fmt: skip
    row = out["add_one"]
    print(f"  p50 {row['p50_s']} s, p95 {row['p95_s']} s, peak RSS {row['peak_rss_mb']} MB", flush=True)
    return out


def cli_rss(args: list[str]) -> dict[str, Any]:
    """A ``storyline`` command in a fresh process: wall seconds, its peak RSS (its own resource usage) and how
    many bytes it printed."""
    cli = Path(sys.executable).with_name("storyline")
    with tempfile.TemporaryFile() as fh, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([str(cli), *args], stdout=fh, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        size = fh.seek(0, os.SEEK_END)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"storyline {' '.join(args)} failed: {err.read().decode()[-2000:]}")
    return {"seconds": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024), "bytes": size}


# -------------------------------------------------------------------------------------------------- main


def store_mb(db: str) -> float:
    if "://" in db:
        return round(pg_size(db) / 2**20)
    return round(sum(Path(db + x).stat().st_size for x in ("", "-wal") if Path(db + x).exists()) / 2**20)


def update_results(path: Path, change: Any) -> None:
    """Read the results file, apply ``change`` to it and write it back, under a lock (a growing run and a
    measuring run may write it at once)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(str(path) + ".lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        change(results)
        path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    Path(str(path) + ".lock").unlink(missing_ok=True)


def checkpoint(db: str, size: int, work: Path) -> str:
    """A copy of the grown store as it is at ``size`` articles (the store grows on)."""
    copy = str(work / f"grown-{size}.db")
    cs._backup(db, copy)
    return copy


def grow(args: argparse.Namespace, base_db: str, sizes: list[int], measure_each: bool) -> None:
    """Grow the store through ``sizes``, writing the build figures after each (and measuring each size, when
    ``measure_each``; else keeping a copy of the store at each size for a measuring run)."""
    db = str(args.work / "grown.db")
    built_s = 0.0
    for size in sizes:
        print(f"growing the store to {size} articles (log: {args.work / 'grow.log'}) ...", flush=True)
        seg = run_child("grow", [base_db, db, str(size), str(args.seed_size)], log=args.work / "grow.log")
        built_s += seg["seconds"]
        row = {**seg, "store_mb": store_mb(db), "total_build_s": round(built_s, 1)}
        update_results(args.out, lambda r, size=size, row=row: r.setdefault("build", {}).__setitem__(str(size), row))
        brief = {k: v for k, v in seg.items() if k != "ingests"}
        print(f"  {brief}", flush=True)
        if measure_each:
            measure_size(args, base_db, db, size)
        else:
            print(f"  kept as {checkpoint(db, size, args.work)}", flush=True)


def measure_size(args: argparse.Namespace, base_db: str, db: str, size: int) -> None:
    """Every measure of one size, on each backend (PostgreSQL: a copy of the SQLite store)."""
    backends = args.backends.split(",")
    sizes = [int(x) for x in args.sizes.split(",")]
    idx = sizes.index(size) if size in sizes else len(sizes)
    files = sorted(str(p) for p in (cs.POLNEAR / "dev" / "text").iterdir())[idx * args.probes :][: args.probes]
    n_base = len(cs.base_articles(base_db))

    def put(key: str, value: Any) -> None:
        update_results(args.out, lambda r: r.setdefault("sizes", {}).setdefault(str(size), {}).__setitem__(key, value))

    cluster = None
    targets = {"sqlite": db}
    if "postgres" in backends:
        import pgcluster

        why = pgcluster.unavailable()
        if why:
            raise SystemExit(f"no PostgreSQL: {why}")
        cluster = pgcluster.Cluster.start(pgcluster.BENCH_SETTINGS)
    try:
        if cluster is not None:
            url = cluster.create_database(f"grown{size}")
            print("  copying the store into PostgreSQL ...", flush=True)
            copied = {**copy_to_postgres(db, url), "store_mb": store_mb(url)}
            print(f"  {copied}", flush=True)
            put("postgres_copy", copied)
            targets["postgres"] = url
        for backend in backends:
            print(f"[{backend}] {size} articles", flush=True)
            put(backend, measure(targets[backend], files, size, n_base, args))
        if args.pg_grow and cluster is not None:
            start = synthetic_count(db)
            more = {}
            for backend in backends:
                print(f"[{backend}] {args.pg_grow} more articles ...", flush=True)
                more[backend] = run_child("grow_more", [base_db, targets[backend], str(start), str(args.pg_grow)])
                print(f"  {more[backend]}", flush=True)
            put("grow_more", more)
    finally:
        if cluster is not None:
            cluster.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--seed-size", type=int, default=1000, help="articles of the first ingest (the full stages)")
    ap.add_argument("--probes", type=int, default=20, help="articles added one at a time at each size")
    ap.add_argument("--base-store", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "storyline-corpus-growth")
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--pg-grow", type=int, default=0, help="grow both backends' stores by N more articles")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=100, help="requests per page kind")
    ap.add_argument("--workers", default="1,2", help="server processes tried")
    ap.add_argument("--no-web", action="store_true")
    ap.add_argument("--grow-only", action="store_true", help="grow, keeping a copy at each size; measure nothing")
    ap.add_argument("--measure", default=None, metavar="DB", help="measure this store (a kept copy) only")
    ap.add_argument("--size", type=int, default=0, help="the size --measure's store stands for")
    ap.add_argument("--keep", action="store_true", help="keep the store files (under --work)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "corpus_growth.json")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        r = args.rest
        if args.child == "grow":
            res = child_grow(r[0], r[1], int(r[2]), int(r[3]))
        elif args.child == "grow_more":
            res = child_grow_more(r[0], r[1], int(r[2]), int(r[3]))
        else:
            res = child_dossier(r[0])
        print(json.dumps(res))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    base_db = str(args.base_store or args.work / "base.db")
    if not Path(base_db).exists():
        print("analysing the base articles (spaCy over every text) ...", flush=True)
        cs.run_child("base", [base_db], None)
    n_base = len(cs.base_articles(base_db))

    def describe(r: dict[str, Any]) -> None:
        r["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
        r["data"] = {
            "base": f"{cs.shown(cs.POLNEAR / 'train' / 'text')} analysed once ({n_base} articles)",
            "synthetic": f"copy k dated k years later; {cs.EDIT_RATE:.0%} of plain words replaced after the first "
            f"copy; {cs.REPRINT_RATE:.0%} reprinted unedited",
            "probes": f"{cs.shown(cs.POLNEAR / 'dev' / 'text')} (held out of the base), {args.probes} new ones at "
            "each size, dated after the stream's head",
            "build": f"the first {args.seed_size} articles in one ingest (full corpus stages), then ingests of "
            "max(200, 5% of the store) filed by the corpus index",
        }
        r["settings"] = {"clients": args.clients, "requests_per_kind": args.requests, "workers": args.workers}
        r.setdefault("when", {})[args.measure and f"measured {args.size}" or "grown"] = time.strftime("%Y-%m-%dT%H:%M")

    update_results(args.out, describe)
    try:
        if args.measure:
            measure_size(args, base_db, args.measure, args.size)
        else:
            grow(args, base_db, [int(x) for x in args.sizes.split(",")], not args.grow_only)
    finally:
        if not args.keep and not args.grow_only:
            for x in ("", "-wal", "-shm"):
                Path(str(args.work / "grown.db") + x).unlink(missing_ok=True)
            if not args.base_store and not args.measure:
                shutil.rmtree(args.work, ignore_errors=True)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
