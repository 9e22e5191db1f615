"""Story event rows: one row per act, not per type and pair — the same-act test beside the former merge, one run.

    python bench/events_merge.py [--show] [--no-seeds] [--topics 2,5,...]

Story events (``storyline.compare.events.story_events``) merge the reports of one event type, pair and day. The
former merge joined every such pair of reports; the same-act test (``storyline.compare.event_acts.Acts``) joins
them only where their triggers are compatible or their sentences alike. For each data set this counts the story
rows and the rows of several sources with the former test and with the new one, in the same run, and lists each
row of several sources that the new test splits (``--show``: its reports' triggers and sentences, to read). Both
run with the new grouping, in which a report that tells the act of two groups joins them; the former merge with
the former grouping (a report joins the first group it fits) made 646 ECB+ rows, 122 of several sources.

Data (paths relative to the repo root; nothing is copied into the repo):

* ``../shared/corpus/seeds`` — the five seed articles, analysed as ``storyline.api.analyze`` does;
* ``../shared/data/ecbplus-dev`` — ECB+ dev topics (read as ``bench/cluster.py`` reads them, its analysis cache
  shared); each gold story (topic, ecb | ecbplus: one happening told by several outlets) is one story here.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from storyline.compare.event_acts import Acts, always
from storyline.compare.events import _key, story_events
from storyline.model import Article, Entity, Event

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
OUT = ROOT / "bench" / "results" / "events_merge.json"
#: The excerpt of a sentence ``--show`` prints.
SHOWN = 160


def _reports(ev: Event) -> list[tuple[str, str, int]]:
    return [(ev.action, c.article_id, c.start) for c in ev.cites]


def _nearest(ev: Event, rows: dict[str, Event], by_id: dict[str, Article], acts: Acts) -> list[float]:
    """For each part a row was split into, the highest sentence cosine of its reports to the other parts'."""
    mine = set(_reports(ev))

    def reps(row: Event) -> list[tuple[Article, Event]]:
        cites = [c for c in row.cites if (row.action, c.article_id, c.start) in mine]
        return [(by_id[c.article_id], Event(row.action, "", cites=[c])) for c in cites]

    out = []
    for p, row in rows.items():
        others = [r for q, o in rows.items() if q != p for r in reps(o)]
        out.append(round(max((acts.cosine(x, y) for x in reps(row) for y in others), default=0.0), 2))
    return out


def compare(sid: str, members: list[Article], entities: list[Entity], date: str | None, show: bool) -> dict[str, Any]:
    """Rows and multi-source rows with the former and the new test; the multi-source rows the new one splits."""
    before = story_events(sid, members, entities, date, same_act=always)
    after = story_events(sid, members, entities, date)
    by_id = {a.id: a for a in members}
    acts = Acts([(by_id[c.article_id], Event(e.action, "", cites=[c])) for e in after for c in e.cites])
    split = []
    for ev in before:
        if ev.independent_sources < 2:  # noqa: PLR2004 - rows of several sources
            continue
        mine = set(_reports(ev))
        parts = sorted(e.id for e in after if _key(e) == _key(ev) and mine & set(_reports(e)))
        if len(parts) > 1:
            rows = {p: next(e for e in after if e.id == p) for p in parts}
            near = _nearest(ev, rows, by_id, acts)
            split.append(
                {
                    "row": f"{ev.action} {ev.actor_country or ev.actor_text} -> {ev.target_country or ev.target_text}",
                    "sources": ev.independent_sources,
                    "into": [rows[p].independent_sources for p in rows],
                    "nearest_cosine": near,
                }
            )
            if show:
                print(f"  SPLIT {split[-1]['row']} ({ev.independent_sources} sources) into {split[-1]['into']} {near}")
                for p, row in rows.items():
                    for c in row.cites:
                        if (ev.action, c.article_id, c.start) in set(_reports(ev)):
                            a = by_id[c.article_id]
                            text = a.text[c.start : c.end].replace("\n", " ")[:SHOWN]
                            trig = [
                                e.trigger
                                for e in a.events
                                if e.cites and e.cites[0].start == c.start and e.action == ev.action
                            ]
                            print(f"    {p} {Path(a.path).name[:24]} {trig}: {text}")
    joined = [  # rows of several sources no former row holds
        e for e in after if e.independent_sources > 1 and not any(set(_reports(e)) <= set(_reports(b)) for b in before)
    ]
    return {
        "rows": [len(before), len(after)],
        "multi_source_rows": [sum(e.independent_sources > 1 for e in x) for x in (before, after)],
        "split": split,
        "joined": len(joined),
    }


def seeds(show: bool) -> dict[str, Any]:
    from storyline.api import analyze

    with tempfile.TemporaryDirectory() as tmp:
        corpus = analyze([str(SEEDS)], db=Path(tmp) / "s.db")
        arts = {a.id: a for a in corpus.articles()}
        entities = corpus.entities()
        out = {}
        for v in corpus.stories:
            members = [arts[i] for i in v.story.article_ids]
            if show:
                print(f"seed story {v.story.id} ({len(members)} articles)")
            out[v.story.id] = compare(v.story.id, members, entities, v.story.event_date, show)
        corpus.close()
    return out


def ecbplus(topics: list[str], show: bool) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    from cluster import (  # noqa: PLC0415
        DEFAULT_DATA,
        analysed_articles,  # noqa: PLC0415
        doc_of,
        doc_text,
        gold_label,
        load_docs,
        write_files,
    )
    from cluster_fit import BENCH_CACHE  # noqa: PLC0415

    from storyline.analyse.entities import canonicalize  # noqa: PLC0415

    docs = load_docs(DEFAULT_DATA)
    texts = {d: doc_text(s) for d, s in docs.items()}
    with tempfile.TemporaryDirectory() as tmp:
        write_files(texts, Path(tmp))
        arts = analysed_articles(Path(tmp), BENCH_CACHE)
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in arts:
        label = gold_label(doc_of(a.path))
        if label.split("/")[0] in topics:
            stories[label].append(a)
    out = {}
    for label in sorted(stories, key=lambda s: (int(s.split("/")[0]), s)):
        members = stories[label]
        entities = canonicalize(members)
        if show:
            print(f"ECB+ {label} ({len(members)} documents)")
        out[label] = compare(label, members, entities, None, show)
    return out


def _total(part: dict[str, Any]) -> dict[str, Any]:
    return {
        "rows": [sum(v["rows"][i] for v in part.values()) for i in (0, 1)],
        "multi_source_rows": [sum(v["multi_source_rows"][i] for v in part.values()) for i in (0, 1)],
        "split_rows": sum(len(v["split"]) for v in part.values()),
        "joined_rows": sum(v["joined"] for v in part.values()),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="list each split row's reports")
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--topics", default="2,5,12,18,21,23,34,35", help="ECB+ dev topics (comma-separated)")
    args = ap.parse_args()
    result: dict[str, Any] = {"former -> same-act": "each pair is [former merge, same-act test]"}
    if not args.no_seeds:
        result["seeds"] = seeds(args.show)
        result["seeds_total"] = _total(result["seeds"])
    result["ecbplus_dev"] = ecbplus(args.topics.split(","), args.show)
    result["ecbplus_dev_total"] = _total(result["ecbplus_dev"])
    for k in ("seeds_total", "ecbplus_dev_total"):
        if k in result:
            print(k, json.dumps(result[k]))
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
