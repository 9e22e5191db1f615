"""A 100,000-article store served and listed: web pages at 20 clients, `storyline stories`, a large story's
dossier and the peak memory of each, SQLite and PostgreSQL side by side.

    python bench/web_scale.py --from DB [--size 100000] [--work DIR] [--backends sqlite,postgres]
                              [--clients 20] [--requests 200] [--workers 1] [--keep] [--pg-url URL] [--keyset]
                              [--only build|index|pages|copy|add|measure] [--src CHECKOUT] [--label NAME] [--out FILE]

Data: a store grown by bench/corpus_growth.py (``--from``: ``corpus_growth.py --sizes 10000 --grow-only
--keep`` keeps one, ``grown-10000.db``: the synthetic stream of bench/corpus_scale.py, the 838 analysed PolNeAR
train texts copied with dates k years later and about 30% of the plain words of every copy after the first
replaced, filed ingest by ingest through the corpus index). The large store is that store *tiled* (:func:`tile`):
its rows copied whole, tile t with every article, story and dossier under new ids and every date in them
``t x K`` years later (K: the copies the grown store holds of each text, so tiles never share a window), until
``--size`` articles; the entities are shared (the same people and places over the years, their mention counts
summed). Nothing is analysed or clustered again: the stories, dossiers and listing columns are the grown store's,
so this measures reading and serving at that size, not building it. The corpus index (what filing a new article
reads) is not copied: ``--only index`` writes it as a full run would (:func:`index_tiled`, minutes), and
``--only pages`` stores the story pages a full run stores with the dossiers (:func:`store_pages`).

Measured, each backend (PostgreSQL: the SQLite store copied with COPY into a throwaway cluster,
tests/pgcluster.py with its bench settings, by bench/corpus_growth.py's copy):

* *listing*: ``storyline stories`` (the table) and ``storyline stories --json`` in a fresh process: seconds and
  peak RSS;
* *dossier*: the story nearest 100 articles: ``storyline dossier ID --format html`` in a fresh process, and in one
  process the stored dossier read and rendered (HTML) and built afresh from its articles (corpus_growth.py's
  child), with the process's peak RSS;
* *web*: ``storyline serve --read-only`` (uvicorn, ``--workers`` processes) on 127.0.0.1, ``--clients`` threads
  with httpx, each sending its next request when the last is answered, ``--requests`` of one kind at a time: the
  home page, a page further down the list, the ~100-article story's page, a random story's page, a random one of
  the 200 largest stories' pages (mostly not in the page cache), a search for a random news word (with
  ``--keyset`` also *list_after*: a random page as its previous page's next link names it, ``?page=N&after=POS``;
  code before keyset paging reads the ``page``): p50/p95 per kind, the first request of each kind after the server
  started and its size, the server's peak RSS (its high-water mark), and the machine's load average before and after;
* *add one* (``--only add``, after ``--only index``): PolNeAR dev texts added one at a time through a full
  ingest, half in one process after the model's load, half as ``storyline ingest FILE`` in a fresh process each
  (:func:`add_one`; ``--cli-probes`` sets how many run as ``storyline ingest``); texts the store holds already
  (an earlier run's probes) are skipped, and ``--probe-wrap`` goes on from the first text after the last. The
  first 20 dev texts were the grown store's own probes: every tile holds a copy of each, so one of them added
  again is a copy of 9 stored articles, and files them as copies (the tiles never did).

*Side by side* (``--pg-url URL``, an empty database of a PostgreSQL server kept running between the steps, e.g. a
tests/pgcluster.py cluster started with its bench settings): ``--only copy`` copies the SQLite store into it (COPY),
``--only add --backends sqlite,postgres`` adds the same probes to both (the in-process halves one after the other,
the ``storyline ingest`` probes taking turns) and compares the two stores after them (:func:`same_stories`), and
``--only measure`` measures both. A PostgreSQL figure carries the server's CPU seconds beside the client's
(``server_cpu``: the postmaster's processes, read from /proc); every figure carries the 1-minute load average.

``--src CHECKOUT`` runs the servers, commands and children on another checkout's code (the code before); run the
script itself with ``PYTHONPATH=CHECKOUT/src`` too, so that it never opens the store with this checkout's code
(which would migrate it past what the other knows).

Target: p95 under 300 ms for the home, story and search pages; the listing, the dossier and adding one article
under 1 s.

Side by side on the 100,000-article store with stale stories (web_scale.json side_by_side*, load 4-13 on the
2 shared cores, so CPU seconds are the figures to compare): both stores end with the same stories after the same
32 probes. Adding one article in one process, CPU p50/p95: SQLite 0.62/0.90 s, PostgreSQL 0.79/1.00 s (client 0.53/
0.69 + server 0.22/0.31); as ``storyline ingest`` about 3 s on either (start-up and the model's load). Listing
0.9 against 1.1 + 0.15 s CPU, the 48-article dossier as HTML 1.2-1.4 s CPU on either. Web CPU per request: home
and story pages 1-4 ms on either; the list page 8-10 against 17-18 ms; search 20-26 against 66-93 ms (PostgreSQL
ranks every match: a common word reads the sentence table). Over target on both: search (p95 1.7-2.0 s SQLite,
2.7-3.8 s PostgreSQL), the list page (350-450 ms) and the 200 largest stories (stale dossiers built on view).
PostgreSQL search is no longer a prepared statement: a generic plan, taken after a few runs on one connection,
read every match of "republicans" through the index (2.2 s; 1.1 s planned for the word).
Keyset paging, story pages cut to their first rows, search highlighting only its hits (web_scale.json paging_*:
the code before on one copy of the 100,000-article store, the code after on another whose story pages it drew,
``--only pages --label after_paging``, 916 s at load 4-8; three pairs back to back, the second in the other order;
load 4.5-10 on the 2 shared cores, so server CPU per request is the figure to compare): list pages 8.7-9.9 ->
5.3-6.5 ms, pages reached by next links 9.2-10.0 -> 4.9-5.6 ms, the 200 largest stories 7.7-9.3 -> 5.7-6.4 ms (the
48-article story's page 721 -> 459 kB, a large story's 586 -> 405 kB), search 20-24 -> 9.7-11.4 ms; p95 after: list
295-447 ms, next links 246-484 ms, largest stories 399-1304 ms, search 1.6-3.6 s (before 368-1571, 303-471,
314-555 ms, 1.2-1.6 s: wall time here is mostly waiting for a core, and the two copies share 23 GB of page cache). The
dossier command's CPU (1.2-1.3 s) is mostly start-up: importing storyline.api (the ingest and corpus stages'
modules) is about 0.9 s of it, a warm render of the 48-article story's HTML 0.1 s.
Writes bench/results/web_scale.json (the parts measured; a run keeps what an earlier one measured of the others).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))  # pgcluster: the throwaway PostgreSQL cluster the tests use too

import corpus_growth as cg  # noqa: E402
import corpus_scale as cs  # noqa: E402

DOSSIER_ARTICLES = 100
LARGE = 200
"""The story_large page kind: a random one of the stories with most articles (mostly not yet in the page cache)."""
CHUNK = 2000
STRINGS = re.compile(
    r'"([0-9a-f]{16}|s\d+|\d{4}(?:-[0-9A-Z]{1,3}){0,2}(?:T[0-9:.]+Z?)?(?:/\d{4}(?:-[0-9A-Z]{1,3}){0,2})?)"'
)
"""JSON strings a tile rewrites: an article id, a story id, a date, month, year or interval."""
COPY_K = re.compile(r"^synthetic/(\d+)/")


# ------------------------------------------------------------------------------------------------ tiling


class Tile:
    """The renaming of tile ``t``: article ids, story ids and numbers, dates ``years`` later."""

    def __init__(self, t: int, years: int, articles: set[str], stories: set[str], story_base: int) -> None:
        self.t, self.years = t, years
        self.articles = {a: hashlib.sha256(f"{a}:tile{t}".encode()).hexdigest()[:16] for a in articles}
        self.stories = {s: f"s{int(s[1:]) + t * story_base}" for s in stories}

    def json(self, text: str) -> str:
        return STRINGS.sub(self._one, text)

    def _one(self, m: re.Match[str]) -> str:
        v = m[1]
        new = self.articles.get(v) or self.stories.get(v)
        if new is None:
            new = cs.shift_years(v, self.years) if v[:1].isdigit() else v
        return f'"{new}"'

    def date(self, v: str | None) -> str | None:
        return cs.shift_years(v, self.years) if v else v

    def path(self, v: str) -> str:
        return COPY_K.sub(lambda m: f"synthetic/{int(m[1]) + self.years:03d}/", v)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def tile(src: str, dst: str, size: int) -> dict[str, Any]:  # noqa: C901 - one pass per table, in order
    """The store ``src`` copied into a new store ``dst`` tile after tile until ``size`` articles (whole stories:
    the last tile takes stories in list order while the count is under ``size``)."""
    from storyline.store.listing import story_digest
    from storyline.store.sqlite import SqliteStore

    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(dst + suffix).unlink(missing_ok=True)
    SqliteStore(dst).close()  # the schema, by the store's own migrations
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    d = sqlite3.connect(dst, isolation_level=None)
    d.execute("PRAGMA synchronous = OFF")
    d.execute("PRAGMA cache_size = -200000")
    n_src = s.execute("SELECT count(*) FROM articles").fetchone()[0]
    paths = [r[0] for r in s.execute("SELECT path FROM articles")]
    ks = [int(m[1]) for p in paths if (m := COPY_K.match(p))]
    years = max(ks, default=0) + 1
    story_base = 1 + max(int(r[0][1:]) for r in s.execute("SELECT id FROM stories"))
    pos_base = 1 + s.execute("SELECT max(pos) FROM stories").fetchone()[0]
    mention_base = 1 + s.execute("SELECT max(pos) FROM mentions").fetchone()[0]
    sentence_base = 1 + s.execute("SELECT max(id) FROM sentences").fetchone()[0]
    all_articles = {r[0] for r in s.execute("SELECT id FROM articles")}
    all_stories = {r[0] for r in s.execute("SELECT id FROM stories")}
    story_sizes = s.execute("SELECT id, articles FROM stories ORDER BY pos").fetchall()
    cols = {t: _columns(s, t) for t in ("articles", "sentences", "entities", "mentions", "stories", "dossiers")}
    cols["article_stages"] = _columns(s, "article_stages")
    want = {t: _columns(d, t) for t in cols}
    for t in cols:
        if set(cols[t]) != set(want[t]):
            raise SystemExit(f"{src}: table {t} has columns {cols[t]}, the code's schema {want[t]}: migrate it first")
    d.execute("BEGIN")
    q = ", ".join(f'"{c}"' for c in cols["entities"])
    d.executemany(f"INSERT INTO entities ({q}) VALUES ({', '.join('?' * len(cols['entities']))})",
                  s.execute(f"SELECT {q} FROM entities"))  # fmt: skip
    d.execute("COMMIT")
    have, t, tiles = 0, 0, []
    while have < size:
        keep = all_stories
        if have + n_src > size:  # the last tile: whole stories in list order
            room, keep = size - have, set()
            for sid, n in story_sizes:
                if room <= 0:
                    break
                keep.add(sid)
                room -= n or 0
        tl = Tile(t, t * years, all_articles, all_stories, story_base)
        ids = sorted(all_articles if keep is all_stories else
                     (r[0] for r in s.execute("SELECT id, story_id FROM articles") if r[1] in keep))  # fmt: skip
        got = _tile_rows(s, d, tl, ids, keep, cols, pos_base, mention_base, sentence_base, story_digest)
        have += got
        tiles.append({"tile": t, "years_later": t * years, "articles": got})
        print(json.dumps({"tile": t, "articles": have, "s": round(time.perf_counter() - t0, 1)}), flush=True)
        t += 1
    d.execute("BEGIN")
    d.execute(
        "UPDATE entities SET mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id),"
        " article_count = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = entities.id)"
    )
    meta = dict(s.execute("SELECT key, value FROM meta"))
    meta["articles_version"] = str(have)
    meta.pop("corpus_index", None)  # not copied: the next full run writes it
    d.execute("DELETE FROM meta")
    d.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
    d.execute("DELETE FROM corpus_stages")
    d.executemany("INSERT INTO corpus_stages (stage, articles_version, articles) VALUES (?, ?, ?)",
                  [(st, have, have) for st in ("entities", "stories")])  # fmt: skip
    d.execute("COMMIT")
    d.execute("ANALYZE")
    d.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    d.close()
    s.close()
    return {"source_articles": n_src, "copies_per_text_in_source": years, "articles": have, "tiles": tiles,
            "seconds": round(time.perf_counter() - t0, 1), "store_mb": cg.store_mb(dst),
            "peak_rss_mb": round(cs.rss_mb())}  # fmt: skip


class _Rows:
    """Rows of one table read from the source store and written to the tiled one, as dicts by column."""

    def __init__(self, s: sqlite3.Connection, d: sqlite3.Connection, cols: dict[str, list[str]]) -> None:
        self.s, self.d, self.cols = s, d, cols

    def fetch(self, table: str, key: str, part: list[str]) -> list[dict[str, Any]]:
        c = self.cols[table]
        q = ", ".join(f'"{x}"' for x in c)
        cur = self.s.execute(f"SELECT {q} FROM {table} WHERE {key} IN ({', '.join('?' * len(part))})", part)
        return [dict(zip(c, r, strict=True)) for r in cur]

    def insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        c = self.cols[table]
        q = ", ".join(f'"{x}"' for x in c)
        marks = ", ".join("?" * len(c))
        self.d.executemany(f"INSERT INTO {table} ({q}) VALUES ({marks})", [[r[x] for x in c] for r in rows])


def _tile_rows(  # noqa: PLR0913 - the tile's renaming and the row offsets
    s: sqlite3.Connection,
    d: sqlite3.Connection,
    tl: Tile,
    ids: list[str],
    keep: set[str],
    cols: dict[str, list[str]],
    pos_base: int,
    mention_base: int,
    sentence_base: int,
    story_digest: Any,
) -> int:
    """One tile's rows: articles (with their sentences, mentions and stages), then its stories and dossiers."""
    io = _Rows(s, d, cols)
    for k in range(0, len(ids), CHUNK):
        d.execute("BEGIN")
        _tile_articles(io, tl, ids[k : k + CHUNK], mention_base, sentence_base)
        d.execute("COMMIT")
    story_ids = sorted(keep)
    for k in range(0, len(story_ids), CHUNK):
        d.execute("BEGIN")
        _tile_stories(io, tl, story_ids[k : k + CHUNK], pos_base, story_digest)
        d.execute("COMMIT")
    return len(ids)


