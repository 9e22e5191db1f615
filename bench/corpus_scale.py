"""Corpus scale: adding one article to a large store, and serving its pages to many clients, before and after.

    python bench/corpus_scale.py [--sizes 1000,10000] [--probes 20] [--base-store DB] [--work DIR]
                                 [--baseline-src DIR] [--clients 20] [--requests 200] [--out FILE]

Data: the 840 PolNeAR train articles (``../shared/data/polnear/data/train/text``) analysed once into a base
store (``--base-store``, else built here: spaCy over every text). A synthetic store of N articles is made of
them (:func:`synthetic`): copy k of an article is dated k years later (its publication date and every date it
found, so copies of one story never fall in one window; an article the base store has no date for is dated by
its file name, as a feed would date it), and copies after the first have about 30% of their
plain lower-case words replaced by other words of the same length (offsets, names, quotes, dates and figures
untouched), so they are not near-duplicates; 3% are reprinted unedited (the copies the store must find). The
corpus stages then run over the store as one full run.

(a) *add one article*: ``--probes`` held-out PolNeAR dev texts (never in the base) are ingested one at a time,
each dated at the head of the stream, through ``Corpus.ingest`` (reading, cleaning, spaCy, dates, storing and the
corpus stages; the model loaded once beforehand): seconds p50/p95 and the probe process's peak RSS (model
included). Target: p95 under 1 s.

(b) *serving*: ``storyline serve --read-only`` (uvicorn; ``--workers``) on 127.0.0.1 over each store,
``--clients`` threads with httpx requesting the home page, story pages (random stories) and search pages
(``/?q=`` with common news words) in turn: latency p50/p95 per page. Target: p95 under 300 ms.

``--baseline-src DIR`` names a checkout of the code to compare with (``git worktree add DIR <commit>``); each
measure then runs with it too, on a store it builds itself from the same synthetic articles, side by side.
Every measure runs in its own child process. Writes bench/results/corpus_scale.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data"
EDIT_RATE = 0.3
REPRINT_RATE = 0.03
WORDS = ("election", "campaign", "court", "police", "vote", "senate", "debate", "tax", "border", "poll")


def shown(path: Path) -> str:
    """A path as the results name it: relative to the repository's parent when under it."""
    try:
        return str(path.resolve().relative_to(ROOT.parent))
    except ValueError:
        return path.name


# ------------------------------------------------------------------------------------------ synthesis


_YEAR = re.compile(r"(?:(?<=^)|(?<=/))(\d{4})(?=-|$|/|T)")


def shift_years(value: Any, k: int) -> Any:
    """An ISO date, partial date or interval ``k`` years later (29 February becomes the 28th); others as given."""
    if not isinstance(value, str) or not k:
        return value
    out = _YEAR.sub(lambda m: str(int(m[1]) + k), value)
    return out.replace("-02-29", "-02-28") if out != value else value


def synthetic(base: list[Any], n: int, seed: int = 7, start: int = 0) -> Any:
    """N articles made of ``base`` (analysed articles): copy k of each dated k years later, lightly edited
    (``start``: the first ones left out, as a store grown to ``start`` already holds them)."""
    import dataclasses

    vocab: dict[int, list[str]] = defaultdict(list)
    for a in base:
        for w in re.findall(r"\b[a-z]{4,12}\b", a.text):
            vocab[len(w)].append(w)
    vocab = {k: sorted(set(v)) for k, v in vocab.items()}
    for i in range(start, n):
        k, j = divmod(i, len(base))
        a = base[j]
        rng = random.Random(f"{seed}:{i}")
        text = a.text
        if k and rng.random() >= REPRINT_RATE:
            text = _edited(a, rng, vocab)
        doc = a.to_json()
        for field in ("dates", "numbers"):
            for d in doc.get(field, []):
                for key in ("value", "period", "deadline"):
                    if key in d:
                        d[key] = shift_years(d[key], k)
        for e in doc.get("events", []):
            e["date"] = shift_years(e.get("date"), k)
        for m in doc.get("mentions", []):
            m["entity_id"] = None
        for q in doc.get("quotes", []):
            q["speaker_entity_id"] = None
        if a.published is None and (day := re.search(r"_(\d{4}-\d\d-\d\d)_", Path(a.path).name)):
            doc.update(published=day[1], published_how="metadata", published_why="the feed's date")
        doc.update(
            id=hashlib.sha256(f"{a.id}:{k}".encode()).hexdigest()[:16],
            path=f"synthetic/{k:03d}/{Path(a.path).name}",
            text=text,
            published=shift_years(doc["published"], k),
            story_id=None,
            duplicate_of=None,
        )
        art = type(a).from_json(doc)
        yield dataclasses.replace(art, raw="")


