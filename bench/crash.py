"""Crash bench: an ingest killed with SIGKILL at random points, then finished, equals an uninterrupted one.

    python bench/crash.py [--articles N] [--points K] [--seed S] [--batch B]

Takes ``--articles`` texts (default 500) from PolNeAR (``../shared/data/polnear/data/train/text``, read where
they are, a seeded sample), and ingests them in a child process three ways:

1. clean: one uninterrupted ingest into a fresh store (the reference);
2. crashed: the same ingest into another fresh store, killed with SIGKILL at ``--points`` points (default 20,
   drawn from the seed), each kill followed by the next run — the same ingest again, or ``storyline repair``
   (drawn) — until a run ends by itself;
3. after every kill the store is opened and checked: SQLite's integrity check, no article both stored and
   waiting, every stored article one of the reference's, and ``check()`` naming only what a stopped run
   leaves (documents waiting, stories older than the articles).

The points are spread over the stages: *read* (inside the transaction that queues the documents read),
*analyse* (while the parser is on the k-th article of that run), *store* (inside the k-th article's
transaction, its rows written), *corpus* (while the k-th story is built, before anything is stored),
*corpus-write* (inside the transaction storing the corpus stages' results), and *time* (a random few
seconds after the run has analysed a random number of articles, wherever that falls; with none left, a
random moment of the corpus stages). The child pauses at the hooked point and the parent kills it there; the hooks
are installed by this script in the child (monkeypatching), not by Storyline.

At the end: the stored articles (each once, JSON equal to the reference's), the story partition, and
``storyline check`` (exit 0) are compared with the clean run. Results go to bench/results/crash.json.
Batch size ``--batch`` (default 8: the ingest stores every 64 articles) is used for both runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
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
RESULTS = HERE / "results" / "crash.json"
CODE = [""]
"""Where the children import Storyline from: a copy of ``src`` taken when the bench starts, so every run
(the clean one, each killed one, the last) runs the same code while the tree is being edited."""
KINDS = {"read": 2, "analyse": 5, "store": 4, "time": 2, "corpus": 4, "corpus-write": 3}
"""Kill-point kinds and how many of every 20 points each gets."""
EARLY = ("read", "analyse", "store", "time")
ALLOWED = ("document(s) read but not analysed", "stories are older than the last article", "articles in no story")
"""The only problems a store may have after a kill (what a stopped run leaves, finished by the next)."""

# ----------------------------------------------------------------------------------------------- child


def pause(kind: str) -> None:
    """Tell the parent where we are and wait for SIGKILL."""
    print(f"PAUSED {kind}", flush=True)
    time.sleep(3600)


def install(kind: str, k: int) -> None:
    """Hook the kill point ``kind`` at its ``k``-th occurrence in this run."""
    from storyline import pipeline
    from storyline.store.sqlite import SqliteStore

    calls = {"n": 0}

    def nth() -> bool:
        calls["n"] += 1
        return calls["n"] == k

    if kind == "read":
        queue = SqliteStore.queue_pending

        def queued(self: SqliteStore, docs: Any) -> None:
            with self.transaction():
                queue(self, docs)
                if docs and nth():
                    pause(kind)

        SqliteStore.queue_pending = queued  # type: ignore[method-assign]
    elif kind == "analyse":
        statements = pipeline.statements_from_doc

        def parsed(doc: Any, sentences: Any) -> Any:
            if nth():
                pause(kind)
            return statements(doc, sentences)

        pipeline.statements_from_doc = parsed  # type: ignore[assignment]
    elif kind == "store":
        mark = SqliteStore._mark_analysed

        def stored(self: SqliteStore, article_id: str) -> None:
            mark(self, article_id)
            if nth():
                pause(kind)

        SqliteStore._mark_analysed = stored  # type: ignore[method-assign]
    elif kind == "corpus":
        build = pipeline.build_story

        def building(*args: Any, **kwargs: Any) -> Any:
            if nth():
                pause(kind)
            return build(*args, **kwargs)

        pipeline.build_story = building
    elif kind == "corpus-write":
        replace = SqliteStore.replace_stories

        def replaced(self: SqliteStore, stories: Any) -> None:
            replace(self, stories)
            if nth():
                pause(kind)

        SqliteStore.replace_stories = replaced  # type: ignore[method-assign]


def child(args: argparse.Namespace) -> None:
    from storyline.api import Corpus, repair

    if args.kind:
        install(args.kind, args.k)
    paths = json.loads(Path(args.paths).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        print(f"PROGRESS {stage} {done} {total}", flush=True)
        marks.setdefault(f"{stage}-start", time.perf_counter() - t0)
        if done == total:
            marks[f"{stage}-end"] = time.perf_counter() - t0

    with Corpus(args.db) as corpus:
        rep = repair(corpus, progress) if args.mode == "repair" else corpus.ingest(paths, progress=progress)
    out = {"added": len(rep.added), "unchanged": len(rep.unchanged), "errors": [str(e) for e in rep.errors]}
    print("DONE " + json.dumps({**out, "seconds": round(time.perf_counter() - t0, 2), "marks": marks}), flush=True)


# ---------------------------------------------------------------------------------------------- parent


def run_child(
    db: Path,
    paths: Path,
    batch: int,
    kind: str = "",
    k: int = 0,
    mode: str = "ingest",
    kill_after: float | None = None,
    kill_at: tuple[int, float] | None = None,
) -> dict[str, Any]:
    """Run one child; kill it with SIGKILL when it pauses, or ``kill_after`` seconds after it starts, or
    ``kill_at[1]`` seconds after it reports ``kill_at[0]`` articles analysed."""
    cmd = [sys.executable, __file__, "--child", "--db", str(db), "--paths", str(paths), "--mode", mode]
    if kind and kind != "time":
        cmd += ["--kind", kind, "--k", str(k)]
    env = {**os.environ, "STORYLINE_NLP_BATCH_SIZE": str(batch), "PYTHONPATH": CODE[0]}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    result: dict[str, Any] = {"killed": False}
    timer = None

    def timed_kill() -> None:
        if proc.poll() is None:
            result["killed"] = True
            os.kill(proc.pid, signal.SIGKILL)

    if kill_after is not None:
        timer = threading.Timer(kill_after, timed_kill)
        timer.start()
    assert proc.stdout is not None
    for line in proc.stdout:
        if kill_at is not None and line.startswith("PROGRESS analyse ") and int(line.split()[2]) >= kill_at[0]:
            timer = threading.Timer(kill_at[1], timed_kill)
            timer.start()
            kill_at = None
        if line.startswith("PAUSED"):
            result["killed"] = True
            os.kill(proc.pid, signal.SIGKILL)
        elif line.startswith("DONE "):
            result.update(json.loads(line[5:]))
    proc.wait()
    if timer is not None:
        timer.cancel()
    stderr = proc.stderr.read() if proc.stderr else ""
    result["rc"] = proc.returncode
    result["wall"] = round(time.perf_counter() - t0, 2)
    if not result["killed"] and proc.returncode != 0:
        result["stderr"] = stderr[-2000:]
    return result


def snapshot(db: Path) -> dict[str, Any]:
    """The store's state, read in a child running the same copy of the code as the ingests (the tree's own
    code may be newer: opening the store with it would migrate it past what the ingests know)."""
    cmd = [sys.executable, __file__, "--snapshot", str(db)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": CODE[0]})
    out: dict[str, Any] = json.loads(proc.stdout)
    return out


def read_state(db: Path) -> dict[str, Any]:
    """The store's state (nothing here loads spaCy)."""
    from storyline.store.sqlite import SqliteStore

    with SqliteStore(db) as store:
        conn = store.connection
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
        docs = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT id, json FROM articles")}
        both_sql = "SELECT count(*) FROM pending WHERE article_id IN (SELECT id FROM articles)"
        both = int(conn.execute(both_sql).fetchone()[0])
        stories = sorted(sorted(s.article_ids) for s in store.stories())
        return {
            "ids": ids,
            "docs": docs,
            "stored_and_waiting": both,
            "integrity": [r[0] for r in conn.execute("PRAGMA integrity_check")],
            "problems": store.check(),
            "stages": store.stage_counts(),
            "stories": stories,
        }


