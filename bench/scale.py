"""Past one machine: ingest throughput with 1 and 2 workers per engine, and whether Ray and Spark give the local
engine's output.

    python bench/scale.py [--data DIR] [--limit 600] [--equal-limit 300] [--only speed|equal|paired]

Data: the first ``--limit`` real articles of ../shared/data/polnear/data/train/text (sorted by name). Each run is a
fresh child process ingesting them into a new SQLite store, as ``storyline ingest`` would:

* ``local``  — the default engine: 1 worker is everything in the process; 2 workers are two worker processes,
  each with its own spaCy pipeline (``--workers 2``, ``storyline.engines.local``);
* ``spacy``  — the local engine with spaCy's own multiprocessing (``nlp.n_process``: only ``nlp.pipe`` runs in
  the workers, the rest of the analysis in the caller), the alternative to the worker processes;
* ``ray``    — ``--engine ray --workers N`` on a Ray instance started with N CPUs (its start is timed apart).

Figures per run: the analysis phase (from the end of reading to the last stored article: worker or actor start,
model loads, cleaning, spaCy, dates, storing) as articles/s, and the whole ingest (with reading and the corpus
stages, which run in the caller whatever the engine). Scaling = throughput with 2 workers / with 1 (target ≥ 1.7).
The machine has 2 cores and may be shared: the 1-minute load average before and after each run is kept beside it.

Equality (``--equal-limit`` articles): the JSON export of a local ingest against a Ray ingest (2 workers), and the
columnar tables of the local export against ``storyline.spark.analyse_articles`` (local[2]): equal or not, and
how many items (rows) are only on one side, per list (table).

``--only paired`` (not part of the default run): 1 and 2 workers of the local and Ray engines back to back, in the
order 1, 2, 2, 1, the two engines in turn at each step, on ``--pair-limit`` articles, for a scaling figure less at the
mercy of a shared machine's load (kept under ``--key``, ``paired`` unless told). Each of these runs is sampled from
here (bench/engine_cpu.py): the CPU seconds of the analysis per process group (driver, workers, Ray Data's own
actors, Ray's daemons), per article, and the CPU the rest of the machine used meanwhile (other people's work, and
this sampler's), which wall-clock rates on a shared machine need beside them. Beside the scaling 1 -> 2 of each
engine, Ray's 2 actors against the local engine's 2 processes run after run (with one worker, Ray's own
processes have the second core to themselves, which flatters Ray's 1 and so lowers its scaling).

Writes bench/results/scale.json (keeping the parts of an earlier run that this one did not redo).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
RUNS = (("local", 1), ("local", 2), ("ray", 1), ("ray", 2), ("spacy", 2))
TARGET = 1.7


def files(data: Path, limit: int) -> list[str]:
    return [str(p) for p in sorted(p for p in data.iterdir() if p.is_file())[:limit]]


def load() -> float:
    return round(os.getloadavg()[0], 2)


def run_ingest(
    engine: str, workers: int, paths: list[str], export_to: str | None = None, in_flight: int | None = None
) -> dict[str, Any]:
    """One ingest, timed by phase (the progress callback marks the end of reading and of the analysis)."""
    from storyline.api import Corpus
    from storyline.config import load_config
    from storyline.engines.base import engine_for

    cfg = load_config()
    eng = None
    startup = 0.0
    if engine == "spacy":
        cfg.nlp_n_process = workers
    else:
        eng = engine_for(engine, workers)
    if engine == "ray" and in_flight:
        eng.in_flight = in_flight  # type: ignore[union-attr]  # batches an actor holds at a time
    if engine == "ray":
        t = time.perf_counter()
        eng.connect()  # type: ignore[union-attr]
        startup = time.perf_counter() - t
    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done >= total:
            marks[stage] = time.perf_counter()

    before = load()
    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "bench.db", cfg, eng) as corpus:
        t0 = time.perf_counter()
        rep = corpus.ingest(paths, progress=progress)
        end = time.perf_counter()
        stories = len(corpus.stories)
        if export_to:
            Path(export_to).write_text(json.dumps(corpus.export(), ensure_ascii=False), encoding="utf-8")
    read_end, analysed = marks.get("read", t0), marks.get("analyse", end)
    n = len(rep.added)
    wall = time.time() - time.perf_counter()  # perf_counter marks as wall-clock times, for a CPU sampler outside
    return {
        "marks": {"read": read_end + wall, "analyse": analysed + wall},
        "engine": engine,
        "workers": workers,
        "articles": n,
        "errors": len(rep.errors),
        "stories": stories,
        "ray_start_s": round(startup, 2),
        "read_s": round(read_end - t0, 2),
        "analyse_s": round(analysed - read_end, 2),
        "corpus_stages_s": round(end - analysed, 2),
        "ingest_s": round(end - t0, 2),
        "analyse_articles_per_s": round(n / (analysed - read_end), 3),
        "ingest_articles_per_s": round(n / (end - t0), 3),
        "load_before": before,
        "load_after": load(),
    }


def run_spark(paths: list[str], out: str) -> dict[str, Any]:
    """``analyse_articles`` on local[2]; writes its tables (as lists of rows) to ``out``."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from storyline.spark import analyse_articles, documents

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    before = load()
    t = time.perf_counter()
    errors: list[Any] = []
    got = analyse_articles(documents(spark, paths, errors), errors=errors)
    rows = {name: [list(r) for r in df.collect()] for name, df in got.items()}
    seconds = time.perf_counter() - t
    spark.stop()
    Path(out).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    n = len(rows["articles"])
    return {"articles": n, "errors": len(errors), "seconds": round(seconds, 2),
            "articles_per_s": round(n / seconds, 3), "load_before": before, "load_after": load()}  # fmt: skip


