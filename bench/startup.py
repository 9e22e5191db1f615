"""Start-up cost of the commands that only read the store: this checkout's code beside another's.

    python bench/startup.py --before CHECKOUT [--store DB --story ID]... [--repeats 5]

For each code (``before``: CHECKOUT/src; ``after``: this checkout's src), alternated run by run so that machine
load falls on both alike:

- ``import``: ``python -X importtime -c "import M"`` for ``storyline.cli``, ``storyline.api`` and
  ``storyline.web.app``: the module's cumulative import time (importtime's own figure) and the number of modules
  loaded; the smallest of the repeats.
- each read command (``stories``, ``stories --json``, ``dossier ID --format html``, ``export``, ``search``,
  ``outlets list``, ``claims list ID``) run as ``python -m storyline --db DB ...``: wall and CPU (user + system)
  seconds of the whole process, median and smallest of the repeats, and which heavy modules (spaCy, SciPy,
  scikit-learn, the analysis and clustering stages) it loaded.
- ``serve --read-only``: seconds from the process start to its first answer, and the first home and story pages.

The stores are only read (no command here writes). Without ``--store`` a store is built from the seed articles
(``../shared/corpus/seeds``) in a temporary folder. Prints one line per figure and writes
bench/results/startup.json, with the 1-minute load average when each store's runs began.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
PORT = 8790
WAIT_S = 120
MODULES = ("storyline.cli", "storyline.api", "storyline.web.app")
#: Modules a read command should not need: their presence in ``sys.modules`` after the command is reported.
HEAVY = (
    "spacy",
    "scipy",
    "sklearn",
    "trafilatura",
    "storyline.pipeline",
    "storyline.incremental",
    "storyline.analyse.timex",
    "storyline.analyse.dates",
    "storyline.compare.cluster",
    "storyline.ingest.readers",
)
#: Runs the CLI, then reports (on stderr's last line) which of HEAVY it loaded, however the command exits.
DRIVER = """
import atexit, json, sys
heavy = {heavy!r}
atexit.register(lambda: print("HEAVY " + json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr))
from storyline.cli import main
main({argv!r})
"""


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str, str]:
    """Wall and CPU (user + system, of the child) seconds of ``cmd``, and its stdout and stderr."""
    cpu, t = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - t, _children_cpu() - cpu, proc.stdout, proc.stderr


def import_time(src: Path, module: str) -> dict[str, Any]:
    _, _, _, err = _timed([sys.executable, "-X", "importtime", "-c", f"import {module}"], _env(src))
    rows = [r for r in err.splitlines() if r.startswith("import time:") and "|" in r]
    top = next(r for r in rows if r.split("|")[-1].strip() == module)
    return {"ms": round(int(top.split("|")[1]) / 1000, 1), "modules": len(rows)}


def command(src: Path, db: Path, argv: list[str]) -> dict[str, Any]:
    code = DRIVER.format(heavy=HEAVY, argv=["--db", str(db), "-q", *argv])
    wall, cpu, out, err = _timed([sys.executable, "-c", code], _env(src))
    heavy = next((json.loads(r[6:]) for r in reversed(err.splitlines()) if r.startswith("HEAVY ")), None)
    return {"wall": wall, "cpu": cpu, "out_bytes": len(out), "heavy": heavy}


def serve(src: Path, db: Path, story: str, port: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "storyline", "--db", str(db), "-q", "serve", "--read-only", "--port", str(port)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=_env(src), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                httpx.get(base + "/healthz", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if time.perf_counter() - t0 > WAIT_S:
                    raise
                time.sleep(0.02)
        ready = time.perf_counter() - t0
        out = {"ready_s": ready}
        for name, path in (("home", "/"), ("story", f"/stories/{story}")):
            t = time.perf_counter()
            httpx.get(base + path, timeout=120).raise_for_status()
            out[f"{name}_first_s"] = time.perf_counter() - t
        return out
    finally:
        proc.terminate()
        proc.wait()


def commands(story: str) -> dict[str, list[str]]:
    return {
        "stories": ["stories"],
        "stories --json": ["stories", "--json"],
        "dossier html": ["dossier", story, "--format", "html"],
        "dossier md": ["dossier", story],
        "export": ["export"],
        "search": ["search", "minister", "--limit", "5"],
        "outlets list": ["outlets", "list"],
        "claims list": ["claims", "list", story],
    }


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3)}


def bench_store(
    codes: dict[str, Path], db: Path, story: str, repeats: int, skip: set[str], port: int
) -> dict[str, Any]:
    load = round(os.getloadavg()[0], 2)
    runs: dict[str, dict[str, list[Any]]] = {}
    for i in range(repeats):
        for label in list(codes) if i % 2 == 0 else list(codes)[::-1]:
            for name, argv in commands(story).items():
                if name in skip or f"{db.name}:{name}" in skip:
                    continue
                r = command(codes[label], db, argv)
                cell = runs.setdefault(name, {}).setdefault(label, [])
                cell.append(r)
    out: dict[str, Any] = {"store": db.name, "story": story, "load_1min_at_start": load, "commands": {}}
    for name, by_code in runs.items():
        row: dict[str, Any] = {}
        for label, rs in by_code.items():
            row[label] = {
                "wall_s": _summary([r["wall"] for r in rs]),
                "cpu_s": _summary([r["cpu"] for r in rs]),
                "heavy_modules": rs[-1]["heavy"],
                "out_bytes": rs[-1]["out_bytes"],
            }
        out["commands"][name] = row
        print(
            f"{db.name:>24} {name:<16} "
            + "  ".join(
                f"{k}: wall {v['wall_s']['median']:.2f}s cpu {v['cpu_s']['median']:.2f}s" for k, v in row.items()
            ),
            flush=True,
        )
    if "serve" not in skip and f"{db.name}:serve" not in skip:
        out["serve"] = bench_serve(codes, db, story, repeats, port)
    out["load_1min_at_end"] = round(os.getloadavg()[0], 2)
    return out


def bench_serve(codes: dict[str, Path], db: Path, story: str, repeats: int, port: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, float]]] = {}
    for i in range(max(1, repeats // 2)):
        for j, label in enumerate(list(codes) if i % 2 == 0 else list(codes)[::-1]):
            runs.setdefault(label, []).append(serve(codes[label], db, story, port + 2 * i + j))
    out = {label: {k: _summary([r[k] for r in rs]) for k in rs[0]} for label, rs in runs.items()}
    for label, figures in out.items():
        print(f"{db.name:>24} serve {label}: " + ", ".join(f"{k} {v['median']:.2f}" for k, v in figures.items()))
    return out


def _seed_store(src: Path, tmp: Path) -> tuple[Path, str]:
    db = tmp / "seeds.db"
    cmd = [sys.executable, "-m", "storyline", "--db", str(db), "-q", "analyze", str(SEEDS), "--out", str(tmp / "out")]
    subprocess.run(cmd, env=_env(src), check=True, stdout=subprocess.DEVNULL)
    listing = subprocess.run(
        [sys.executable, "-m", "storyline", "--db", str(db), "stories", "--json"],
        env=_env(src), check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    biggest = max(json.loads(listing), key=lambda s: len(s["article_ids"]))
    return db, str(biggest["id"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="a checkout of the code before")
    ap.add_argument("--store", type=Path, action="append", default=[], help="a store to read (repeatable)")
    ap.add_argument("--story", action="append", default=[], help="the story read in each --store, in order")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument(
        "--skip",
        action="append",
        default=[],
        help="a command (or 'serve') to leave out; STORE_FILE_NAME:COMMAND for one store's",
    )
    ap.add_argument("--out", type=Path, default=HERE / "results" / "startup.json")
    args = ap.parse_args()
    codes = {"before": args.before / "src", "after": ROOT / "src"}
    doc: dict[str, Any] = {
        "what": __doc__.split("\n")[0],
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "load_1min_at_start": round(os.getloadavg()[0], 2),
        "imports": {},
        "stores": [],
    }
    for module in MODULES:
        figures: dict[str, list[dict[str, Any]]] = {}
        for i in range(args.repeats):
            for label in list(codes) if i % 2 == 0 else list(codes)[::-1]:
                figures.setdefault(label, []).append(import_time(codes[label], module))
        doc["imports"][module] = {
            label: {"ms_min": min(f["ms"] for f in fs), "ms_median": statistics.median(f["ms"] for f in fs),
                    "modules": fs[-1]["modules"]}
            for label, fs in figures.items()
        }  # fmt: skip
        print(f"import {module:<20} " + "  ".join(
            f"{k}: {v['ms_min']:.0f} ms ({v['modules']} modules)" for k, v in doc["imports"][module].items()
        ), flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        stores = list(zip(args.store, args.story, strict=True))
        if not stores:
            stores = [_seed_store(codes["before"], Path(tmp))]
        for k, (db, story) in enumerate(stores):
            doc["stores"].append(bench_store(codes, db, story, args.repeats, set(args.skip), PORT + 20 * k))
    doc["load_1min_at_end"] = round(os.getloadavg()[0], 2)
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
