"""Memory of the corpus stages by the index: what grows with the corpus, with the ingest and with the largest
story an ingest touches.

    python bench/memory.py --store NAME=DB [--store NAME=DB ...] --base-store DB [--src DIR] [--before-src DIR]
                           [--one 3] [--batch 200] [--grow 200x3] [--trace] [--work DIR] [--out FILE] [--keep]

Data: stores grown by bench/corpus_growth.py (``--keep``: the synthetic articles of
:func:`corpus_scale.synthetic`, copy k of the 838 analysed PolNeAR train texts dated k years later, lightly
edited; ``--base-store``: its base store), each copied to ``--work`` before every measure (the copy is written,
never the store named), and the next articles of the same stream (those the store's growth would have added
next, held out of it; analysed, so no spaCy runs). Every measure runs in a fresh child process reading the
articles it adds from a file, so its memory is the store's and the stages' only (``PYTHONHASHSEED=0``: a story's
build can depend on the order of a set of strings, and the two codes' stores are compared):

* *one*: one article added (``Corpus.rebuild`` through the corpus index), ``--one`` times, each in its own
  process, one after the other on the same copy;
* *batch*: ``--batch`` articles in one ingest in a fresh process;
* *grow*: ``--grow NxK``: K ingests of N articles in one process (the long-running growing shape).

For each ingest: the RSS before, the peak during it (the kernel's high-water mark, reset before it), the RSS
after it (after a garbage collection; then once the C allocator has handed back what it can, ``malloc_trim``:
what stays is live or in pages of the Python allocator holding a live object) and the live objects. Its stages
are metered: for every function of the incremental path (entities, copies, the neighbourhood's stories, the
stored articles read, each story built, the dossiers, the index written) the most the RSS rose above what it
was when the call began, and with ``--trace`` the same for the Python heap (tracemalloc: slower), beside what
was read (articles, index rows by kind) and the largest story built (articles, statements).

``--src`` is the code measured (default: this checkout); ``--before-src`` a checkout of the code to compare with:
each measure then runs with both in turn, on copies of the same store with the same articles, and what the two
batches wrote is compared row by row (articles, stories, dossiers, entities, mentions, index rows; the profiles
apart). Writes bench/results/memory.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus_scale as cs  # noqa: E402

KB = 1024
STAGES = (
    ("storyline.api", "Corpus.rebuild"),
    ("storyline.incremental", "update"),
    ("storyline.incremental", "_file_entities"),
    ("storyline.incremental", "_copies"),
    ("storyline.incremental", "_stories"),
    ("storyline.incremental", "_story_entities"),
    ("storyline.incremental", "build_story"),
    ("storyline.incremental", "store_dossiers"),
    ("storyline.render.dossier", "make_dossier"),
    ("storyline.incremental", "write_index"),
    ("storyline.store.sqlite", "SqliteStore.articles"),
    ("storyline.store.sqlite", "SqliteStore.put_entities"),
    ("storyline.store.sqlite", "SqliteStore.put_stories"),
)
"""The functions metered, by module and name (a name the code measured lacks is skipped)."""


# ---------------------------------------------------------------------------------------------- the meter


def _status() -> tuple[int, int]:
    """The process's RSS and its high-water mark, in kB."""
    got = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                got[line[:5]] = int(line.split()[1])
    return got["VmRSS"], got["VmHWM"]