def only_one_side(a: list[Any], b: list[Any]) -> int:
    """Items in one list and not the other, counted with multiplicity."""
    ca = Counter(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in a)
    cb = Counter(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in b)
    return sum(((ca - cb) + (cb - ca)).values())


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    lists = [k for k in a if isinstance(a[k], list)]
    diffs = {k: only_one_side(a[k], b.get(k, [])) for k in lists}
    return {"equal": a == b, "items_only_on_one_side": {k: v for k, v in diffs.items() if v},
            "items": {k: len(a[k]) for k in lists}}  # fmt: skip


def child(args: argparse.Namespace) -> None:
    paths = files(args.data, args.limit)
    if args.child == "spark":
        res = run_spark(paths, args.out)
    else:
        res = run_ingest(args.child, args.workers, paths, args.out, args.in_flight)
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(res))


def spawn(mode: str, data: Path, limit: int, workers: int = 1, out: str | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--data", str(data), "--limit", str(limit),
           "--workers", str(workers)] + (["--out", out] if out else [])  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{mode} ({workers}) failed:\n{proc.stderr[-4000:]}")
    res: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    res.pop("marks", None)
    return res


def machine_busy() -> float:
    """CPU seconds this machine has been busy (all processes, all cores: /proc/stat less idle and iowait); 0 where
    there is no /proc."""
    try:
        v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def group(p: dict[str, Any]) -> str:
    """A process of an ingest (bench/engine_cpu.py's roles) in one of four groups: ``driver`` (the ingest's own
    process: Ray Data's executor, storing), ``workers`` (the local engine's worker processes, the Ray actors that
    analyse), ``ray_data_actors`` (Ray Data's own: statistics, autoscaling coordinator, actor locations) and
    ``ray_daemons`` (raylet, gcs_server, the log monitor, the dashboard and runtime-env agents, idle workers)."""
    if p["role"] in ("driver", "worker"):
        return p["role"] + ("s" if p["role"] == "worker" else "")
    if p["role"] == "ray_actor":
        return "workers" if "MapBatches" in p["title"] else "ray_data_actors"
    return "ray_daemons"


def busy_at(busy: list[tuple[float, float]], t: float) -> float:
    """The machine's busy CPU seconds at the last sample before wall time ``t``."""
    return next((b for when, b in reversed(busy) if when <= t), busy[0][1] if busy else 0.0)