def _tile_articles(io: _Rows, tl: Tile, part: list[str], mention_base: int, sentence_base: int) -> None:
    a_of, st_of = tl.articles, tl.stories
    rows = io.fetch("articles", "id", part)
    for r in rows:
        r["id"] = a_of[r["id"]]
        r["json"] = tl.json(r["json"])
        r["published"] = tl.date(r["published"])
        r["path"] = tl.path(r["path"])
        r["story_id"] = st_of.get(r["story_id"], r["story_id"])
        r["duplicate_of"] = a_of.get(r["duplicate_of"], r["duplicate_of"])
    io.insert("articles", rows)
    rows = io.fetch("sentences", "article_id", part)
    for r in rows:
        r["id"] += tl.t * sentence_base
        r["article_id"] = a_of[r["article_id"]]
    io.insert("sentences", rows)
    rows = io.fetch("mentions", "article_id", part)
    for r in rows:
        r["pos"] += tl.t * mention_base
        r["article_id"] = a_of[r["article_id"]]
    io.insert("mentions", rows)
    rows = io.fetch("article_stages", "article_id", part)
    for r in rows:
        r["article_id"] = a_of[r["article_id"]]
    io.insert("article_stages", rows)


def _tile_stories(io: _Rows, tl: Tile, part: list[str], pos_base: int, story_digest: Any) -> None:
    rows = io.fetch("stories", "id", part)
    digest = {}
    for r in rows:
        old = r["id"]
        r["id"] = tl.stories[old]
        r["pos"] += tl.t * pos_base
        r["json"] = tl.json(r["json"])
        r["event_date"] = tl.date(r["event_date"])
        r["date_lo"], r["date_hi"] = tl.date(r["date_lo"]), tl.date(r["date_hi"])
        r["digest"] = digest[old] = story_digest(r["json"])
    io.insert("stories", rows)
    rows = io.fetch("dossiers", "story_id", part)
    for r in rows:
        r["key"] = digest[r["story_id"]]
        r["story_id"] = tl.stories[r["story_id"]]
        r["json"] = tl.json(r["json"])
    io.insert("dossiers", rows)