def _reset_peak() -> None:
    """Reset the kernel's high-water mark of the RSS to the RSS now (Linux: ``clear_refs`` 5)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")


class Meter:
    """Peak RSS (and Python heap, when tracing) of nested calls: each frame's peak is the highest mark read
    while it was open; a nested call resets the mark after folding it into the frames around it."""

    def __init__(self, trace: bool) -> None:
        self.trace = trace
        self.stack: list[dict[str, Any]] = []
        self.stats: dict[str, dict[str, Any]] = defaultdict(
            lambda: {"calls": 0, "s": 0.0, "rise_mb": 0.0, "peak_mb": 0.0, "heap_rise_mb": 0.0}
        )
        self.stories: list[dict[str, Any]] = []
        self.read: defaultdict[str, int] = defaultdict(int)

    def _fold(self) -> None:
        _, hwm = _status()
        heap = self._heap_peak()
        for f in self.stack:
            f["hwm"] = max(f["hwm"], hwm)
            f["heap_peak"] = max(f["heap_peak"], heap)

    def _heap_peak(self) -> int:
        if not self.trace:
            return 0
        import tracemalloc

        return tracemalloc.get_traced_memory()[1]

    def enter(self, name: str) -> dict[str, Any]:
        self._fold()
        _reset_peak()
        rss, hwm = _status()
        heap = 0
        if self.trace:
            import tracemalloc

            tracemalloc.reset_peak()
            heap = tracemalloc.get_traced_memory()[0]
        frame = {"name": name, "rss": rss, "hwm": hwm, "heap": heap, "heap_peak": heap, "t": time.perf_counter()}
        self.stack.append(frame)
        return frame

    def exit(self, frame: dict[str, Any]) -> None:
        self._fold()
        self.stack.pop()
        st = self.stats[frame["name"]]
        st["calls"] += 1
        st["s"] += time.perf_counter() - frame["t"]
        st["rise_mb"] = max(st["rise_mb"], (frame["hwm"] - frame["rss"]) / KB)
        st["peak_mb"] = max(st["peak_mb"], frame["hwm"] / KB)
        st["heap_rise_mb"] = max(st["heap_rise_mb"], (frame["heap_peak"] - frame["heap"]) / 2**20)
        frame["rise_mb"] = (frame["hwm"] - frame["rss"]) / KB

    def report(self) -> dict[str, Any]:
        out = {}
        for name, st in self.stats.items():
            row = {k: round(v, 1) if isinstance(v, float) else v for k, v in st.items()}
            if not self.trace:
                del row["heap_rise_mb"]
            out[name] = row
        return out

    def reset(self) -> None:
        self.stats.clear()
        self.stories.clear()
        self.read.clear()


def _wrap(meter: Meter, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def metered(*args: Any, **kwargs: Any) -> Any:
        frame = meter.enter(name)
        try:
            result = fn(*args, **kwargs)
        finally:
            meter.exit(frame)
        if name == "build_story":
            members = args[1] if len(args) > 1 else kwargs.get("articles", [])
            meter.stories.append({"articles": len(members), "statements": sum(len(a.statements) for a in members),
                                  "rise_mb": round(frame["rise_mb"], 1)})  # fmt: skip
        elif name == "SqliteStore.articles" and isinstance(result, list):
            meter.read["articles"] += len(result)
        return result

    return metered


def install(meter: Meter) -> None:
    """Meter the functions of :data:`STAGES` (in their modules and where the incremental path imported them)."""
    import importlib

    def _index_rows(fn: Callable[..., Any]) -> Callable[..., Any]:
        def counted(self: Any, kind: str, keys: Any, *rest: Any) -> Any:
            rows = fn(self, kind, keys, *rest)
            meter.read[f"index:{kind}"] += len(rows)
            return rows

        return counted

    for module, qual in STAGES:
        mod = importlib.import_module(module)
        owner: Any = mod
        *path, name = qual.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        if owner is None or not hasattr(owner, name):
            continue
        setattr(owner, name, _wrap(meter, name if not path else qual, getattr(owner, name)))
    from storyline.store.corpus_index import CorpusIndex

    for name in ("index_rows", "index_rows_valued"):
        setattr(CorpusIndex, name, _index_rows(getattr(CorpusIndex, name)))


# ------------------------------------------------------------------------------------------------ children


def child_make(base_db: str, out: str, start: int, count: int) -> dict[str, Any]:
    """The synthetic articles ``start`` .. ``start + count`` of the stream, one JSON document a line."""
    base = cs.base_articles(base_db)
    with open(out, "w", encoding="utf-8") as fh:
        for a in cs.synthetic(base, start + count, start=start):
            fh.write(json.dumps(a.to_json(), ensure_ascii=False) + "\n")
    return {"articles": count, "start": start}


def _articles(path: str, skip: int, count: int) -> list[Any]:
    from storyline.model import Article

    out = []
    with open(path, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= skip + count:
                break
            if k >= skip:
                out.append(Article.from_json(json.loads(line)))
    return out


def child_ingest(db: str, arts: str, skip: int, sizes: list[int], trace: bool) -> dict[str, Any]:
    """Ingests of ``sizes`` articles (from line ``skip`` of ``arts`` on) in this process, each metered."""
    if trace:
        import tracemalloc

        tracemalloc.start()
    from storyline.api import Corpus

    meter = Meter(trace)
    install(meter)
    gc.collect()
    ready_kb, _ = _status()
    rows = []
    with Corpus(db) as c:
        opened_kb, _ = _status()
        stored = c.store.article_count()
        for size in sizes:
            batch = _articles(arts, skip, size)
            skip += size
            with c.store.transaction():
                for a in batch:
                    c.store.put_article(a)
            del batch
            gc.collect()
            meter.reset()
            before_kb, _ = _status()
            _reset_peak()
            t = time.perf_counter()
            c.rebuild()
            seconds = time.perf_counter() - t
            _, hwm = _status()
            hwm = max(hwm, round(meter.stats["Corpus.rebuild"]["peak_mb"] * KB))  # its nested calls reset the mark
            gc.collect()
            after_kb, _ = _status()
            objects = len(gc.get_objects())
            heap = _heap_mb(trace)
            trimmed_kb = _trimmed()
            stored += size
            big = max(meter.stories, key=lambda s: s["statements"], default={})
            rows.append({
                "articles": stored, "ingest": size, "seconds": round(seconds, 1),
                "rss_before_mb": round(before_kb / KB), "peak_mb": round(hwm / KB),
                "rise_mb": round((hwm - before_kb) / KB), "rss_after_mb": round(after_kb / KB),
                "rss_trimmed_mb": round(trimmed_kb / KB), "objects_after": objects, "heap_after_mb": heap,
                "stories_built": len(meter.stories),
                "articles_in_stories_built": sum(s["articles"] for s in meter.stories),
                "largest_story": big, "read": dict(meter.read), "stages": meter.report(),
            })  # fmt: skip
            print(json.dumps({k: v for k, v in rows[-1].items() if k != "stages"}), file=sys.stderr, flush=True)
    return {"ready_mb": round(ready_kb / KB), "opened_mb": round(opened_kb / KB), "ingests": rows}


def _trimmed() -> int:
    """The RSS (kB) once the C allocator has handed back the free memory it can (glibc ``malloc_trim``): what
    stays is in use, or held by pages of the Python allocator with a live object in them."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    return _status()[0]


