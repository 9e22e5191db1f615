"""Concurrency bench: two ingesters and web readers on one store, for a bounded time.

    python bench/concurrency.py [--articles N] [--overlap M] [--group G] [--seconds T] [--readers R] [--seed S]

Two child processes ingest PolNeAR texts (``../shared/data/polnear/data/train/text``, read where they are, a
seeded sample) into one SQLite store, each ``--articles`` texts (default 40) of which ``--overlap`` (default 6)
are also the other's, ``--group`` files per ingest call (default 4: every call stores its articles and runs
the corpus stages), until their lists end or ``--seconds`` pass (default 120). Meanwhile ``storyline serve``
answers ``--readers`` threads (default 4) that keep asking for pages and API answers: story lists, search,
dossiers, articles, entities.

Checked: no lost write (every article either ingester was told is stored, or already was, is in the store,
once; none is counted as added by both), no "database is locked" (or any other error) shown to a user — in
an ingest report, an ingester's exception, an HTTP answer or the server's log — and the store clean at the
end (``check()`` empty, stories covering every article). Reported: requests by status, the slowest answer,
and the ingesters' calls. Results go to bench/results/concurrency.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
RESULTS = HERE / "results" / "concurrency.json"
LOCKED = "database is locked"

# ----------------------------------------------------------------------------------------------- child


def ingester(args: argparse.Namespace) -> None:
    """Ingest the listed files, ``--group`` at a time, until the list ends or the deadline passes."""
    from storyline.api import Corpus

    paths = json.loads(Path(args.paths).read_text(encoding="utf-8"))
    deadline = time.time() + args.seconds
    with Corpus(args.db) as corpus:
        for k in range(0, len(paths), args.group):
            if time.time() > deadline:
                break
            t0 = time.perf_counter()
            row: dict[str, Any] = {"files": paths[k : k + args.group]}
            try:
                rep = corpus.ingest(row["files"])
                row.update(added=rep.added, unchanged=rep.unchanged, errors=[str(e) for e in rep.errors])
            except Exception as exc:  # noqa: BLE001 - what a user would see: counted, not hidden
                row["exception"] = f"{type(exc).__name__}: {exc}"
            row["seconds"] = round(time.perf_counter() - t0, 2)
            print("CALL " + json.dumps(row), flush=True)


# ---------------------------------------------------------------------------------------------- parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Readers:
    """Threads asking the web app for pages and API answers until stopped."""

    def __init__(self, base: str, n: int, seed: int, pause: float) -> None:
        self.base = base
        self.pause = pause
        self.stop = threading.Event()
        self.status: Counter[str] = Counter()
        self.failures: list[str] = []
        self.slowest = 0.0
        self.requests = 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.loop, args=(seed + i,), daemon=True) for i in range(n)]

    def __enter__(self) -> Readers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()

    def loop(self, seed: int) -> None:
        import httpx

        rng = random.Random(seed)
        story_ids: list[str] = []
        article_ids: list[str] = []
        with httpx.Client(base_url=self.base, timeout=60, follow_redirects=True) as client:
            while not self.stop.is_set():
                urls = ["/api/stories", "/", "/stories", "/api/entities", "/entities", "/api/search?q=president"]
                if story_ids:
                    sid = rng.choice(story_ids)
                    urls += [f"/api/stories/{sid}/dossier?format=json", f"/stories/{sid}", f"/api/stories/{sid}"]
                if article_ids:
                    urls += [f"/api/articles/{rng.choice(article_ids)}"]
                url = rng.choice(urls)
                time.sleep(self.pause)
                t0 = time.perf_counter()
                try:
                    r = client.get(url)
                except httpx.HTTPError as exc:
                    self.record(url, "error", f"{type(exc).__name__}: {exc}", time.perf_counter() - t0)
                    continue
                self.record(url, str(r.status_code), r.text[:300], time.perf_counter() - t0)
                if url == "/api/stories" and r.status_code == 200:
                    stories = r.json()
                    story_ids = [s["id"] for s in stories]
                    article_ids = [a for s in stories for a in s.get("article_ids", [])]

    def record(self, url: str, status: str, body: str, seconds: float) -> None:
        with self.lock:
            self.requests += 1
            self.status[status] += 1
            self.slowest = max(self.slowest, seconds)
            # a story or article that a rebuild renamed between two requests is a fair 404; anything else not
            if status not in ("200", "404") or LOCKED in body:
                self.failures.append(f"{status} {url}: {body[:200]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--overlap", type=int, default=6)
    ap.add_argument("--group", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--pause", type=float, default=0.02, help="seconds each reader waits between requests")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--paths", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        ingester(args)
        return
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: this bench reads PolNeAR from ../shared/data")
    rng = random.Random(args.seed)
    files = sorted(str(p) for p in DATA.glob("*.txt"))
    chosen = rng.sample(files, 2 * args.articles - args.overlap)
    lists = [chosen[: args.articles], chosen[args.articles - args.overlap :]]
    with tempfile.TemporaryDirectory(prefix="storyline-concurrency-") as tmp:
        work = Path(tmp)
        db = work / "store.db"
        port = free_port()
        storyline = Path(sys.executable).with_name("storyline")
        server = subprocess.Popen(
            [str(storyline), "--db", str(db), "serve", "--port", str(port), "--read-only"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        server_log: list[str] = []
        threading.Thread(target=lambda: server_log.extend(server.stdout or []), daemon=True).start()
        base = f"http://127.0.0.1:{port}"
        import httpx

        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        print(f"2 ingesters x {args.articles} PolNeAR articles ({args.overlap} shared), {args.readers} readers")
        t0 = time.perf_counter()
        procs = []
        for i, paths in enumerate(lists):
            pfile = work / f"paths{i}.json"
            pfile.write_text(json.dumps(paths), encoding="utf-8")
            cmd = [sys.executable, __file__, "--child", "--db", str(db), "--paths", str(pfile)]
            cmd += ["--group", str(args.group), "--seconds", str(args.seconds)]
            procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        with Readers(base, args.readers, args.seed, args.pause) as readers:
            outs = [p.communicate() for p in procs]
        wall = time.perf_counter() - t0
        server.terminate()
        server.wait(timeout=30)
        calls = [[json.loads(line[5:]) for line in o.splitlines() if line.startswith("CALL ")] for o, _ in outs]
        from storyline.store.sqlite import SqliteStore

        with SqliteStore(db) as store:
            stored = [r[0] for r in store.connection.execute("SELECT id FROM articles")]
            problems = store.check()
            built = store.corpus_built()
            in_story = {a for s in store.stories() for a in s.article_ids}
        told = [set(a for c in cs for a in c.get("added", []) + c.get("unchanged", [])) for cs in calls]
        added = [set(a for c in cs for a in c.get("added", [])) for cs in calls]
        shown = [
            f"ingester {i + 1}: {x}"
            for i, cs in enumerate(calls)
            for c in cs
            for x in [c.get("exception"), *c.get("errors", [])]
            if x
        ]
        shown += [
            f"ingester {i + 1} exited {p.returncode}: {e[-500:]}"
            for i, (p, (_, e)) in enumerate(zip(procs, outs, strict=True))
            if p.returncode
        ]
        shown += [f"server: {line.strip()}" for line in server_log if LOCKED in line or "Traceback" in line]
        summary = {
            "articles_stored": len(stored),
            "stored_once": len(stored) == len(set(stored)),
            "lost_writes": len((told[0] | told[1]) - set(stored)),
            "added_by_both": len(added[0] & added[1]),
            "files_per_ingester": [len(x) for x in lists],
            "calls_per_ingester": [len(cs) for cs in calls],
            "errors_shown": len(shown),
            "locked_shown": sum(LOCKED in x for x in shown) + sum(LOCKED in f for f in readers.failures),
            "requests": readers.requests,
            "requests_by_status": dict(readers.status),
            "request_failures": len(readers.failures),
            "slowest_request_s": round(readers.slowest, 2),
            "slowest_ingest_call_s": max((c["seconds"] for cs in calls for c in cs), default=0),
            "check_problems": problems,
            "corpus_built": built,
            "articles_in_no_story": len(set(stored) - in_story),
            "wall_s": round(wall, 1),
        }
        for line in shown[:10] + readers.failures[:10]:
            print("  " + line[:300])
        print(json.dumps(summary, indent=2))
        ok = (
            summary["lost_writes"] == 0
            and summary["stored_once"]
            and not summary["added_by_both"]
            and not shown
            and not readers.failures
            and not problems
            and built
        )
        out = {
            "data": "PolNeAR train texts (../shared/data/polnear), seeded sample",
            "settings": {
                k: getattr(args, k) for k in ("articles", "overlap", "group", "seconds", "readers", "seed", "pause")
            },
            "summary": summary,
            "errors_shown": shown[:50],
            "request_failures": readers.failures[:50],
            "ok": ok,
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        }
        RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"{'ok' if ok else 'FAILED'}; wrote {RESULTS.relative_to(ROOT)}")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
