"""Where adding one article to a large store spends its time: each probe's ingest under cProfile (CPU clock),
its time split into stages, the stages' p50/p95 over the probes, and the functions that dominate the slowest.

    python bench/add_one_profile.py DB [--mode profile|time] [--probes 20] [--probe-from 42] [--probe-years 98]
                                       [--edit-seed 1] [--top 40] [--label NAME] [--out FILE]

Data: a store kept by the corpus index (``bench/web_scale.py --only index`` writes one; the 100,000-article tiled
store is the one measured), written to: the probes stay in it, so each measure runs on its own copy of the store.
The probes are the PolNeAR dev texts (``../shared/data/polnear/data/dev/text``, held out of the store's base)
from ``--probe-from`` on, wrapping round, each edited as the synthetic stream edits a copy (about 30% of its plain
lower-case words swapped for others of the same length from the dev texts, :func:`edited`; seeded by
``--edit-seed``, so a store that holds the plain texts, as earlier runs left it, still takes them as new
articles, not copies) and written to a temporary folder under its own name; each is dated ``--probe-years``
later and ingested alone through ``Corpus.ingest`` in one process after the model's load.

``--mode time``: the probes through bench/corpus_scale.py's probe child (what ``bench/web_scale.py --only add``
runs), unprofiled: wall and CPU seconds p50/p95 over the probes after the first (warm), and the process's peak
RSS; then ``--cli`` more, each as ``storyline ingest FILE`` in a fresh process (start-up, the model's load and
every first import included). ``--mode stages``: each probe unprofiled, its stages' CPU seconds read by wrapping
their functions (:data:`WRAPPED`). ``--mode profile``: each probe under cProfile, as below.

Stages (cumulative CPU seconds of the functions named, inside one ingest; cProfile's overhead inflates the
Python-heavy ones): reading, cleaning, the spaCy pipeline (its own components and Storyline's, each), storing
the article, entity filing, copies, the story candidates (postings and stored profiles read), the clustering of
the neighbourhood, story builds, dossiers, story pages and the corpus stages' writes. Each probe runs once (a
probe cannot be taken out of the store again): its wall and CPU seconds here are profiled ones.

``--fill``: first, untimed, the store's profiles stored by an earlier version (lacking a feature added since) are
filled at once (:func:`storyline.incremental.fill_profiles`), as a store this version indexed holds them; else the
probes fill those they meet, each writing hundreds again.

``--digests FILE``: after the probes, a digest of every output they touched (:func:`outputs`: their articles and
their stories' other members, the stories, dossiers, pages, the entities their mentions name and their index
rows), written to FILE; ``--same A B`` compares two such files (a change that must not change what is stored:
the same probes on two copies of one store, the code before and after).

Writes bench/results/add_one_profile.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus_scale as cs  # noqa: E402

#: Stage name -> (file suffix, function name) whose cumulative time is the stage's.
STAGES: dict[str, tuple[str, str]] = {
    "read": ("ingest/readers.py", "read_file"),
    "clean": ("storyline/pipeline.py", "clean_new"),
    "analyse (spaCy and components)": ("storyline/pipeline.py", "analyse"),
    "components: mentions": ("analyse/entities.py", "mentions_from_doc"),
    "components: quotes": ("quotes/extract.py", "quotes_from_doc"),
    "components: events": ("analyse/events.py", "events_from_doc"),
    "components: statements": ("analyse/components.py", "__call__@300"),
    "components: dates": ("analyse/components.py", "__call__@270"),
    "components: numbers": ("analyse/components.py", "__call__@249"),
    "store article": ("storyline/api.py", "_analyse_and_store"),
    "corpus stages": ("storyline/incremental.py", "run"),
    "entity filing": ("storyline/incremental.py", "_file_entities"),
    "copies": ("storyline/incremental.py", "_copies"),
    "story candidates and clustering": ("storyline/incremental.py", "_stories"),
    "stored profiles": ("storyline/incremental.py", "_stored_profiles"),
    "recluster": ("storyline/incremental.py", "_recluster"),
    "stream": ("storyline/incremental.py", "_stream"),
    "story builds": ("compare/story.py", "build_story"),
    "story claims": ("compare/story.py", "story_claims"),
    "story events": ("compare/events.py", "story_events"),
    "summary": ("compare/summary.py", "summarize"),
    "timeline": ("compare/timeline.py", "timeline"),
    "dossiers": ("storyline/incremental.py", "_dossier"),
    "story pages": ("storyline/incremental.py", "store_page"),
    "index rows": ("storyline/incremental.py", "_index_rows"),
    "write index": ("storyline/incremental.py", "write_index"),
}


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds per stage (a function reached by recursion counted once: cProfile's cumtime)."""
    out = dict.fromkeys(STAGES, 0.0)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (path, line, name), (_cc, _nc, _tt, ct, _callers) in raw.items():
        for stage, (suffix, fn) in STAGES.items():
            want, _, at = fn.partition("@")
            if path.endswith(suffix) and name == want and (not at or int(at) == line):
                out[stage] += ct
    return {k: round(v, 3) for k, v in out.items()}


