"""Where an engine spends CPU: CPU-seconds per process of an ingest's analysis, for the local and Ray engines.

    python bench/engine_cpu.py [--data DIR] [--limit 120] [--runs local:1,local:2,ray:1,ray:2] [--tag NAME]

Wall-clock rates say little on a busy machine; CPU time does not depend on what else runs. Each run is a fresh
child process ingesting the first ``--limit`` articles of bench/scale.py's data into a new SQLite store; this
process reads the CPU time (user + system) of the child and of every process under it (the Ray processes:
gcs_server, raylet, the dashboard and log agents, the worker processes that hold the actors; the local engine's
worker processes) every ``--every`` seconds, and keeps for each process the CPU it used within the analysis
(from the end of reading to the last stored article, as bench/scale.py times it) and over the whole run
(Ray's start, the analysis, the corpus stages). Processes are grouped by role (``driver`` is the child itself:
reading, the Ray Data executor, storing, the corpus stages). For each worker (a local worker process, a Ray
actor), the seconds of the analysis it had nothing to run (no thread runnable, sampled from /proc/PID/task/*/stat,
whatever the machine's load): before its first work (starting), between, and after its last (out of work while
another worker still had some, as when it was given its last batch too early).

Writes bench/results/engine_cpu.json, one entry per ``--tag`` (keeping the other tags' entries, and the runs of
this tag that this call did not redo), so a change can be measured beside the code before it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ray  # noqa: F401 - Ray brings psutil (ray/thirdparty_files) and puts it on the path
from scale import DEFAULT_DATA, files, load  # type: ignore[import-not-found]

psutil: Any = importlib.import_module("psutil")

HERE = Path(__file__).resolve().parent
ROLES = (  # (text in the process name or command line, role); the first that matches. A Ray worker process
    # starts as default_worker.py and then takes the title ray::IDLE, ray::<actor class>, ray::DashboardAgent ...
    ("ray::IDLE", "ray_idle_worker"),
    ("default_worker.py", "ray_idle_worker"),
    ("ray::DashboardAgent", "dashboard_agent"),
    ("dashboard/agent.py", "dashboard_agent"),
    ("ray::RuntimeEnvAgent", "runtime_env_agent"),
    ("runtime_env/agent", "runtime_env_agent"),
    ("ray::", "ray_actor"),
    ("dashboard/dashboard.py", "dashboard"),
    ("log_monitor.py", "log_monitor"),
    ("autoscaler/_private/monitor.py", "autoscaler_monitor"),
    ("multiprocessing.resource_tracker", "resource_tracker"),
    ("multiprocessing.spawn", "worker"),
)
WORKERS = ("worker", "ray_actor")


def role(cmd: str) -> str:
    exe = cmd.split(" ", 1)[0].rsplit("/", 1)[-1]
    if exe in ("raylet", "gcs_server"):  # the raylet's command line names default_worker.py too
        return exe
    return next((r for text, r in ROLES if text in cmd), "other")


def child(args: argparse.Namespace) -> None:
    """One ingest, the analysis marked in wall-clock time (so the parent can cut its CPU samples there)."""
    from storyline.api import Corpus
    from storyline.config import load_config
    from storyline.engines.base import engine_for

    paths = files(args.data, args.limit)
    cfg = load_config()
    eng = engine_for(args.engine, args.workers)
    marks: dict[str, float] = {"start": time.time()}
    if args.engine == "ray":
        eng.connect()  # type: ignore[union-attr]
    marks["connected"] = time.time()

    def progress(stage: str, done: int, total: int) -> None:
        if done >= total:
            marks[stage] = time.time()

    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "bench.db", cfg, eng) as corpus:
        rep = corpus.ingest(paths, progress=progress)
        marks["end"] = time.time()
        out = {"articles": len(rep.added), "errors": len(rep.errors), "marks": marks}
    print("RESULT " + json.dumps(out), flush=True)


def runnable(pid: int) -> float:
    """1 when a thread of the process is running or waiting for a CPU now (state R in /proc/PID/task/*/stat),
    else 0: sampled over the analysis, the share of it that the process had work to do, whatever the load."""
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            if (task / "stat").read_text().rsplit(")", 1)[1].split()[0] == "R":
                return 1.0
        except (OSError, IndexError):
            continue
    return 0.0


def sample(tree: Any) -> dict[int, tuple[str, str, float, float]]:
    """Every live process of the tree: its role, its title, its CPU seconds so far and whether it is runnable."""
    got: dict[int, tuple[str, str, float, float]] = {}
    for p in [tree, *tree.children(recursive=True)]:
        try:
            with p.oneshot():
                t = p.cpu_times()
                cmd = " ".join(p.cmdline())
        except psutil.Error:
            continue
        r = "driver" if p.pid == tree.pid else role(cmd)
        title = cmd.split(" --", 1)[0].strip()[-80:] if r in ("other", "ray_actor") else r
        got[p.pid] = (r, title, t.user + t.system, runnable(p.pid))
    return got


def measure(data: Path, limit: int, engine: str, workers: int, every: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", "--engine", engine, "--workers", str(workers),
           "--data", str(data), "--limit", str(limit)]  # fmt: skip
    before = load()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = psutil.Process(proc.pid)
    samples: list[tuple[float, dict[int, tuple[str, str, float, float]]]] = []
    while proc.poll() is None:
        samples.append((time.time(), sample(tree)))
        time.sleep(every)
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"{engine} ({workers}) failed:\n{err[-4000:]}")
    res = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
    return {"engine": engine, "workers": workers, "articles": res["articles"], "errors": res["errors"],
            **account(samples, res["marks"]), "load_before": before, "load_after": load()}  # fmt: skip


def account(
    samples: list[tuple[float, dict[int, tuple[str, str, float, float]]]], marks: dict[str, float]
) -> dict[str, Any]:
    """CPU seconds by role and by process, within the analysis and over the whole run; for each worker, when
    in the analysis it was idle."""
    roles: dict[int, tuple[str, str]] = {}
    for _, got in samples:  # a worker's title changes (ray::IDLE, then the actor's); keep the most telling
        for pid, (r, title, _, _) in got.items():
            if roles.get(pid, ("ray_idle_worker",))[0] in ("ray_idle_worker", "other"):
                roles[pid] = (r, title)

    def cpu_at(t: float) -> dict[int, float]:
        """CPU seconds per process at wall time ``t`` (the last sample before it; 0 for one not yet started)."""
        seen: dict[int, float] = {}
        for when, got in samples:
            if when > t:
                break
            seen.update({pid: v[2] for pid, v in got.items()})
        return seen

    last = {pid: v[2] for _, got in samples for pid, v in got.items()}  # the last value seen of each process
    t0, t1 = marks["read"], marks["analyse"]
    start, end = cpu_at(t0), cpu_at(t1)

    def by_role(cpu: dict[int, float], base: dict[int, float]) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, c in cpu.items():
            out[roles[pid][0]] = out.get(roles[pid][0], 0.0) + c - base.get(pid, 0.0)
        return {k: round(v, 2) for k, v in sorted(out.items(), key=lambda kv: -kv[1]) if round(v, 2)}

    processes = [process(samples, pid, roles[pid], c, end.get(pid, 0.0) - start.get(pid, 0.0), t0, t1)
                 for pid, c in sorted(last.items(), key=lambda kv: -kv[1]) if c >= 0.1]  # fmt: skip
    per_worker = [p["analysis_cpu_s"] for p in processes if p["role"] in WORKERS and p["analysis_cpu_s"]]
    analysis = by_role(end, start)
    return {
        "analysis_wall_s": round(marks["analyse"] - marks["read"], 2),
        "analysis_cpu_s": analysis,
        "analysis_cpu_total_s": round(sum(analysis.values()), 2),
        "analysis_cpu_per_worker_s": sorted(per_worker, reverse=True),
        "whole_run_cpu_s": by_role(last, {}),
        "ray_start_wall_s": round(marks["connected"] - marks["start"], 2),
        "processes": processes,
    }


def process(samples: list[tuple[float, dict[int, tuple[str, str, float, float]]]], pid: int, rt: tuple[str, str],
            whole: float, cpu: float, t0: float, t1: float) -> dict[str, Any]:  # fmt: skip
    """One process's figures: its CPU over the whole run and within the analysis; for a worker, the seconds of
    the analysis it had no work to do (no thread runnable), before its first work (starting), between, and after
    its last (out of work)."""
    out = {"role": rt[0], "title": rt[1], "whole_run_cpu_s": round(whole, 2), "analysis_cpu_s": round(cpu, 2)}
    if rt[0] not in WORKERS:
        return out
    at = [(when, got[pid][3] if pid in got else 0.0) for when, got in samples if t0 <= when <= t1]
    on = [when for when, r in at if r]
    if len(at) < 2 or not on:
        out["idle_start_between_end_s"] = [round(t1 - t0, 2), 0.0, 0.0]
        return out
    step = (at[-1][0] - at[0][0]) / (len(at) - 1)
    between = sum(1 for when, r in at if on[0] < when < on[-1] and not r) * step
    out["idle_start_between_end_s"] = [round(on[0] - t0, 2), round(between, 2), round(t1 - on[-1], 2)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--runs", default="local:1,local:2,ray:1,ray:2", help="engine:workers, comma-separated")
    ap.add_argument("--every", type=float, default=0.2, help="seconds between CPU samples")
    ap.add_argument("--tag", default="current", help="the name this run is kept under in the results")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}: pass --data DIR (a folder of plain-text articles)")
    runs = []
    for spec in args.runs.split(","):
        engine, workers = spec.split(":")
        r = measure(args.data, args.limit, engine, int(workers), args.every)
        runs.append(r)
        print(f"{engine:<5} {workers}: analysis CPU {r['analysis_cpu_total_s']:6.1f} s in {r['analysis_wall_s']:5.1f} s"
              f" wall (load {r['load_before']:.1f} -> {r['load_after']:.1f}); per worker "
              f"{r['analysis_cpu_per_worker_s']}", flush=True)  # fmt: skip
        print("       by process: " + ", ".join(f"{k} {v:.1f}" for k, v in r["analysis_cpu_s"].items()))
        print("       whole run:  " + ", ".join(f"{k} {v:.1f}" for k, v in r["whole_run_cpu_s"].items()))
        for p in r["processes"]:
            print(
                f"       {p['role']:<18} {p['analysis_cpu_s']:6.2f} {p['whole_run_cpu_s']:6.2f} "
                f"{p.get('idle_start_between_end_s', '')} "
                f"{p['title'] if p['title'] != p['role'] else ''}"
            )
        print("", flush=True)
    path = HERE / "results" / "engine_cpu.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    kept = [r for r in old.get(args.tag, {}).get("runs", []) if args.limit == old[args.tag]["articles"]
            and (r["engine"], r["workers"]) not in {(x["engine"], x["workers"]) for x in runs}]  # fmt: skip
    old[args.tag] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "articles": args.limit, "cpus": os.cpu_count(),
                     "runs": kept + runs}  # fmt: skip
    path.write_text(json.dumps(old, indent=2) + "\n", encoding="utf-8")
    print(f"saved {path} ({args.tag})")


if __name__ == "__main__":
    main()