def sampled(
    mode: str, data: Path, limit: int, workers: int, in_flight: int | None = None, every: float = 0.5
) -> dict[str, Any]:
    """:func:`spawn`, with the CPU seconds of every process of the child's tree sampled from here
    (bench/engine_cpu.py), and the machine's: within the analysis, per process group (:func:`group`) and per
    article, and the CPU the machine spent on everything else meanwhile (``others_cpu_s``: other people's work)."""
    import engine_cpu  # type: ignore[import-not-found]  # imports Ray, which brings psutil

    cmd = [sys.executable, __file__, "--child", mode, "--data", str(data), "--limit", str(limit),
           "--workers", str(workers)] + (["--in-flight", str(in_flight)] if in_flight else [])  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = engine_cpu.psutil.Process(proc.pid)
    samples: list[tuple[float, Any]] = []
    busy: list[tuple[float, float]] = []
    while proc.poll() is None:
        samples.append((time.time(), engine_cpu.sample(tree)))
        busy.append((time.time(), machine_busy()))
        time.sleep(every)
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"{mode} ({workers}) failed:\n{err[-4000:]}")
    res: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    marks = res.pop("marks")
    acc = engine_cpu.account(samples, {"start": 0.0, "connected": 0.0, **marks})
    by: dict[str, float] = {}
    for p in acc["processes"]:
        by[group(p)] = by.get(group(p), 0.0) + p["analysis_cpu_s"]
    t0, t1 = marks["read"], marks["analyse"]
    machine = busy_at(busy, t1) - busy_at(busy, t0)
    ours = sum(by.values())
    n = max(res["articles"], 1)
    res["cpu"] = {
        "analysis_s": {k: round(v, 2) for k, v in sorted(by.items(), key=lambda kv: -kv[1])},
        "analysis_per_article_s": {k: round(v / n, 4) for k, v in sorted(by.items(), key=lambda kv: -kv[1])},
        "analysis_total_s": round(ours, 2),
        "per_worker_s": sorted((p["analysis_cpu_s"] for p in acc["processes"] if group(p) == "workers"), reverse=True),
        "worker_idle_start_between_end_s": [
            p["idle_start_between_end_s"] for p in acc["processes"] if group(p) == "workers"
        ],
        "others_cpu_s": round(max(machine - ours, 0.0), 1) if machine else None,
        "sampled_every_s": every,
    }
    return res


def speed(data: Path, limit: int) -> dict[str, Any]:
    runs = []
    for engine, workers in RUNS:
        res = spawn(engine, data, limit, workers)
        runs.append(res)
        print(f"{engine:<6} {workers} worker(s): analysis {res['analyse_articles_per_s']:6.2f} articles/s "
              f"({res['analyse_s']:.0f} s), whole ingest {res['ingest_articles_per_s']:5.2f} articles/s "
              f"({res['ingest_s']:.0f} s; ray start {res['ray_start_s']:.0f} s)  "
              f"load {res['load_before']:.1f} -> {res['load_after']:.1f}", flush=True)  # fmt: skip
    by = {(r["engine"], r["workers"]): r for r in runs}
    base = by[("local", 1)]["analyse_articles_per_s"]
    scaling = {
        "local: 2 worker processes / 1": by[("local", 2)]["analyse_articles_per_s"] / base,
        "ray: 2 actors / 1": by[("ray", 2)]["analyse_articles_per_s"] / by[("ray", 1)]["analyse_articles_per_s"],
        "spacy n_process 2 / local 1": by[("spacy", 2)]["analyse_articles_per_s"] / base,
        "ray 2 / local 1": by[("ray", 2)]["analyse_articles_per_s"] / base,
    }
    for k, v in scaling.items():
        print(f"scaling {k:<32} {v:5.2f}x  (target >= {TARGET})")
    return {"runs": runs, "scaling": {k: round(v, 3) for k, v in scaling.items()}, "target": TARGET}


def paired(data: Path, limit: int, rounds: int, in_flight: list[int] | None = None) -> dict[str, Any]:
    """1 and 2 workers of each engine run back to back in the order 1, 2, 2, 1 (``rounds`` times), so that a load
    that changes over minutes weighs on both alike; the scaling of each adjacent pair, and their median. Each
    value of ``in_flight`` past the first is a variant of the Ray engine (batches an actor holds at a time), kept
    as ``ray_in_flight_N``."""
    out: dict[str, Any] = {}
    variants = {"local": None, "ray": in_flight[0] if in_flight else None}
    variants.update({f"ray_in_flight_{n}": n for n in (in_flight or [])[1:]})
    by: dict[str, list[dict[str, Any]]] = {k: [] for k in variants}
    for _ in range(rounds):
        for workers in (1, 2, 2, 1):
            for engine, n in variants.items():  # in turn, so that all see the same stretch of the machine's load
                res = sampled("ray" if n else engine, data, limit, workers, n)
                res["in_flight"] = n
                by[engine].append(res)
                cpu = res["cpu"]
                per = ", ".join(f"{k} {v:.3f}" for k, v in cpu["analysis_per_article_s"].items())
                print(f"paired {engine:<6} {workers}: {res['analyse_articles_per_s']:6.2f} articles/s "
                      f"load {res['load_before']:.1f} -> {res['load_after']:.1f}, others' CPU {cpu['others_cpu_s']} s "
                      f"in {res['analyse_s']:.0f} s; CPU s/article {per}", flush=True)  # fmt: skip
    for engine, runs in by.items():
        rate = [r["analyse_articles_per_s"] for r in runs]
        pairs = [rate[i + 1] / rate[i] if i % 4 == 0 else rate[i] / rate[i + 1] for i in range(0, len(rate), 2)]
        out[engine] = {"runs": runs, "scaling_per_pair": [round(x, 3) for x in pairs],
                       "scaling_median": round(statistics.median(pairs), 3)}  # fmt: skip
        print(f"paired {engine}: scaling 2/1 per pair {out[engine]['scaling_per_pair']}")
    for engine in [k for k in by if k != "local"]:
        two = [r["analyse_articles_per_s"] / loc["analyse_articles_per_s"]
               for r, loc in zip(by[engine], by["local"], strict=True) if r["workers"] == 2]  # fmt: skip
        out[f"{engine}_2_over_local_2"] = {"per_pair": [round(x, 3) for x in two],
                                           "median": round(statistics.median(two), 3)}  # fmt: skip
        print(f"paired: {engine} 2 actors / local 2 processes, run after run {[round(x, 3) for x in two]}")
    return out