WORD = re.compile(r"\b[a-z]{4,12}\b")


def edited(text: str, rng: random.Random, vocab: dict[int, list[str]]) -> str:
    """``text`` with about corpus_scale's EDIT_RATE of its plain lower-case words swapped for others of the same
    length (capitalised words, figures and punctuation untouched)."""
    return WORD.sub(lambda m: rng.choice(vocab[len(m[0])]) if rng.random() < cs.EDIT_RATE else m[0], text)


def probes(first: int, n: int, seed: int, folder: Path) -> list[str]:
    """``n`` edited dev texts from the ``first`` on (wrapping round), written under their own names."""
    texts = sorted((cs.POLNEAR / "dev" / "text").iterdir())
    raw = {p.name: p.read_text(encoding="utf-8") for p in texts}
    vocab: dict[int, set[str]] = defaultdict(set)
    for t in raw.values():
        for w in WORD.findall(t):
            vocab[len(w)].add(w)
    words = {k: sorted(v) for k, v in vocab.items()}
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for p in (texts[first:] + texts[:first])[:n]:
        dst = folder / p.name
        dst.write_text(edited(raw[p.name], random.Random(f"{seed}:{p.name}"), words), encoding="utf-8")
        out.append(str(dst))
    return out


def pct(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    if not xs:
        return {}
    return {"p50": round(statistics.median(xs), 3), "p95": round(xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))], 3),
            "max": round(xs[-1], 3)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--probes", type=int, default=20)
    ap.add_argument("--probe-from", type=int, default=42)
    ap.add_argument("--probe-years", type=int, default=98)
    ap.add_argument("--edit-seed", type=int, default=1)
    ap.add_argument("--mode", choices=["profile", "stages", "time"], default="profile")
    ap.add_argument("--cli", type=int, default=0, help="--mode time: probes more, each as storyline ingest FILE")
    ap.add_argument("--top", type=int, default=40, help="functions listed (the slowest probes together)")
    ap.add_argument("--label", default="")
    ap.add_argument(
        "--probe-dir",
        type=Path,
        default=None,
        help="where the edited probes are written (a temporary "
        "folder): give one folder to runs whose stores are compared (an article's path is its file's)",
    )
    ap.add_argument("--out", type=Path, default=HERE / "results" / "add_one_profile.json")
    ap.add_argument("--digests", type=Path, default=None, help="write the digests of the probes' outputs here")
    ap.add_argument("--same", nargs=2, type=Path, default=None, help="compare two --digests files, and stop")
    ap.add_argument("--fill", action="store_true", help="first fill the store's stale profiles (not timed)")
    args = ap.parse_args()
    if args.same:
        raise SystemExit(same(*args.same) or None)
    filled = fill(args.db) if args.fill else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.probe_dir or Path(tmp)
        files = probes(args.probe_from, args.probes + 1 + args.cli, args.edit_seed, folder)
        result = {"time": timed, "stages": staged, "profile": profiled}[args.mode](args, files)
        if filled:
            result["filled_first"] = filled
        if args.digests:
            args.digests.write_text(json.dumps(outputs(args.db, files), indent=0, sort_keys=True) + "\n")
    result.update(label=args.label, mode=args.mode, probe_from=args.probe_from, probe_years=args.probe_years,
                  edit_seed=args.edit_seed)  # fmt: skip
    old = json.loads(args.out.read_text()) if args.out.exists() else {}
    old[f"{args.label or 'run'}:{args.mode}"] = result
    args.out.write_text(json.dumps(old, indent=1) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=1))