def _heap_mb(trace: bool) -> float | None:
    """The Python heap traced now (MB), when tracing."""
    if not trace:
        return None
    import tracemalloc

    return round(tracemalloc.get_traced_memory()[0] / 2**20, 1)


def child(kind: str, r: list[str]) -> dict[str, Any]:
    if kind == "make":
        return child_make(r[0], r[1], int(r[2]), int(r[3]))
    return child_ingest(r[0], r[1], int(r[2]), [int(x) for x in r[3].split(",")], r[4] == "1")


def run_child(src: Path, kind: str, args: list[str], log: Path | None = None) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(src / "src"), PYTHONHASHSEED="0")  # a story's build can vary with it
    cmd = [sys.executable, __file__, "--child", kind, *args]
    err = open(log, "a", encoding="utf-8") if log else subprocess.PIPE  # noqa: SIM115
    try:
        out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=err, text=True, check=False)
    finally:
        if log:
            err.close()  # type: ignore[union-attr]
    if out.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-3000:] if log else (out.stderr or "")[-3000:]
        raise SystemExit(f"child {kind} failed:\n{tail}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------------------------------- main


def fresh_copy(db: str, work: Path, name: str) -> str:
    """A copy of the store (its WAL folded in) to write to; the original is only read."""
    copy = str(work / f"{name}.db")
    for x in ("", "-wal", "-shm"):
        Path(copy + x).unlink(missing_ok=True)
    cs._backup(db, copy)
    return copy


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def codes(args: argparse.Namespace) -> Iterator[tuple[str, Path]]:
    if args.before_src:
        yield "before", args.before_src
    yield "after" if args.before_src else "code", args.src


def measure_store(args: argparse.Namespace, name: str, db: str, put: Callable[[str, Any], None]) -> None:
    """Every measure of one store, each mode with each code in turn (before, after) on copies of one store."""
    from storyline.store.sqlite import open_store

    with open_store(db) as store:  # read-only use of the original: the count of its synthetic articles
        have = int(store._q("SELECT count(*) FROM articles WHERE path LIKE 'synthetic/%'")[0][0])
    need = max(args.one, args.batch, args.grow_n * args.grow_k)
    arts = str(args.work / f"next-{have}-{need}.jsonl")
    if not Path(arts).exists():
        run_child(args.src, "make", [str(args.base_store), arts, str(have), str(need)])
    modes = {"one": _one, "batch": _batch, "grow": _grow}
    for mode, measure in modes.items():
        if not {"one": args.one, "batch": args.batch, "grow": args.grow_k}[mode]:
            continue
        for label, src in codes(args):
            put(f"{mode}/{label}", measure(args, src, name, db, arts, label))
    if args.batch and args.before_src:
        a, b = (str(args.work / f"batch-{name}-{label}.db") for label in ("before", "after"))
        same = same_outputs(a, b)
        put("batch/same_outputs", same)
        print(f"  {name}: what the batch wrote, before and after: {same}", flush=True)
    for made in ("one", "grow", *(f"batch-{label}" for label in ("before", "after", "code"))):
        kind, _, label = made.partition("-")
        for x in ("", "-wal", "-shm"):
            Path(str(args.work / "-".join(filter(None, (kind, name, label)))) + ".db" + x).unlink(missing_ok=True)


def _one(args: argparse.Namespace, src: Path, name: str, db: str, arts: str, label: str) -> list[dict[str, Any]]:
    """``--one`` articles added one at a time, each in a fresh process, on one copy of the store."""
    copy = fresh_copy(db, args.work, f"one-{name}")
    runs = []
    for k in range(args.one):
        load = load_average()
        r = run_child(src, "ingest", [copy, arts, str(k), "1", str(int(args.trace))], args.work / "memory.log")
        runs.append({**r, "load_before": load})
        print(f"  [{label}] {name}: one #{k + 1}: peak {r['ingests'][0]['peak_mb']} MB", flush=True)
    return runs


def _batch(args: argparse.Namespace, src: Path, name: str, db: str, arts: str, label: str) -> dict[str, Any]:
    """``--batch`` articles in one ingest in a fresh process (the store kept to compare what it wrote)."""
    copy = fresh_copy(db, args.work, f"batch-{name}-{label}")
    load = load_average()
    r = run_child(src, "ingest", [copy, arts, "0", str(args.batch), str(int(args.trace))], args.work / "memory.log")
    print(f"  [{label}] {name}: batch of {args.batch}: peak {r['ingests'][0]['peak_mb']} MB", flush=True)
    return {**r, "load_before": load, "load_after": load_average()}


def _grow(args: argparse.Namespace, src: Path, name: str, db: str, arts: str, label: str) -> dict[str, Any]:
    """``--grow NxK``: K ingests of N articles in one process."""
    copy = fresh_copy(db, args.work, f"grow-{name}")
    load = load_average()
    sizes = ",".join([str(args.grow_n)] * args.grow_k)
    r = run_child(src, "ingest", [copy, arts, "0", sizes, str(int(args.trace))], args.work / "memory.log")
    peaks = [x["peak_mb"] for x in r["ingests"]]
    print(f"  [{label}] {name}: grow {args.grow_k} x {args.grow_n}: peaks {peaks} MB", flush=True)
    return {**r, "load_before": load, "load_after": load_average()}


OUTPUTS = {
    "articles": "SELECT id, json, story_id, duplicate_of FROM articles",
    "stories": "SELECT id, pos, json, digest FROM stories",
    "dossiers": "SELECT story_id, key, json, built_at FROM dossiers",
    "entities": "SELECT id, pos, json, mention_count, article_count, aliases, display, display_at FROM entities",
    "mentions": 'SELECT entity_id, pos, article_id, start, "end" FROM mentions',
    "index": "SELECT kind, key, ref, value, n FROM corpus_index WHERE kind <> 'profile'",
    "profiles": "SELECT key, value FROM corpus_index WHERE kind = 'profile'",
}
"""What an ingest writes, compared between the stores the two codes left (by rows, in any order)."""


def same_outputs(a: str, b: str) -> dict[str, Any]:
    """For each of :data:`OUTPUTS`: the rows of each store, and how many of ``a``'s are not in ``b`` (profiles:
    the code after stores a profile it made again from its article, where the code before kept the old one)."""
    import hashlib
    import sqlite3

    def digests(db: str, sql: str) -> set[str]:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return {hashlib.sha256(repr(row).encode()).hexdigest() for row in conn.execute(sql)}
        finally:
            conn.close()

    out: dict[str, Any] = {}
    for name, sql in OUTPUTS.items():
        x, y = digests(a, sql), digests(b, sql)
        out[name] = {"rows": [len(x), len(y)], "differ": len(x - y)}
    return out


def describe(r: dict[str, Any], args: argparse.Namespace) -> None:
    """The machine, and each store's settings and time."""
    r["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    for spec in args.store:
        r.setdefault("settings", {})[spec.partition("=")[0]] = {
            "one": args.one, "batch": args.batch, "grow": args.grow, "trace": args.trace,
            "when": time.strftime("%Y-%m-%dT%H:%M"),
        }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", action="append", default=[], metavar="NAME=DB", help="a grown store (repeatable)")
    ap.add_argument("--base-store", type=Path, default=None, help="the analysed base articles (corpus_growth's)")
    ap.add_argument("--src", type=Path, default=ROOT, help="checkout of the code measured")
    ap.add_argument("--before-src", type=Path, default=None, help="checkout of the code to compare with")
    ap.add_argument("--one", type=int, default=3, help="articles added one at a time, each in its own process")
    ap.add_argument("--batch", type=int, default=200, help="articles of the one-ingest measure (0: none)")
    ap.add_argument("--grow", default="200x4", help="NxK: K ingests of N articles in one process")
    ap.add_argument("--trace", action="store_true", help="meter the Python heap too (tracemalloc; slower)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "storyline-memory")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "memory.json")
    ap.add_argument("--keep", action="store_true", help="keep the articles made for the measures (under --work)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rest)))
        return
    if not args.store or not args.base_store:
        raise SystemExit("name the stores (--store NAME=DB, from bench/corpus_growth.py --keep) and --base-store")
    n, _, k = args.grow.partition("x")
    args.grow_n, args.grow_k = int(n), int(k or 0)
    args.work.mkdir(parents=True, exist_ok=True)
    from corpus_growth import update_results

    update_results(args.out, lambda r: describe(r, args))
    for spec in args.store:
        name, _, db = spec.partition("=")
        print(f"store {name}: {Path(db).name}", flush=True)

        def put(key: str, value: Any, name: str = name) -> None:
            mode, _, label = key.partition("/")

            def change(r: dict[str, Any]) -> None:
                at = r.setdefault("stores", {}).setdefault(name, {})
                if label:
                    at.setdefault(mode, {})[label] = value
                else:
                    at[mode] = value

            update_results(args.out, change)

        put("store", {"file": Path(db).name, "schema": _schema(db)})
        measure_store(args, name, db, put)
    if not args.keep:
        for made in args.work.glob("next-*.jsonl"):
            made.unlink()
    print(f"wrote {args.out}")


def _schema(db: str) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])
    finally:
        conn.close()


if __name__ == "__main__":
    main()