def first_difference(clean: dict[str, Any], final: dict[str, Any], differing: list[str]) -> dict[str, Any] | None:
    """The first field (and list item) where a stored article differs from the clean run's, both sides."""
    for aid in differing:
        for key, value in clean[aid].items():
            other = final.get(aid, {}).get(key)
            if other == value:
                continue
            if isinstance(value, list) and isinstance(other, list):
                for i, (x, y) in enumerate(zip(value, other, strict=False)):
                    if x != y:
                        return {"article": aid, "field": key, "item": i, "clean": x, "crashed": y}
                return {"article": aid, "field": key, "clean_items": len(value), "crashed_items": len(other)}
            return {"article": aid, "field": key, "clean": value, "crashed": other}
    return None


def plan(rng: random.Random, points: int) -> list[str]:
    """``points`` kinds in the order they are played: the early stages first, then the corpus stages."""
    pool = [kind for kind, n in KINDS.items() for _ in range(n)]
    kinds = [pool[i % len(pool)] for i in range(points)] if points >= len(pool) else rng.sample(pool, points)
    early = [k for k in kinds if k in EARLY]
    late = [k for k in kinds if k not in EARLY]
    rng.shuffle(early)
    rng.shuffle(late)
    return early + late


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--points", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch", type=int, default=8, help="nlp.batch_size for every run (stores every 8 x B)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--snapshot", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--paths", help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="ingest", help=argparse.SUPPRESS)
    ap.add_argument("--kind", default="", help=argparse.SUPPRESS)
    ap.add_argument("--k", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if args.snapshot:
        print(json.dumps(read_state(Path(args.snapshot))))
        return
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: this bench reads PolNeAR from ../shared/data")
    rng = random.Random(args.seed)
    files = sorted(str(p) for p in DATA.glob("*.txt"))
    chosen = sorted(rng.sample(files, min(args.articles, len(files))))
    with tempfile.TemporaryDirectory(prefix="storyline-crash-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "src", work / "code", ignore=shutil.ignore_patterns("__pycache__"))
        CODE[0] = str(work / "code")
        paths = work / "paths.json"
        paths.write_text(json.dumps(chosen), encoding="utf-8")
        print(f"{len(chosen)} PolNeAR articles, {args.points} kill points, seed {args.seed}, batch {args.batch}")
        clean_db = work / "clean.db"
        clean_run = run_child(clean_db, paths, args.batch)
        if clean_run["rc"] != 0:
            sys.exit(f"clean run failed: {clean_run.get('stderr')}")
        clean = snapshot(clean_db)
        n_articles, n_stories = len(clean["ids"]), len(clean["stories"])
        marks = clean_run["marks"]
        corpus_s = clean_run["seconds"] - marks.get("analyse-end", 0.0)
        print(f"clean run: {n_articles} articles, {n_stories} stories in {clean_run['wall']} s {clean_run['marks']}")
        crashed = work / "crashed.db"
        kinds = plan(rng, args.points)
        analysis_points = sum(k in ("analyse", "store", "time") for k in kinds)
        rows: list[dict[str, Any]] = []
        for i, kind in enumerate(kinds):
            before = snapshot(crashed) if crashed.exists() else {"ids": [], "stages": {}}
            remaining = n_articles - len(before["ids"])
            if not remaining and kind in ("read", "analyse", "store"):
                kind = "time"  # nothing left to read, parse or store: a random moment of the corpus stages
            left_points = max(1, analysis_points - sum(r["kind"] in ("analyse", "store", "time") for r in rows))
            if kind in ("analyse", "store"):
                k = rng.randint(1, max(1, 2 * remaining // (left_points + 1)))
            elif kind == "corpus":
                k = rng.randint(1, max(1, n_stories))
            else:
                k = 1
            # the next run: the same ingest, or storyline repair (which reads no files: never for a *read* point)
            mode = "repair" if i and kind != "read" and rng.random() < 0.3 else "ingest"
            # a random moment of the run: a few seconds after it has analysed a random number of the articles
            # left (progress comes once per stored batch), or, with none left, inside the corpus stages
            kill_after, kill_at = None, None
            if kind == "time" and remaining:
                kill_at = (rng.randint(0, 2 * remaining // (left_points + 1)), rng.uniform(0.0, 8.0))
            elif kind == "time":
                kill_after = rng.uniform(2.0, 0.5 * (10.0 + corpus_s))
            res = run_child(crashed, paths, args.batch, kind, k, mode, kill_after, kill_at)
            after = snapshot(crashed)
            unexpected = [p for p in after["problems"] if not any(a in p for a in ALLOWED)]
            ok = (
                after["integrity"] == ["ok"]
                and after["stored_and_waiting"] == 0
                and set(after["ids"]) <= set(clean["ids"])
                and set(before["ids"]) <= set(after["ids"])
                and not unexpected
                and (res["killed"] or res["rc"] == 0)
            )
            row = {
                "point": i + 1,
                "kind": kind,
                "k": k,
                "mode": mode,
                "killed": res["killed"],
                "seconds": res["wall"],
                "stored_before": len(before["ids"]),
                "stored_after": len(after["ids"]),
                "stages_after": after["stages"],
                "problems_after": after["problems"],
                "unexpected": unexpected,
                "ok": ok,
            }
            if "stderr" in res:
                row["stderr"] = res["stderr"]
            rows.append(row)
            print(
                f"{i + 1:2d} {kind:<12} k={k:<4} {mode:<6} {'killed' if res['killed'] else 'ended':<6} "
                f"{res['wall']:6.1f} s stored {len(before['ids'])}->{len(after['ids'])} "
                f"stages {after['stages']} {'ok' if ok else 'FAIL ' + str(unexpected)}",
                flush=True,
            )
        final_run = run_child(crashed, paths, args.batch)
        final = snapshot(crashed)
        cli = subprocess.run(
            [sys.executable, "-c", "from storyline.cli import main; main()", "--db", str(crashed), "check", "--json"],
            env={**os.environ, "PYTHONPATH": CODE[0]},
            capture_output=True,
            text=True,
            check=False,
        )
        differing = sorted(a for a in clean["docs"] if final["docs"].get(a) != clean["docs"][a])
        fields = Counter(
            k for a in differing for k, v in clean["docs"][a].items() if final["docs"].get(a, {}).get(k) != v
        )
        again = run_child(crashed, paths, args.batch)
        summary = {
            "articles_equal": final["ids"] == clean["ids"],
            "each_article_once": len(final["ids"]) == len(set(final["ids"])) == n_articles,
            "partition_equal": final["stories"] == clean["stories"],
            "article_json_differing": len(differing),
            "fields_differing": dict(fields),
            "first_difference": first_difference(clean["docs"], final["docs"], differing),
            "final_problems": final["problems"],
            "check_exit": cli.returncode,
            "check_output": (cli.stdout + cli.stderr)[-600:],
            "rerun_added": again.get("added"),
            "points_ok": sum(r["ok"] for r in rows),
            "points_killed": sum(r["killed"] for r in rows),
        }
        print(f"final run: {final_run.get('added')} added in {final_run['wall']} s; {summary}")
        if differing:
            print("articles whose stored JSON differs from the clean run's:", differing[:5])
        out = {
            "data": "PolNeAR train texts (../shared/data/polnear), seeded sample",
            "articles": n_articles,
            "points": args.points,
            "seed": args.seed,
            "batch_size": args.batch,
            "clean_run_seconds": clean_run["wall"],
            "clean_run_marks": clean_run["marks"],
            "stories": n_stories,
            "kill_points": rows,
            "final_run_seconds": final_run["wall"],
            "summary": summary,
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        }
        RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
        passed = summary["points_ok"] == summary["points_killed"] == len(rows)
        sys.exit(0 if passed and summary["partition_equal"] and not cli.returncode else 1)


if __name__ == "__main__":
    main()