def fill(db: str) -> dict[str, Any]:
    """The store's stale profiles filled at once (:func:`storyline.incremental.fill_profiles`), as a store this
    version indexed holds them: how many, in how long."""
    from storyline.api import Corpus
    from storyline.incremental import fill_profiles

    t, c0 = time.perf_counter(), time.process_time()
    with Corpus(db) as c:
        n = fill_profiles(c.store, c.config)
    return {"profiles": n, "wall_s": round(time.perf_counter() - t, 1), "cpu_s": round(time.process_time() - c0, 1)}


#: What :func:`outputs` digests: table -> (the row's key and what it stores, the rows the probes touched).
OUTPUTS: dict[str, tuple[str, str]] = {
    "articles": ("SELECT id, story_id, duplicate_of, published, json FROM articles",
                 "id IN ({a}) OR story_id IN ({s})"),
    "stories": ("SELECT id, digest, json FROM stories", "id IN ({s})"),
    "dossiers": ("SELECT story_id, key, json FROM dossiers", "story_id IN ({s})"),
    "pages": ("SELECT story_id, key, drawn_by, head, page FROM story_pages", "story_id IN ({s})"),
    "entities": ("SELECT id, name, type, json, aliases, display FROM entities", "id IN ({e})"),
    "index": ("SELECT kind || ' ' || key || ' ' || ref, value, n FROM corpus_index",
              "kind IN ('profile', 'sketch') AND key IN ({a}) OR kind IN ('posting', 'band') AND ref IN ({a})"
              " OR kind IN ('entity_key', 'entity_token') AND ref IN ({e}) OR kind = 'df' AND key IN ({d})"
              " OR kind = 'posting_n' AND key IN ({p})"),
}  # fmt: skip


def outputs(db: str, files: list[str]) -> dict[str, dict[str, str]]:
    """A digest of each stored row the probes touched (:data:`OUTPUTS`): their articles and their stories' other
    members, those stories, dossiers and pages, the entities their mentions name, and their index rows (their
    profiles, sketches, postings and the counts they moved: document frequencies, postings per key)."""
    import hashlib
    import sqlite3

    from storyline.compare.storypairs import _KINDS, _keys, profile_from_json
    from storyline.ingest.readers import read_file
    from storyline.pipeline import article_id

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = [article_id(d.text) for f in files for d in read_file(Path(f), display_path=f)[0]]
        marks = ",".join("?" * len(ids))
        stories, named, df = set(), set(), set()
        for sid, doc in con.execute(f"SELECT story_id, json FROM articles WHERE id IN ({marks})", ids):
            stories.add(sid or "")
            named |= {m.get("entity_id") or "" for m in json.loads(doc).get("mentions") or []}
        for (doc,) in con.execute(f"SELECT value FROM corpus_index WHERE kind = 'profile' AND key IN ({marks})", ids):
            p = profile_from_json(json.loads(doc))
            df |= {f"{kind}:{k}" for kind in _KINDS for k in _keys(p, kind)}
        sql = f"SELECT key FROM corpus_index WHERE kind = 'posting' AND ref IN ({marks})"
        keys = {"a": ids, "s": sorted(stories), "e": sorted(named), "d": sorted(df),
                "p": sorted({k for (k,) in con.execute(sql, ids)})}  # fmt: skip
        out: dict[str, dict[str, str]] = {}
        for table, (select, where) in OUTPUTS.items():
            bound = [v for k in re.findall(r"\{(\w)\}", where) for v in keys[k]]
            holes = {k: ",".join("?" * len(v)) or "NULL" for k, v in keys.items()}
            rows = con.execute(f"{select} WHERE {where.format(**holes)}", bound)
            out[table] = {str(r[0]): hashlib.sha256(repr(r[1:]).encode()).hexdigest()[:16] for r in rows}
        return out
    finally:
        con.close()


