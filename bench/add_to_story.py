"""Adding one article to a story of a given size in a large store: the ingest's seconds when every touched story is
built within it (``--rebuild now``, the behaviour before stale stories), when those past ``corpus.rebuild_inline``
articles in all are left to build later (``auto``, the default) and when none is built (``later``), on copies of
one store, and what the later builds cost.

    python bench/add_to_story.py DB [--sizes 2,5,10,20,40,60,90,120] [--per 2] [--modes now,auto]
                                    [--seed 3] [--work DIR] [--label NAME] [--out FILE]

Data: a store kept by the corpus index (bench/corpus_growth.py's grown store, or bench/web_scale.py's tiled
one), left as it is: each mode runs on its own copy. For each size in ``--sizes``, the ``--per`` stories whose
article count is nearest it (each story once); for each, a probe: the text of its latest article with about 30% of
its plain lower-case words swapped for others of the same length (as the synthetic stream edits a copy; seeded,
the same probes for every mode), dated that article's day, written to a file under ``--work``. Each mode's child
process loads the spaCy model, then ingests the probes one at a time through ``Corpus.ingest`` (a Corpus opened
per probe, as ``storyline ingest FILE`` does after its start-up): wall and CPU seconds per probe, the story it
joined and its size, the stories it left stale; then builds the stale stories (``Corpus.rebuild_stale``, what
``storyline rebuild`` or a story's first view runs): seconds per story. The first probe of each child also
imports what the corpus stages import when first used (``warm``: the others).

The machine's load average is read before and after each mode. Writes bench/results/add_to_story.json (a run
keeps an earlier run's other labels).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"\b[a-z]{4,12}\b")
EDIT_RATE = 0.3


def pct(xs: list[float]) -> dict[str, float]:
    s = sorted(xs)
    if not s:
        return {}
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
    return {"p50": round(statistics.median(s), 3), "p95": round(p95, 3), "max": round(s[-1], 3), "n": len(s)}


def edited(text: str, rng: random.Random, words: dict[int, list[str]]) -> str:
    """``text`` with about EDIT_RATE of its plain lower-case words swapped for others of the same length."""
    return WORD.sub(lambda m: rng.choice(words[len(m[0])]) if rng.random() < EDIT_RATE else m[0], text)


def pick(db: str, sizes: list[int], per: int) -> list[tuple[str, int, str]]:
    """``(story id, its article count, its latest article id)`` of the ``per`` stories nearest each size."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id, articles FROM stories WHERE articles > 0").fetchall()
        chosen: list[tuple[str, int]] = []
        for size in sizes:
            near = sorted((r for r in rows if r not in chosen), key=lambda r: (abs(int(r[1]) - size), r[0]))
            chosen += near[:per]
        out = []
        for sid, n in chosen:
            last = con.execute(
                "SELECT id FROM articles WHERE story_id = ? AND published IS NOT NULL ORDER BY published DESC, id"
                " LIMIT 1",
                (sid,),
            ).fetchone()
            if last:
                out.append((sid, int(n), last[0]))
        return out
    finally:
        con.close()