def _edited(a: Any, rng: random.Random, vocab: dict[int, list[str]]) -> str:
    """The text with about :data:`EDIT_RATE` of its plain lower-case words swapped for others of the same length,
    never inside a name, quote, date or figure."""
    taken = sorted((x.start, x.end) for group in (a.mentions, a.quotes, a.dates, a.numbers) for x in group)
    chars = list(a.text)
    j = 0
    for m in re.finditer(r"\b[a-z]{4,12}\b", a.text):
        while j < len(taken) and taken[j][1] <= m.start():
            j += 1
        if j < len(taken) and taken[j][0] < m.end():
            continue
        if rng.random() < EDIT_RATE:
            chars[m.start() : m.end()] = rng.choice(vocab[len(m[0])])
    return "".join(chars)


# -------------------------------------------------------------------------------------------- children


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def proc_cpu_s(pid: int, children: bool = True) -> float:
    """A process's CPU seconds (user + system) from /proc, with those of its children it has waited for."""
    try:
        f = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = sum(int(x) for x in f[11:15 if children else 13])
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_cpu_s(pid: int) -> float:
    """The CPU seconds of a process, its live children and the children it has waited for."""
    try:
        kids = [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()]
    except OSError:
        kids = []
    return proc_cpu_s(pid) + sum(tree_cpu_s(k) for k in kids)


_PG_PID: dict[str, int | None] = {}


def server_cpu_s(db: str) -> float | None:
    """The CPU seconds a local PostgreSQL server has used so far (its postmaster, backends and background
    processes, live and ended), None for a SQLite store or a server this process cannot see."""
    if "://" not in db:
        return None
    if db not in _PG_PID:
        import psycopg

        try:
            with psycopg.connect(db) as conn:
                data = str(conn.execute("SHOW data_directory").fetchone()[0])  # type: ignore[index]
            _PG_PID[db] = int((Path(data) / "postmaster.pid").read_text(encoding="ascii").split()[0])
        except (OSError, ValueError, psycopg.Error):
            _PG_PID[db] = None
    pid = _PG_PID[db]
    return None if pid is None else tree_cpu_s(pid)


def base_articles(db: str) -> list[Any]:
    """The base store's articles, read with SQL alone (a store of any schema, left as it is)."""
    import sqlite3

    from storyline.model import Article

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute("SELECT json FROM articles ORDER BY published IS NULL, published, path, id").fetchall()
    conn.close()
    return [Article.from_json(json.loads(r[0])) for r in rows]


def child_base(db: str) -> dict[str, Any]:
    """Analyse the PolNeAR train texts into the base store."""
    from storyline.api import Corpus

    t = time.perf_counter()
    with Corpus(db) as c:
        rep = c.ingest([str(POLNEAR / "train" / "text")])
    return {"articles": len(rep.added), "seconds": round(time.perf_counter() - t, 1)}