def same(a: Path, b: Path) -> str:
    """How two :func:`outputs` files differ, table by table (exit status 0 when in nothing)."""
    x, y = json.loads(a.read_text()), json.loads(b.read_text())
    diff = {t: sorted(k for k in x[t].keys() | y[t].keys() if x[t].get(k) != y[t].get(k)) for t in x}
    rows = {t: len(x[t]) for t in x}
    print(json.dumps({"rows": rows, "differ": {t: d[:5] for t, d in diff.items() if d}}))
    return "" if not any(diff.values()) else "the outputs differ"


def timed(args: argparse.Namespace, files: list[str]) -> dict[str, Any]:
    """The probes unprofiled, in corpus_scale's probe child (the first not counted: warm figures)."""
    import web_scale as ws

    load = os.getloadavg()[0]
    inside, apart = files[: len(files) - args.cli], files[len(files) - args.cli :]
    got = cs.run_child("probe", [args.db, json.dumps(inside), str(args.probe_years)], None)
    out = {"load_average": [round(load, 1), round(os.getloadavg()[0], 1)], "probes": len(inside) - 1,
           "wall_s": pct(got["seconds"][1:]), "cpu_s": pct(got["cpu_s"][1:]),
           "corpus_stages_s": pct(got["corpus_stages_s"][1:]), "peak_rss_mb": got["peak_rss_mb"],
           "rss_after_model_mb": got["rss_after_model_mb"], "rows": got}  # fmt: skip
    runs = []
    for f in apart:  # each in a fresh process: start-up, the model's load and every first import included
        day = re.search(r"_(\d{4}-\d\d-\d\d)_", Path(f).name)
        when = ["--published", cs.shift_years(day[1], args.probe_years)] if day else []
        runs.append(ws.cli_watched(["--db", args.db, "-q", "ingest", f, *when], 10**5, 1800))
    if runs:
        out["cli"] = {"probes": len(runs), "wall_s": pct([r["seconds"] for r in runs]),
                      "cpu_s": pct([r["cpu_s"] for r in runs]), "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
                      "runs": runs}  # fmt: skip
    out["load_average"].append(round(os.getloadavg()[0], 1))
    return out


#: Stage name -> (module, attribute) wrapped by ``--mode stages`` (CPU seconds, a stage inside another counted in both).
WRAPPED: dict[str, tuple[str, str]] = {
    "analyse (spaCy and components)": ("storyline.pipeline", "analyse"),
    "components: mentions": ("storyline.analyse.components", "Mentions.__call__"),
    "components: quotes": ("storyline.analyse.components", "Quotes.__call__"),
    "components: numbers": ("storyline.analyse.components", "Numbers.__call__"),
    "components: dates": ("storyline.analyse.components", "Dates.__call__"),
    "components: statements": ("storyline.analyse.components", "Statements.__call__"),
    "components: events": ("storyline.analyse.components", "Events.__call__"),
    "corpus stages": ("storyline.incremental", "run"),
    "entity filing": ("storyline.incremental", "_file_entities"),
    "copies": ("storyline.incremental", "_copies"),
    "story candidates and clustering": ("storyline.incremental", "_stories"),
    "stored profiles": ("storyline.incremental", "_stored_profiles"),
    "recluster": ("storyline.incremental", "_recluster"),
    "stream": ("storyline.incremental", "_stream"),
    "story builds": ("storyline.incremental", "build_story"),
    "dossiers": ("storyline.incremental", "_dossier"),
    "story pages": ("storyline.incremental", "store_page"),
    "write index": ("storyline.incremental", "write_index"),
}


def _wrap(spent: dict[str, float], stage: str, module: str, attr: str) -> None:
    import importlib

    owner: Any = importlib.import_module(module)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    real = getattr(owner, name)

    def timed_call(*a: Any, **kw: Any) -> Any:
        c0 = time.process_time()
        try:
            return real(*a, **kw)
        finally:
            spent[stage] += time.process_time() - c0

    setattr(owner, name, timed_call)