# ----------------------------------------------------------------------------------------- the index


def index_tiled(src: str, db: str, chunk: int = 1000) -> dict[str, Any]:  # noqa: C901 - two passes, then the rows
    """The corpus index of the tiled store as a full run writes it (``incremental.full_index``), read a chunk of
    articles at a time: profiles, document frequencies, postings and entity keys from the tiled articles; the
    MinHash sketches and LSH buckets the grown store's under the tiled ids (a tile's texts are its texts)."""
    from collections import Counter
    from types import SimpleNamespace

    from storyline import incremental as inc
    from storyline.analyse.entity_filing import key_rows
    from storyline.compare.cluster import cluster_config
    from storyline.compare.storyindex import WEEK, StoryIndex
    from storyline.compare.storypairs import CorpusStats, profile
    from storyline.config import load_config
    from storyline.store.sqlite import SqliteStore

    t0 = time.perf_counter()
    ccfg = cluster_config(load_config())
    store = SqliteStore(db)
    counts = dict(store._q("SELECT id, mention_count FROM entities"))
    ents = store.get_entities(list(counts), with_mentions=False)
    ids = [r[0] for r in store._q("SELECT id FROM articles ORDER BY id")]
    with store.transaction():
        for kind in inc.INDEX_KINDS:
            store.drop_index(kind)
    stats, light, keys = CorpusStats(), [], Counter()
    for k in range(0, len(ids), chunk):  # pass 1: profiles, frequencies, entity keys
        arts = store.articles(ids[k : k + chunk])
        rows = inc.IndexRows()
        for a in arts:
            pr = profile(a, ccfg.lead_paragraphs)
            stats.add(pr)
            rows.article(pr, None, [])
            light.append(SimpleNamespace(article_id=pr.article_id, participants=pr.participants,
                                         persons=list(pr.persons), places=pr.places, lead_terms=list(pr.lead_terms),
                                         week=str(pr.event[0] // WEEK) if pr.event else "-1"))  # fmt: skip
        keys.update(key_rows(arts, ents)[0])
        inc.write_index(store, rows)
    rows = inc.IndexRows()  # pass 2: postings (their keys need every article's frequencies)
    index = StoryIndex(ccfg, stats=stats)
    for p in light:
        for key in dict.fromkeys(index._keys(p)):  # as IndexRows.article
            rows.rows["posting"].append((key, p.article_id, p.week, 0))
            rows.counts["posting_n"][key] += 1
    types = {e.id: e.type for e in ents}
    rows.rows["entity_key"] = [(k, eid, types.get(eid, ""), n) for (k, eid), n in keys.items()]
    rows.rows["entity_token"] = [(w, eid, None, counts[eid]) for w, eid in sorted(key_rows([], ents)[1])]
    present = set(ids)
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    tiles = range(-(-len(ids) // s.execute("SELECT count(*) FROM articles").fetchone()[0]))  # as tile() made them
    for kind in ("sketch", "band"):
        for key, ref, value, n in s.execute("SELECT key, ref, value, n FROM corpus_index WHERE kind = ?", [kind]):
            for t in tiles:
                tid = hashlib.sha256(f"{ref or key}:tile{t}".encode()).hexdigest()[:16]
                if tid in present:
                    rows.rows[kind].append((tid, "", value, n) if kind == "sketch" else (key, tid, value, n))
    s.close()
    inc.write_index(store, rows)
    with store.transaction():
        store.set_meta(inc.INDEX_META, inc.INDEX_WRITTEN)
    store.close()
    return {"articles": len(ids), "seconds": round(time.perf_counter() - t0, 1), "peak_rss_mb": round(cs.rss_mb())}


def store_pages(db: str) -> dict[str, Any]:
    """Draw and store the page of every story with a stored dossier (storyline.web.story_pages), as a full run
    does when it stores the dossiers: the tiled store's dossiers were copied, not stored by a run. Then the
    dossiers an entity change made stale (the earlier runs' probes changed what popular entities show), or stored
    under another digest than their story's (a story an earlier version stored: the tiles' stories are the grown
    store's JSON), built again from their articles and stored with their pages under the stored story's digest
    (storyline.web.write_back.put_as_stored, as a visit of a server that may write stores them), a transaction
    per :data:`CHUNK` / 10 stories: each of those is otherwise built again on every view."""
    from storyline.api import Corpus
    from storyline.web.story_pages import drawn_by, store_missing, store_page
    from storyline.web.write_back import put_as_stored

    t0 = time.perf_counter()
    with Corpus(db) as corpus:
        store = corpus.store
        ids = store.story_ids()
        n = store_missing(store, ids)
        took = time.perf_counter() - t0
        print(f"  {n} pages of {len(ids)} stories in {took:.0f} s", flush=True)
        fresh = set(store.dossier_ids())
        paged = {r[0] for r in store._q(  # a page of the dossier stored for the story as it is stored
            "SELECT g.story_id FROM story_pages g JOIN dossiers d ON d.story_id = g.story_id AND d.key = g.key"
            " AND coalesce(d.built_at, 0) = g.built_at JOIN stories s ON s.id = g.story_id AND s.digest = g.key"
            " WHERE g.drawn_by = ?", [drawn_by()])}  # fmt: skip
        stale = [sid for sid in ids if sid not in fresh or sid not in paged]
        t1, rebuilt = time.perf_counter(), 0
        for k in range(0, len(stale), CHUNK // 10):
            with store.transaction():
                for sid in stale[k : k + CHUNK // 10]:
                    story = store.get_story(sid)
                    if story is not None:
                        put_as_stored(store, story, corpus.story_dossier(sid))
                        rebuilt += store_page(store, sid)
            print(f"  {k + CHUNK // 10} of {len(stale)} stale dossiers ({time.perf_counter() - t1:.0f} s)", flush=True)
    return {"stories": len(ids), "pages": n, "seconds": round(took, 1),
            "ms_per_page": round(1000 * took / max(n, 1), 1), "stale_dossiers": len(stale),
            "rebuilt_with_page": rebuilt, "rebuild_seconds": round(time.perf_counter() - t1, 1),
            "store_mb": cg.store_mb(db), "peak_rss_mb": round(cs.rss_mb())}  # fmt: skip


def add_one(targets: dict[str, str], probes: list[str], years: int, cli: int | None = None) -> dict[str, Any]:
    """One article added at a time through a full ingest (reading, cleaning, spaCy, storing, the corpus stages by
    the index, the touched stories' dossiers and pages), to each store of ``targets`` (backend: SQLite path or
    PostgreSQL URL): the first ``len(probes) - cli`` of ``probes`` (half when ``cli`` is None) in one process
    after the model is loaded (corpus_scale.py's probe child, a Corpus opened per article; ``warm``: all but its
    first, which imports what the corpus stages import when first used), one backend's process after the other's;
    the other ``cli`` each as ``storyline ingest FILE`` in a fresh process (start-up and the model's load
    included), the backends taking turns probe by probe; dated ``years`` later (PolNeAR dev texts, held out of the
    grown store's base). The machine's load average is read before and after each part."""
    half = len(probes) // 2 if cli is None else len(probes) - cli
    out: dict[str, dict[str, Any]] = {}
    for backend, db in targets.items():
        load_before = round(os.getloadavg()[0], 1)
        got = cs.run_child("probe", [db, json.dumps(probes[:half]), str(years)], None)
        out[backend] = {"years_later": years, "load_before": load_before, "in_process": {
            **cg.percentiles(got["seconds"]), "warm": cg.percentiles(got["seconds"][1:] or got["seconds"]),
            "cpu": cg.percentiles(got.get("cpu_s") or [0.0]),
            "warm_cpu": cg.percentiles(got.get("cpu_s", [])[1:] or [0.0]),
            "corpus_stages": cg.percentiles(got["corpus_stages_s"]), **_with_server(got), **got,
            "load_after": round(os.getloadavg()[0], 1)}}  # fmt: skip
        print(f"  [{backend}] in one process: {out[backend]['in_process']}", flush=True)
    runs: dict[str, list[dict[str, Any]]] = {b: [] for b in targets}
    for f in probes[half:]:
        day = re.search(r"_(\d{4}-\d\d-\d\d)_", Path(f).name)
        when = ["--published", cs.shift_years(day[1], years)] if day else []
        for backend, db in targets.items():
            load = round(os.getloadavg()[0], 1)
            runs[backend].append({**cli_watched(["--db", db, "-q", "ingest", f, *when], 10**5, 1800), "load": load})
    for backend, rs in runs.items():
        if rs:
            out[backend]["cli"] = {**cg.percentiles([r["seconds"] for r in rs]),
                                   "cpu": cg.percentiles([r["cpu_s"] for r in rs]), **_with_server(rs),
                                   "peak_rss_mb": max(r["peak_rss_mb"] for r in rs), "runs": rs}  # fmt: skip
            print(f"  [{backend}] storyline ingest: {out[backend]['cli']}", flush=True)
        out[backend]["load_after"] = round(os.getloadavg()[0], 1)
    return out


def _with_server(got: dict[str, Any] | list[dict[str, Any]]) -> dict[str, Any]:
    """A PostgreSQL server's CPU seconds per probe beside the client's, and their sum (none for SQLite)."""
    if isinstance(got, dict):
        server, cpu = got.get("server_cpu_s") or [], got.get("cpu_s") or []
    else:
        server = [r["server_cpu_s"] for r in got if r.get("server_cpu_s") is not None]
        cpu = [r["cpu_s"] for r in got]
    if not server or len(server) != len(cpu):
        return {}
    both = [a + b for a, b in zip(cpu, server, strict=True)]
    return {"server_cpu": cg.percentiles(server), "cpu_with_server": cg.percentiles(both),
            "warm_cpu_with_server": cg.percentiles(both[1:] or both)}  # fmt: skip


def same_stories(db: str, url: str, files: list[str]) -> dict[str, Any]:
    """The two stores compared after the same probes: every article's story, every story's size, digest (of its
    stored JSON) and member list, the stale marks, and the story each probe was filed into (its members, size
    and whether it is stale)."""
    from storyline.ingest.readers import read_file
    from storyline.pipeline import article_id
    from storyline.store.base import open_store

    def state(target: str) -> dict[str, Any]:
        with open_store(target) as store:
            members: dict[str, list[str]] = {}
            for aid, sid in store._q("SELECT id, story_id FROM articles ORDER BY id"):
                members.setdefault(str(sid), []).append(aid)
            sizes = {r[0]: r[1:] for r in store._q("SELECT id, articles, digest FROM stories")}  # digest: its JSON
            return {"members": members, "sizes": sizes, "stale": set(store.stale_stories()),
                    "of": {aid: sid for sid, m in members.items() for aid in m}}  # fmt: skip

    a, b = state(db), state(url)
    probes = []
    for f in files:
        docs, _ = read_file(Path(f), display_path=f)
        aid = article_id(docs[0].text)
        sa, sb = a["of"].get(aid), b["of"].get(aid)
        probes.append({"file": Path(f).name, "article": aid, "sqlite_story": sa, "postgres_story": sb,
                       "articles": len(a["members"].get(str(sa), [])), "stale": sa in a["stale"],
                       "same": sa == sb and a["members"].get(str(sa)) == b["members"].get(str(sb))
                       and (sa in a["stale"]) == (sb in b["stale"])})  # fmt: skip
    differ = sorted(s for s in set(a["members"]) | set(b["members"]) if a["members"].get(s) != b["members"].get(s))
    return {"articles": [len(a["of"]), len(b["of"])], "stories": [len(a["sizes"]), len(b["sizes"])],
            "stories_with_other_members": len(differ), "first_differing": differ[:10],
            "story_rows_differ": sum(a["sizes"].get(s) != b["sizes"].get(s) for s in {*a["sizes"], *b["sizes"]}),
            "stale": [len(a["stale"]), len(b["stale"])], "stale_differ": len(a["stale"] ^ b["stale"]),
            "probes_same": sum(p["same"] for p in probes), "probes": probes}  # fmt: skip


def unstored(db: str, files: list[str]) -> list[str]:
    """Those of ``files`` whose text the store does not hold yet (an earlier run's probes were added to it)."""
    from storyline.ingest.readers import read_file
    from storyline.pipeline import article_id

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = []
        for f in files:
            docs, _ = read_file(Path(f), display_path=f)
            if docs and not con.execute("SELECT 1 FROM articles WHERE id = ?", (article_id(docs[0].text),)).fetchone():
                out.append(f)
        return out
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------- serving


def _hwm_mb(pid: int) -> float:
    """A process's peak RSS so far (VmHWM), with its children's (uvicorn's worker processes)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text(encoding="ascii").splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024)


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()]
    except OSError:
        return []


def serve_bench(  # noqa: PLR0913 - the store, the story, the load and the kinds
    db: str, big: str, clients: int, requests: int, workers: int, keyset: bool = False
) -> dict[str, Any]:
    """Latency of each page kind at ``clients`` concurrent clients (``workers`` server processes); ``keyset``: the
    list_after kind too (code that reads a page past a place in the list, ``?after=``: older code ignores it)."""
    from storyline.store.sqlite import open_store

    with open_store(db) as store:
        ids = store.story_ids()
        large = [r[0] for r in store._q(f"SELECT id FROM stories ORDER BY articles DESC, id LIMIT {LARGE}")]
        pages = max(2, len(ids) // 50)
        deep = random.Random(5)  # its own draws: the other kinds' paths stay those of earlier runs
        after = [(p, store._q(f"SELECT pos FROM stories ORDER BY pos LIMIT 1 OFFSET {(p - 1) * 50 - 1}")[0][0])
                 for p in (deep.randint(2, pages) for _ in range(requests))] if keyset else []  # fmt: skip
    rng = random.Random(3)
    paths = {
        "home": ["/"] * requests,
        "list_page": [f"/?page={rng.randint(2, pages)}" for _ in range(requests)],
        **({"list_after": [f"/?page={p}&after={pos}" for p, pos in after]} if keyset else {}),
        "story_100": [f"/stories/{big}"] * requests,
        "story_random": [f"/stories/{rng.choice(ids)}" for _ in range(requests)],
        "story_large": [f"/stories/{rng.choice(large)}" for _ in range(requests)],
        "search": [f"/?q={rng.choice(cg.WORDS)}" for _ in range(requests)],
    }
    out: dict[str, Any] = {"clients": clients, "workers": workers, "stories": len(ids), "story_100_id": big}

    def cpu(pid: int) -> float:  # the server's processes and, for PostgreSQL, the database server's
        return cs.tree_cpu_s(pid) + (cs.server_cpu_s(db) or 0.0)

    return {**out, **cg.serve_pages(db, paths, clients, workers, rss=_hwm_mb, cpu=cpu)}


# ---------------------------------------------------------------------------------------------- measure


def cli_watched(args: list[str], rss_limit_mb: int, seconds: float) -> dict[str, Any]:
    """A ``storyline`` command in a fresh process, as :func:`corpus_growth.cli_rss` runs it, stopped (and said so)
    once its RSS passes ``rss_limit_mb`` or it runs past ``seconds``: the machine is shared."""
    cli = Path(sys.executable).with_name("storyline")
    load = round(os.getloadavg()[0], 1)  # the machine's 1-minute load average as the command starts
    s0 = cs.server_cpu_s(args[args.index("--db") + 1]) if "--db" in args else None
    with tempfile.TemporaryFile() as fh, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([str(cli), *args], stdout=fh, stderr=err)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _rss_mb(proc.pid))
            if peak > rss_limit_mb or time.perf_counter() - t > seconds:
                proc.kill()
                os.wait4(proc.pid, 0)
                wall = time.perf_counter() - t
                return {"stopped": f"at {peak} MB RSS after {wall:.0f} s", "seconds_at_least": round(wall, 1),
                        "peak_rss_mb_at_least": peak}  # fmt: skip
            time.sleep(0.2)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        size = fh.seek(0, os.SEEK_END)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"storyline {' '.join(args)} failed: {err.read().decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    s1 = cs.server_cpu_s(args[args.index("--db") + 1]) if s0 is not None else None
    server = {} if s0 is None or s1 is None else {"server_cpu_s": round(s1 - s0, 2)}  # PostgreSQL's share
    return {
        "seconds": round(wall, 2),
        "cpu_s": round(cpu, 2),
        **server,
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "bytes": size,
        "load": load,
    }


def _rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def child_dossier(db: str) -> dict[str, Any]:
    """corpus_growth.py's dossier measure without the story built again (minutes for a 129-article story), in a
    fresh process."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import corpus_growth as cg; from storyline.compare import"
        " story; story.build_story = lambda *a, **k: None; print(json.dumps(cg.child_dossier(sys.argv[2])))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(HERE), db], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"dossier child failed:\n{out.stderr[-3000:]}")
    got: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    for k in ("story_rebuilt_s", "story_rebuilt_peak_rss_mb"):
        got.pop(k, None)
    return got


def measure(db: str, args: argparse.Namespace) -> dict[str, Any]:
    """Listing, dossier and web pages on one store (either backend)."""
    out: dict[str, Any] = {}
    print("  listing ...", flush=True)
    out["listing"] = cli_watched(["--db", db, "-q", "stories"], args.rss_limit_mb, args.cli_seconds)
    print(f"  {out['listing']}", flush=True)
    if not args.no_json:
        out["listing_json"] = cli_watched(["--db", db, "-q", "stories", "--json"], args.rss_limit_mb, args.cli_seconds)
        print(f"  --json {out['listing_json']}", flush=True)
    print("  the ~100-article story's dossier ...", flush=True)
    load = round(os.getloadavg()[0], 1)
    d = {**(cg.run_child("dossier", [db]) if args.rebuild else child_dossier(db)), "load": load}
    d["cli_html"] = cli_watched(["--db", db, "-q", "dossier", d["story"], "--format", "html"], 10**5, 10**4)
    out["dossier"] = d
    print(f"  {d}", flush=True)
    if not args.no_web:
        out["web"] = {}
        for workers in [int(w) for w in args.workers.split(",")]:
            print(f"  serving to {args.clients} clients, {workers} worker(s) ...", flush=True)
            got = serve_bench(db, d["story"], args.clients, args.requests, workers, args.keyset)
            out["web"][f"{workers} worker{'s' * (workers > 1)}"] = got
            print(f"  {got}", flush=True)
    return out


def main() -> None:  # noqa: C901 - the steps, each optional
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="src", type=Path, default=None, help="a grown store (corpus_growth.py --keep)")
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "storyline-web-scale")
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=200, help="requests per page kind")
    ap.add_argument("--workers", default="1", help="server processes tried")
    ap.add_argument("--no-web", action="store_true")
    ap.add_argument("--keyset", action="store_true", help="serve the list_after kind too (the next links' pages)")
    ap.add_argument("--no-json", action="store_true", help="leave out storyline stories --json (minutes)")
    ap.add_argument("--rebuild", action="store_true", help="time the ~100-article story built again too (minutes)")
    ap.add_argument("--only", choices=["build", "index", "pages", "copy", "add", "measure"], default=None)
    ap.add_argument("--pg-url", default=None,
                    help="a PostgreSQL database holding a copy of the store (--only copy fills it): --only add and"
                         " --only measure use it instead of copying the store into a throwaway cluster")  # fmt: skip
    ap.add_argument("--label", default="", help="a name for this run's measures (e.g. before, after)")
    ap.add_argument("--src", dest="code", type=Path, default=None,
                    help="a checkout of the code to measure (default: this one)")  # fmt: skip
    ap.add_argument("--rss-limit-mb", type=int, default=6000, help="stop a listing command past this RSS")
    ap.add_argument("--cli-seconds", type=float, default=600, help="stop a listing command past this time")
    ap.add_argument("--probes", type=int, default=16, help="--only add: articles added one at a time")
    ap.add_argument("--probe-from", type=int, default=60, help="--only add: the first PolNeAR dev text taken")
    ap.add_argument("--probe-years", type=int, default=110, help="--only add: the probes dated this much later")
    ap.add_argument("--probe-wrap", action="store_true", help="--only add: after the last dev text, the first ones")
    ap.add_argument("--cli-probes", type=int, default=None, help="--only add: probes run as storyline ingest (half)")
    ap.add_argument("--keep", action="store_true", help="keep the store files (under --work)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "web_scale.json")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = str(args.work / f"tiled-{args.size}.db")
    label = args.label or "after"

    def put(*keys: str, value: Any) -> None:
        def change(r: dict[str, Any]) -> None:
            node = r
            for k in keys[:-1]:
                node = node.setdefault(k, {})
            node[keys[-1]] = value

        cg.update_results(args.out, change)

    try:
        if args.only in (None, "build"):
            if args.src is None or not args.src.exists():
                sys.exit("--from DB: a grown store is needed (python bench/corpus_growth.py --sizes 10000 --grow-only"
                         " --keep --work DIR makes DIR/grown-10000.db)")  # fmt: skip
            print(f"tiling {args.src.name} to {args.size} articles ...", flush=True)
            built = tile(str(args.src), db, args.size)
            print(f"  {built}", flush=True)
            put("build", value={**built, "from": args.src.name, "when": time.strftime("%Y-%m-%dT%H:%M")})
            put("machine", value={"python": platform.python_version(), "cpus": os.cpu_count(),
                                  "platform": platform.platform()})  # fmt: skip
        if args.only == "index":  # before "add": the tiled store has no corpus index (minutes)
            if args.src is None or not args.src.exists():
                sys.exit("--from DB: the grown store the tiled one was made of (its sketches are copied)")
            print("writing the corpus index ...", flush=True)
            got = index_tiled(str(args.src), db)
            print(f"  {got}", flush=True)
            put("index", value=got)
        if args.only == "pages":  # the story pages a full run stores with the dossiers (minutes)
            put(f"pages_{args.label}" if args.label else "pages", value=store_pages(db))
        if args.only == "add":
            texts = sorted(str(p) for p in (cs.POLNEAR / "dev" / "text").iterdir())
            files = texts[args.probe_from :] + (texts[: args.probe_from] if args.probe_wrap else [])
            files = unstored(db, files)[: args.probes]  # the PostgreSQL copy holds what the SQLite store holds
            targets = {"sqlite": db, **({"postgres": args.pg_url} if args.pg_url else {})}
            backends = args.backends.split(",")
            missing = [b for b in backends if b not in targets]
            if missing:
                sys.exit(f"--only add on {missing[0]}: name its database with --pg-url (--only copy fills it)")
            print(f"adding {len(files)} articles one at a time to {', '.join(backends)} ({label})", flush=True)
            for backend, got in add_one(
                {b: targets[b] for b in backends}, files, args.probe_years, args.cli_probes
            ).items():
                put(label, backend, "add_one", value=got)
            if set(backends) == {"sqlite", "postgres"}:
                put(label, "same_stories", value=same_stories(db, args.pg_url, files))
        if args.only == "copy":  # the SQLite store into the PostgreSQL database --pg-url names (COPY, minutes)
            if not args.pg_url:
                sys.exit("--only copy: name the (empty) PostgreSQL database with --pg-url")
            print("copying the store into PostgreSQL ...", flush=True)
            copied = {**cg.copy_to_postgres(db, args.pg_url), "store_mb": cg.store_mb(args.pg_url)}
            print(f"  {copied}", flush=True)
            put(f"postgres_copy_{label}", value=copied)
        if args.only in (None, "measure"):
            if args.code:  # every server, command and child below runs this checkout's code
                os.environ["PYTHONPATH"] = str(args.code.resolve() / "src")
            if not Path(db).exists():
                sys.exit(f"{db}: no tiled store yet (run with --only build first)")
            backends = args.backends.split(",")
            targets = {"sqlite": db}
            cluster = None
            try:
                if "postgres" in backends and args.pg_url:
                    targets["postgres"] = args.pg_url
                elif "postgres" in backends:
                    import pgcluster

                    why = pgcluster.unavailable()
                    if why:
                        raise SystemExit(f"no PostgreSQL: {why}")
                    cluster = pgcluster.Cluster.start(pgcluster.BENCH_SETTINGS)
                    url = cluster.create_database("tiled")
                    print("copying the store into PostgreSQL ...", flush=True)
                    copied = {**cg.copy_to_postgres(db, url), "store_mb": cg.store_mb(url)}
                    print(f"  {copied}", flush=True)
                    put("postgres_copy", value=copied)
                    targets["postgres"] = url
                for backend in backends:
                    print(f"[{backend}] {args.size} articles ({label})", flush=True)
                    got = measure(targets[backend], args)
                    got["when"] = time.strftime("%Y-%m-%dT%H:%M")
                    for key, part in got.items():  # beside what --only add measured under this label
                        put(label, backend, key, value=part)
            finally:
                if cluster is not None:
                    cluster.stop()
    finally:
        if not args.keep:
            for x in ("", "-wal", "-shm"):
                Path(db + x).unlink(missing_ok=True)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