def child_build(base_db: str, db: str, n: int) -> dict[str, Any]:
    """A synthetic store of ``n`` articles, then one full run of the corpus stages."""
    from storyline.api import Corpus

    base = base_articles(base_db)
    with Corpus(db) as c:
        t = time.perf_counter()
        batch: list[Any] = []
        for a in synthetic(base, n):
            batch.append(a)
            if len(batch) == 500:
                with c.store.transaction():
                    for x in batch:
                        c.store.put_article(x)
                batch = []
        with c.store.transaction():
            for x in batch:
                c.store.put_article(x)
        stored = time.perf_counter() - t
        t = time.perf_counter()
        c.rebuild()
        full = time.perf_counter() - t
        stories = len(c.store.stories())
    return {"articles": n, "store_s": round(stored, 1), "full_run_s": round(full, 1), "stories": stories,
            "peak_rss_mb": round(rss_mb())}  # fmt: skip


def child_probe(db: str, files: list[str], years: int) -> dict[str, Any]:
    """Ingest each probe file alone, timed; the model is loaded first (per process, not per article)."""
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    load_nlp()
    before = rss_mb()
    times = []
    stages: list[float] = []  # the corpus stages alone (Corpus.rebuild), beside reading, spaCy and storing
    real = Corpus.rebuild

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return real(self, *args, **kwargs)
        finally:
            stages.append(time.perf_counter() - t)

    Corpus.rebuild = timed  # type: ignore[method-assign]
    cpu: list[float] = []  # the process's CPU seconds (the machine is shared: wall seconds wait for a core)
    server: list[float] = []  # a PostgreSQL server's CPU seconds meanwhile (its backends do the store's work)
    for f in files:
        day = re.search(r"_(\d{4}-\d\d-\d\d)_", Path(f).name)
        published = shift_years(day[1], years) if day else None
        s0 = server_cpu_s(db)
        t, c0 = time.perf_counter(), time.process_time()
        with Corpus(db) as c:
            rep = c.ingest([f], published=published)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c0)
        s1 = server_cpu_s(db)
        if s0 is not None and s1 is not None:
            server.append(s1 - s0)
        if not rep.added:
            raise SystemExit(f"{f}: not added ({rep.errors})")
    return {
        "probes": len(times),
        "seconds": [round(x, 3) for x in times],
        "corpus_stages_s": [round(x, 3) for x in stages],
        "cpu_s": [round(x, 3) for x in cpu],
        **({"server_cpu_s": [round(x, 3) for x in server]} if server else {}),
        "rss_after_model_mb": round(before),
        "peak_rss_mb": round(rss_mb()),
    }


def child_agree(pre: str, post: str, files: list[str], years: int) -> dict[str, Any]:
    """How the probes filed one at a time by the index (``post``) agree with the full corpus stages filing them
    all in one ingest (run here on ``pre``, the store before the probes, with the same dates, by a manifest):
    their stories' members, their copies, and the names of their mentions' entities."""
    import csv

    from storyline.api import Corpus
    from storyline.config import Config

    manifest = Path(pre).with_suffix(".manifest.csv")
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "published"])
        for f in files:
            day = re.search(r"_(\d{4}-\d\d-\d\d)_", Path(f).name)
            w.writerow([f, shift_years(day[1], years) if day else ""])
    t = time.perf_counter()
    with Corpus(pre, Config(corpus_incremental_from=10**9)) as c:
        rep = c.ingest([], manifest=manifest)
    if len(rep.added) != len(files):
        raise SystemExit(f"batch ingest added {len(rep.added)} of {len(files)}: {rep.errors[:3]}")
    return {"batch_s": round(time.perf_counter() - t, 1), **_agreement(pre, post, files)}


