"""``storyline stories`` on a large store: this checkout's code beside an earlier revision's, run in turn.

    python bench/listing_cli.py --db STORE [--before REV] [--rounds 5] [--terminal] [--key listing_cli]

STORE is a large SQLite store (the 100,000-article one ``bench/web_scale.py`` grows); it is only read. ``--before``
is a git revision of this repository (default: the last one before the listing read its lines from the listing
index, :data:`BEFORE`), whose ``src`` is unpacked into a temporary folder; ``after`` is this checkout's ``src``.
Both run as ``python -m storyline --db STORE -q stories`` in a fresh process, piped to a file (every story,
tab-separated), in the order before, after, after, before, ... so that the machine's load falls on both alike.

Figures per code: wall and CPU (user + system) seconds of the whole process, its peak RSS, the bytes written and
whether they are the same bytes as the other code's; the 1-minute load average as each run starts (the machine
has 2 shared cores: CPU seconds are the figures to compare, wall seconds the ones a user waits). Beside them the
start-up alone: the cumulative import time of ``storyline`` and ``storyline.cli`` (``-X importtime``, smallest of
the rounds). ``--terminal``: once per code, the same command on a pseudo-terminal (80 columns), the rich table
the command draws there (every story before; the first :data:`storyline.cli.TERMINAL_STORIES` after).

Writes the figures under ``--key`` in bench/results/scale.json, keeping its other keys.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from startup import _env, import_time

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "scale.json"
BEFORE = "5f9209e"
"""The revision before ``storyline stories`` read its lines with ``Store.story_lines``."""
TARGET_S = 1.0


def unpack(rev: str, into: Path) -> Path:
    """The ``src`` folder of revision ``rev`` of this repository, unpacked under ``into``."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(into, filter="data")
    return into / "src"


def _cmd(db: Path) -> list[str]:
    return [sys.executable, "-m", "storyline", "--db", str(db), "-q", "stories"]


def piped(src: Path, db: Path, cwd: Path) -> dict[str, Any]:
    """One listing piped to a file: wall and CPU seconds, peak RSS, the output's size and digest."""
    load = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryFile() as fh:
        t = time.perf_counter()
        proc = subprocess.Popen(_cmd(db), env=_env(src), cwd=cwd, stdout=fh, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"storyline stories failed with {src}")
        fh.seek(0)
        body = fh.read()
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "bytes": len(body),
        "sha1": hashlib.sha1(body).hexdigest()[:16],
        "load": load,
    }


def on_terminal(src: Path, db: Path, cwd: Path) -> dict[str, Any]:
    """One listing on a pseudo-terminal of 80 columns, its output read (and dropped) as it comes."""
    load = round(os.getloadavg()[0], 2)
    master, slave = os.openpty()
    env = {**_env(src), "COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
    got = [0]

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed its end
                return
            if not chunk:
                return
            got[0] += len(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    t = time.perf_counter()
    proc = subprocess.Popen(_cmd(db), env=env, cwd=cwd, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    reader.join(timeout=10)
    os.close(master)
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "bytes": got[0], "load": load}


def _summary(runs: list[dict[str, Any]], key: str) -> dict[str, float]:
    values = [r[key] for r in runs]
    return {"median": round(statistics.median(values), 3), "min": min(values), "max": max(values)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, type=Path, help="a large SQLite store (only read)")
    ap.add_argument("--before", default=BEFORE, help="git revision of the code to compare with")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--terminal", action="store_true", help="also time the table drawn on a pseudo-terminal")
    ap.add_argument("--key", default="listing_cli")
    args = ap.parse_args()
    db = args.db.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        codes = {"before": unpack(args.before, Path(tmp)), "after": ROOT / "src"}
        runs: dict[str, list[dict[str, Any]]] = {k: [] for k in codes}
        imports: dict[str, dict[str, list[float]]] = {k: {} for k in codes}
        for i in range(args.rounds):
            for label in list(codes) if i % 2 == 0 else list(codes)[::-1]:
                r = piped(codes[label], db, Path(tmp))
                runs[label].append(r)
                print(f"round {i + 1} {label:>6}: wall {r['wall_s']:.2f} s, cpu {r['cpu_s']:.2f} s, "
                      f"{r['peak_rss_mb']} MB, load {r['load']}", flush=True)  # fmt: skip
                for module in ("storyline", "storyline.cli"):
                    imports[label].setdefault(module, []).append(import_time(codes[label], module)["ms"])
        terminal = {label: on_terminal(src, db, Path(tmp)) for label, src in codes.items()} if args.terminal else {}
    digests = {label: {r["sha1"] for r in rs} for label, rs in runs.items()}
    out: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "what": "storyline --db STORE -q stories piped to a file (every story, tab-separated), fresh processes, "
        "the code at --before and this checkout's in turn (before, after, after, before, ...)",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "bytecode_written": False},
        "store": {"file": db.name, "gb": round(db.stat().st_size / 1e9, 1), "stories": _stories(db)},
        "before_rev": args.before,
        "after_rev": _head(),
        "target_wall_s": TARGET_S,
        "same_output": len(digests["before"] | digests["after"]) == 1,
    }
    for label, rs in runs.items():
        out[label] = {
            "wall_s": _summary(rs, "wall_s"),
            "cpu_s": _summary(rs, "cpu_s"),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in rs),
            "bytes": rs[-1]["bytes"],
            "import_ms": {m: min(v) for m, v in imports[label].items()},
            "runs": [{k: r[k] for k in ("wall_s", "cpu_s", "load")} for r in rs],
        }
        print(f"{label:>6}: wall median {out[label]['wall_s']['median']:.2f} s "
              f"({out[label]['wall_s']['min']:.2f}-{out[label]['wall_s']['max']:.2f}), cpu median "
              f"{out[label]['cpu_s']['median']:.2f} s, peak {out[label]['peak_rss_mb']} MB, "
              f"import storyline.cli {out[label]['import_ms']['storyline.cli']} ms")  # fmt: skip
    if terminal:
        out["terminal"] = terminal
        print("terminal: " + ", ".join(f"{k} wall {v['wall_s']} s cpu {v['cpu_s']} s" for k, v in terminal.items()))
    print(f"same output: {out['same_output']}")
    saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    saved[args.key] = out
    RESULTS.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)} [{args.key}]")


def _head() -> str:
    """This checkout's commit, with ``+`` when ``src`` has changes not committed."""
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", "HEAD", "--", "src"], check=False)
    return rev.stdout.strip() + ("+" if dirty.returncode else "")


def _stories(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
    finally:
        conn.close()


if __name__ == "__main__":
    main()