def write_probes(db: str, chosen: list[tuple[str, int, str]], seed: int, folder: Path) -> list[dict[str, Any]]:
    """One edited copy of each chosen story's latest article, written under ``folder``, dated its day."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        texts = {aid: con.execute("SELECT text, published FROM articles WHERE id = ?", (aid,)).fetchone()
                 for _, _, aid in chosen}  # fmt: skip
    finally:
        con.close()
    vocab: dict[int, set[str]] = defaultdict(set)
    for text, _ in texts.values():
        for w in WORD.findall(text):
            vocab[len(w)].add(w)
    words = {k: sorted(v) for k, v in vocab.items()}
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for sid, n, aid in chosen:
        text, published = texts[aid]
        body = edited(text, random.Random(f"{seed}:{aid}"), words)
        path = folder / f"probe-{sid}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        out.append({"story": sid, "articles": n, "file": str(path), "published": str(published)[:10]})
    return out


def child(db: str, probes_json: str, mode: str) -> dict[str, Any]:
    """Ingest each probe alone with ``--rebuild mode``, then build the stories left stale."""
    import resource

    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus

    probes = json.loads(probes_json)
    load_nlp()
    rows = []
    for p in probes:
        t, c0 = time.perf_counter(), time.process_time()
        with Corpus(db) as c:
            rep = c.ingest([p["file"]], published=p["published"], rebuild=mode)
            wall, cpu = time.perf_counter() - t, time.process_time() - c0
            if not rep.added:
                raise SystemExit(f"{p['file']}: not added ({rep.errors})")
            a = c.store.get_article(rep.added[0])
            joined = a.story_id if a else None
            size = len(c.store.story_members([joined]).get(joined, [])) if joined else 0
            stale = c.store.stale_stories()
        rows.append({"story": p["story"], "articles": p["articles"], "joined": joined, "joined_articles": size,
                     "wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "stale_after": len(stale)})  # fmt: skip
    built = []
    with Corpus(db) as c:
        for sid in c.store.stale_stories():
            n = len(c.store.story_members([sid]).get(sid, []))
            t, c0 = time.perf_counter(), time.process_time()
            c.rebuild_stale([sid])
            built.append({"story": sid, "articles": n, "wall_s": round(time.perf_counter() - t, 3),
                          "cpu_s": round(time.process_time() - c0, 3)})  # fmt: skip
        left = len(c.store.stale_stories())
    return {"probes": rows, "built_later": built, "left_stale": left,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}  # fmt: skip


def run_mode(db: str, work: Path, probes: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    copy = work / f"{mode}.db"
    for x in ("", "-wal", "-shm"):
        Path(str(copy) + x).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    src.backup(dst)  # a consistent copy, whatever the WAL holds
    src.close()
    dst.close()
    load_before = round(os.getloadavg()[0], 1)
    cmd = [sys.executable, __file__, "--child", str(copy), json.dumps(probes), mode]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=7200)
    if out.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{out.stderr[-3000:]}")
    got: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    for x in ("", "-wal", "-shm"):
        Path(str(copy) + x).unlink(missing_ok=True)
    rows = got["probes"]
    warm = rows[1:] or rows
    summary = {
        "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 1),
        "wall_s": pct([r["wall_s"] for r in warm]),
        "cpu_s": pct([r["cpu_s"] for r in warm]),
        "first_wall_s": rows[0]["wall_s"] if rows else None,
        "joined_the_story": sum(r["joined"] == r["story"] for r in rows),
        "built_later_s": pct([b["wall_s"] for b in got["built_later"]]),
        "built_later_total_s": round(sum(b["wall_s"] for b in got["built_later"]), 1),
    }
    return {**summary, **got}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", nargs="?")
    ap.add_argument("--sizes", default="2,5,10,20,40,60,90,120")
    ap.add_argument("--per", type=int, default=2, help="stories near each size")
    ap.add_argument("--modes", default="now,auto")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "storyline-add-to-story")
    ap.add_argument("--label", default="run")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "add_to_story.json")
    ap.add_argument("--child", nargs=3, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if not args.db:
        ap.error("DB: a store kept by the corpus index")
    args.work.mkdir(parents=True, exist_ok=True)
    chosen = pick(args.db, [int(x) for x in args.sizes.split(",")], args.per)
    probes = write_probes(args.db, chosen, args.seed, args.work / "probes")
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    articles, stories = (int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in ("articles", "stories"))
    con.close()
    shown = [{k: p[k] for k in ("story", "articles", "published")} for p in probes]
    result: dict[str, Any] = {"store": {"articles": articles, "stories": stories, "file": Path(args.db).name},
                              "when": time.strftime("%Y-%m-%dT%H:%M"), "sizes": args.sizes, "per": args.per,
                              "probes": shown}  # fmt: skip
    for mode in args.modes.split(","):
        print(f"[{mode}] {len(probes)} probes ...", flush=True)
        result[mode] = run_mode(args.db, args.work, probes, mode)
        print(json.dumps({k: v for k, v in result[mode].items() if k not in ("probes", "built_later")}), flush=True)
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    old[args.label] = result
    args.out.write_text(json.dumps(old, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(args.work / "probes", ignore_errors=True)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