def _agreement(pre: str, post: str, files: list[str]) -> dict[str, Any]:
    from storyline.store.sqlite import SqliteStore

    out: dict[str, Any] = {}
    with SqliteStore(pre) as a, SqliteStore(post) as b:
        names = {Path(f).name for f in files}
        probes = [x.id for x in b.articles() if Path(x.path).name in names]
        ga, gb = _groups(a, probes), _groups(b, probes)
        out["probes"] = len(probes)
        out["same_story_members"] = sum(ga[i] == gb[i] for i in probes)
        pa, pb = {x.id: x for x in a.articles(probes)}, {x.id: x for x in b.articles(probes)}
        out["same_copy_of"] = sum(pa[i].duplicate_of == pb[i].duplicate_of for i in probes)
        names_a = {e.id: e.name for e in a.entities()}
        names_b = {e.id: e.name for e in b.entities()}
        same = total = 0
        for i in probes:
            for ma, mb in zip(pa[i].mentions, pb[i].mentions, strict=True):
                total += 1
                same += names_a.get(ma.entity_id or "") == names_b.get(mb.entity_id or "")
        out["mentions"] = total
        out["same_entity_name"] = same
    return out


def _groups(store: Any, ids: list[str]) -> dict[str, frozenset[str]]:
    story_of = {a.id: a.story_id for a in store.articles(ids)}
    members = store.story_members({s for s in story_of.values() if s})
    return {i: frozenset(members.get(story_of[i] or "", [])) for i in ids}


def run_child(kind: str, args: list[str], src: str | None, timeout: float = 7200) -> dict[str, Any]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = str(Path(src) / "src")
    cmd = [sys.executable, __file__, "--child", kind, *args]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise SystemExit(f"child {kind} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------------------------- serving


def _backup(src: str, dst: str) -> None:
    import sqlite3

    for suffix in ("", "-wal", "-shm"):
        Path(dst + suffix).unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_bench(db: str, src: str | None, clients: int, requests: int, workers: int = 1) -> dict[str, Any]:
    """Latency of the home, story and search pages at ``clients`` concurrent clients (``workers`` server
    processes; more than one only for code that has ``serve(workers=)``)."""
    import sqlite3

    import httpx

    port = free_port()
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = str(Path(src) / "src")
    more = f", workers={workers}" if workers > 1 else ""
    code = f"from storyline.web.app import serve; serve({db!r}, port={port}, log_level='warning', read_only=True{more})"
    server = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        conn = sqlite3.connect(db)
        ids = [r[0] for r in conn.execute("SELECT id FROM stories")]
        conn.close()
        rng = random.Random(3)
        paths = {
            "home": ["/"] * requests,
            "story": [f"/stories/{rng.choice(ids)}" for _ in range(requests)],
            "search": [f"/?q={rng.choice(WORDS)}" for _ in range(requests)],
        }
        jobs = [(kind, p) for i in range(requests) for kind in paths for p in [paths[kind][i]]]
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

        with httpx.Client(base_url=base, timeout=600) as warm:  # one of each first (imports, caches)
            for kind in paths:
                warm.get(paths[kind][0])
        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
    out: dict[str, Any] = {
        "clients": clients, "workers": workers, "requests": len(jobs), "wall_s": round(wall, 1), "errors": errors[:5],
    }  # fmt: skip
    for kind, xs in times.items():
        ms = sorted(x * 1000 for x in xs)
        out[kind] = {
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1),
            "max_ms": round(ms[-1], 1),
        }
    return out


# -------------------------------------------------------------------------------------------------- main