def equality(data: Path, limit: int) -> dict[str, Any]:
    from storyline.render.tables import tables

    with tempfile.TemporaryDirectory() as tmp:
        local_json, ray_json, spark_json = (str(Path(tmp) / f) for f in ("local.json", "ray.json", "spark.json"))
        local = spawn("local", data, limit, 1, local_json)
        ray = spawn("ray", data, limit, 2, ray_json)
        spark = spawn("spark", data, limit, 2, spark_json)
        a = json.loads(Path(local_json).read_text(encoding="utf-8"))
        b = json.loads(Path(ray_json).read_text(encoding="utf-8"))
        s = json.loads(Path(spark_json).read_text(encoding="utf-8"))
    want = {name: rows for name, (_, rows) in tables(a).items()}
    want = json.loads(json.dumps(want, ensure_ascii=False))  # as the Spark side went through JSON
    out = {
        "articles": limit,
        "ray_vs_local_export": compare(a, b),
        "spark_vs_local_tables": compare(want, s),
        "timings": {"local": local, "ray": ray, "spark": spark},
    }
    for k in ("ray_vs_local_export", "spark_vs_local_tables"):
        r = out[k]
        print(f"{k}: equal {'yes' if r['equal'] else 'no'}; only on one side: {r['items_only_on_one_side'] or 'none'}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--equal-limit", type=int, default=300)
    ap.add_argument("--only", choices=["speed", "equal", "paired"])
    ap.add_argument("--pair-limit", type=int, default=150, help="articles per run of --only paired")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of 1, 2, 2, 1 workers in --only paired")
    ap.add_argument(
        "--in-flight",
        default=None,
        help="--only paired: batches a Ray actor holds at a time, "
        "comma-separated (the first for `ray`, each other a variant); the engine's own when left out",
    )
    ap.add_argument("--key", default="paired", help="the name --only paired's figures are kept under in the results")
    ap.add_argument("--child", choices=["local", "ray", "spacy", "spark"], help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.in_flight = int(args.in_flight) if args.in_flight else None
        child(args)
        return
    flights = [int(x) for x in args.in_flight.split(",")] if args.in_flight else None
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}: pass --data DIR (a folder of plain-text articles)")
    path = HERE / "results" / "scale.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    out: dict[str, Any] = {
        **old,  # every figure of earlier runs that this one does not redo
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "data": str(args.data.relative_to(ROOT.parent)) if args.data.is_relative_to(ROOT.parent) else args.data.name,
        "articles": args.limit,
        "speed": old.get("speed"),
        "equality": old.get("equality"),
        "paired": old.get("paired"),
    }
    if args.only in (None, "speed"):
        out["speed"] = speed(args.data, args.limit)
    if args.only in (None, "equal"):
        if old.get("equality"):
            out["equality_before"] = old["equality"]  # an earlier run's answer is kept beside the new one
        out["equality"] = equality(args.data, args.equal_limit)
    if args.only == "paired":
        out[args.key] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "articles": args.pair_limit,
                         **paired(args.data, args.pair_limit, args.rounds, flights)}  # fmt: skip
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"saved {path}")


if __name__ == "__main__":
    main()