def staged(args: argparse.Namespace, files: list[str]) -> dict[str, Any]:
    """Each probe unprofiled, the stages' CPU seconds read by wrapping their functions (:data:`WRAPPED`)."""
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    load_nlp()
    spent: dict[str, float] = defaultdict(float)
    for stage, (module, attr) in WRAPPED.items():
        _wrap(spent, stage, module, attr)
    rows: list[dict[str, Any]] = []
    load = [os.getloadavg()[0]]
    for i, f in enumerate(files):
        day = re.search(r"_(\d{4}-\d\d-\d\d)_", Path(f).name)
        published = cs.shift_years(day[1], args.probe_years) if day else None
        spent.clear()
        t, c0 = time.perf_counter(), time.process_time()
        with Corpus(args.db) as c:
            rep = c.ingest([f], published=published)
        wall, cpu = time.perf_counter() - t, time.process_time() - c0
        if not rep.added:
            raise SystemExit(f"{f}: not added ({rep.errors})")
        if i == 0:
            continue
        rows.append({"file": Path(f).name, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                     **{k: round(spent.get(k, 0.0), 3) for k in WRAPPED}})  # fmt: skip
        load.append(os.getloadavg()[0])
        print(json.dumps(rows[-1]), flush=True)
    return {
        "load_average": [round(min(load), 1), round(max(load), 1)],
        "probes": len(rows),
        "wall_s": pct([r["wall_s"] for r in rows]),
        "cpu_s": pct([r["cpu_s"] for r in rows]),
        "stages_cpu_s": {k: pct([r[k] for r in rows]) for k in WRAPPED},
        "rss_peak_mb": round(cs.rss_mb()),
        "rows": rows,
    }


def profiled(args: argparse.Namespace, files: list[str]) -> dict[str, Any]:
    """Each probe under cProfile (CPU clock): its stages, and the slowest tenth's functions printed."""
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    load_nlp()
    rows: list[dict[str, Any]] = []
    profs: list[tuple[float, cProfile.Profile]] = []
    load = [os.getloadavg()[0]]
    for i, f in enumerate(files):
        day = re.search(r"_(\d{4}-\d\d-\d\d)_", Path(f).name)
        published = cs.shift_years(day[1], args.probe_years) if day else None
        prof = cProfile.Profile(time.process_time)
        t, c0 = time.perf_counter(), time.process_time()
        prof.enable()
        with Corpus(args.db) as c:
            rep = c.ingest([f], published=published)
        prof.disable()
        wall, cpu = time.perf_counter() - t, time.process_time() - c0
        if not rep.added:
            raise SystemExit(f"{f}: not added ({rep.errors})")
        if i == 0:  # the first imports what the corpus stages import when first used: not counted
            continue
        stats = pstats.Stats(prof)
        row = {"file": Path(f).name, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3), **stage_times(stats)}
        rows.append(row)
        profs.append((cpu, prof))
        load.append(os.getloadavg()[0])
        print(json.dumps(row), flush=True)
    profs.sort(key=lambda x: -x[0])
    slow = pstats.Stats(profs[0][1])
    for _, p in profs[1 : max(2, len(profs) // 10)]:
        slow.add(p)
    s = io.StringIO()
    slow.stream = s  # type: ignore[attr-defined]
    slow.sort_stats("cumulative").print_stats(args.top)
    s2 = io.StringIO()
    slow.stream = s2  # type: ignore[attr-defined]
    slow.sort_stats("tottime").print_stats(args.top)
    print(s.getvalue()[-12000:], s2.getvalue()[-8000:], sep="\n")
    return {
        "load_average": [round(min(load), 1), round(max(load), 1)],
        "probes": len(rows),
        "profiled_wall_s": pct([r["wall_s"] for r in rows]),
        "profiled_cpu_s": pct([r["cpu_s"] for r in rows]),
        "stages_cpu_s": {k: pct([r[k] for r in rows]) for k in STAGES},
        "rows": rows,
    }


if __name__ == "__main__":
    main()