def percentiles(xs: list[float]) -> dict[str, float]:
    s = sorted(xs)
    return {"p50_s": round(statistics.median(s), 3), "p95_s": round(s[min(len(s) - 1, int(0.95 * len(s)))], 3),
            "max_s": round(s[-1], 3)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--probes", type=int, default=20)
    ap.add_argument("--baseline-probes", default="5,2", help="probes for the baseline at each size (it is slow)")
    ap.add_argument("--base-store", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "storyline-corpus-scale")
    ap.add_argument("--baseline-src", default=None, help="a checkout of the code to compare with")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=200, help="requests per page kind")
    ap.add_argument("--baseline-requests", type=int, default=40)
    ap.add_argument("--no-web", action="store_true")
    ap.add_argument("--agreement", action="store_true", help="compare with the full corpus stages (slow)")
    ap.add_argument("--agreement-max", type=int, default=1000, help="largest store compared so")
    ap.add_argument("--workers", default="1,2", help="server processes tried for the code after")
    ap.add_argument("--baseline-web-max", type=int, default=1000, help="largest store the code before serves")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "corpus_scale.json")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        r = args.rest
        if args.child == "base":
            res = child_base(r[0])
        elif args.child == "build":
            res = child_build(r[0], r[1], int(r[2]))
        elif args.child == "probe":
            res = child_probe(r[0], json.loads(r[1]), int(r[2]))
        else:
            res = child_agree(r[0], r[1], json.loads(r[2]), int(r[3]))
        print(json.dumps(res))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    base_db = args.base_store or args.work / "base.db"
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "data": {
            "base": f"{shown(POLNEAR / 'train' / 'text')} analysed once",
            "synthetic": f"copy k dated k years later; {EDIT_RATE:.0%} of plain words replaced after the first copy; "
            f"{REPRINT_RATE:.0%} reprinted unedited",
            "probes": f"{shown(POLNEAR / 'dev' / 'text')} (held out of the base), dated after the stream's head",
        },
        "add_one": {},
        "build": {},
    }
    if not Path(base_db).exists():
        print("analysing the base articles (spaCy over every text) ...", flush=True)
        results["base"] = run_child("base", [str(base_db)], None)
    probes = sorted(str(p) for p in (POLNEAR / "dev" / "text").iterdir())
    sides = [("after", None)] + ([("before", args.baseline_src)] if args.baseline_src else [])
    import sqlite3

    conn = sqlite3.connect(f"file:{base_db}?mode=ro", uri=True)
    n_base = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    conn.close()
    results["data"]["base_articles"] = n_base
    sizes = [int(x) for x in args.sizes.split(",")]
    for size in sizes:
        for side, src in sides:
            db = str(args.work / f"{side}-{size}.db")
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
            print(f"[{side}] building a store of {size} articles ...", flush=True)
            built = run_child("build", [str(base_db), db, str(size)], src)
            results["build"].setdefault(str(size), {})[side] = built
            print(f"  {built}", flush=True)
            k = 1 + size // n_base
            few = [int(x) for x in args.baseline_probes.split(",")]
            count = args.probes if side == "after" else few[min(sizes.index(size), len(few) - 1)]
            off = 0 if side == "after" else args.probes  # other probes: none is stored twice
            files = probes[off : off + count]
            if side == "after":
                _backup(db, db + ".pre")
            print(f"[{side}] adding {len(files)} articles one at a time ...", flush=True)
            got = run_child("probe", [db, json.dumps(files), str(k)], src)
            if side == "after" and args.agreement and size <= args.agreement_max:
                print("[after] the same articles in one ingest by the full corpus stages ...", flush=True)
                agree = run_child("agree", [db + ".pre", db, json.dumps(files), str(k)], src)
                results.setdefault("agreement", {})[str(size)] = agree
                print(f"  {agree}", flush=True)
            row = {**percentiles(got["seconds"]), "corpus_stages": percentiles(got["corpus_stages_s"]), **got}
            results["add_one"].setdefault(str(size), {})[side] = row
            print(f"  p50 {row['p50_s']} s, p95 {row['p95_s']} s, peak RSS {row['peak_rss_mb']} MB", flush=True)
    if not args.no_web:
        results["web"] = {}
        for size in sizes:
            row = results["web"].setdefault(str(size), {})
            for side, src in sides:
                if side == "before" and size > args.baseline_web_max:
                    continue  # every request of the code before reads every article: 20 at once would not fit
                db = str(args.work / f"{side}-{size}.db")
                for workers in [int(w) for w in args.workers.split(",")] if side == "after" else [1]:
                    n = args.requests if side == "after" else args.baseline_requests
                    print(f"[{side}] serving {size} articles to {args.clients} clients, {workers} worker(s) ...")
                    got = serve_bench(db, src, args.clients, n, workers)
                    row[side if workers == 1 else f"{side}, {workers} workers"] = got
                    print(f"  {got}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
