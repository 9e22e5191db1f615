"""The typed dossier: its JSON keeps the export's keys (added, never renamed or removed), reads back to the same
dossier, and every renderer draws the typed dossier and its JSON form alike."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.render.dossier import make_dossier
from storyline.render.dossier_model import ClaimView, Dossier, Figure, MatrixCell, Version
from storyline.render.html import render_html
from storyline.render.markdown import render_markdown
from storyline.web.views import dossier_view

CITE = {"article_id", "start", "end", "source", "title", "label"}
CLAIM = {"id", "kind", "text", "sources", "support", "conflicts", "versions", "dates", "numbers", "speaker", "party"}
CLAIM |= {"account_label", "topic", "counter"}
#: The keys each part of the dossier's JSON has always had: a dossier may add keys, never lose one of these.
KEYS: dict[str, set[str]] = {
    "dossier": {"schema_version", "generated_by", "events", "story", "articles", "entities", "timeline"}
    | {"key_sentences", "summary", "quotes", "claims", "matrix", "conflicts", "accounts", "quote_groups", "figures"},
    "story": {"id", "title", "event_date", "event_date_why", "article_count", "independent_sources", "outlets"}
    | {"date_range"},
    "article": {"id", "title", "title_how", "source", "outlet", "author", "published", "published_how"}
    | {"published_why", "path", "url", "words", "duplicate_of", "text", "paragraphs", "removed"},
    "removed": {"text", "reason"},
    "entity": {"id", "name", "type", "aliases", "aliases_elsewhere", "roles", "descriptions", "mentions", "per_outlet"},
    "timeline": {"date", "text", "cites", "sources", "future", "claim_id", "speaker", "commitments"}
    | {"kind", "until", "until_how", "commitment_text", "differs"},
    "commitment": {"text", "period", "deadline"},
    "key_sentence": {"text", "cites"},
    "summary": {"text", "cites", "claim_id"},
    "quote": {"text", "kind", "speaker", "speaker_role", "cue", "cite"},
    "cite": CITE,
    "claim": CLAIM,
    "conflict_of_claim": CITE | {"why"},
    "version": CITE | {"text", "status"},
    "quote_version": CITE | {"text", "kind", "relation", "status", "speaker"},
    "counter": CITE | {"quote"},
    "matrix": {"outlets", "rows"},
    "matrix_row": {"claim_id", "kind", "text", "sources", "cells", "worded_by"},
    "matrix_cell": {"outlet", "status", "why", "cites", "copy"},
    "conflict": {"text", "why", "claim_id", "cites"},
    "figure": {"about", "unit", "time", "period", "deadline", "status", "why", "sources", "values"},
    "figure_value": CITE | {"text", "value"},
    "event": {"id", "story_id", "date", "date_how", "action", "mode", "context", "status", "actor", "actor_text"}
    | {"actor_country", "actor_sector", "target", "target_text", "target_country", "target_sector", "trigger"}
    | {"independent_sources", "cites", "spans"},
}


def _parts(d: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every part of a dossier's JSON with the name of its key set."""
    out: list[tuple[str, dict[str, Any]]] = [("dossier", d), ("story", d["story"]), ("matrix", d["matrix"])]
    for a in d["articles"]:
        out += [("article", a), *(("removed", r) for r in a["removed"])]
    out += [("entity", e) for e in d["entities"]]
    for t in d["timeline"]:
        out += [("timeline", t), *(("commitment", c) for c in t["commitments"]), *(("cite", c) for c in t["cites"])]
    out += [("key_sentence", k) for k in d["key_sentences"]] + [("summary", s) for s in d["summary"]]
    out += [p for q in d["quotes"] for p in (("quote", q), ("cite", q["cite"]))]
    for section in ("claims", "accounts", "quote_groups"):
        for c in d[section]:
            out += [("claim", c), *(("cite", x) for x in c["support"]), *(("counter", x) for x in c["counter"])]
            out += [("conflict_of_claim", x) for x in c["conflicts"]]
            out += [("quote_version" if section == "quote_groups" else "version", v) for v in c["versions"]]
    for r in d["matrix"]["rows"]:
        out += [("matrix_row", r), *(("matrix_cell", c) for c in r["cells"])]
    out += [p for x in d["conflicts"] for p in [("conflict", x), *(("cite", c) for c in x["cites"])]]
    out += [p for f in d["figures"] for p in [("figure", f), *(("figure_value", v) for v in f["values"])]]
    out += [p for e in d["events"] for p in [("event", e), *(("cite", c) for c in e["cites"])]]
    return out


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.slow
def test_seed_dossiers_keep_every_key_and_read_back_unchanged(seed_corpus: Any) -> None:
    seen: set[str] = set()
    for s in seed_corpus.stories:
        typed = make_dossier(s.story, s.articles(), seed_corpus.entities())
        data = typed.to_json()
        assert data == s.dossier("dict")
        for name, part in _parts(data):
            seen.add(name)
            assert KEYS[name] <= set(part), (name, KEYS[name] - set(part))
        again = Dossier.from_json(json.loads(json.dumps(data)))
        assert again == typed
        assert _text(again.to_json()) == _text(data)  # byte for byte, key order included
        # The renderers draw a dossier and its JSON form alike.
        assert render_markdown(typed) == render_markdown(data) == s.dossier("md")
        assert render_html(typed) == render_html(data)
        assert dossier_view(typed) == dossier_view(data)
    assert seen >= set(KEYS) - {"conflict_of_claim", "conflict", "removed"}, set(KEYS) - seen  # what the seeds have


def test_an_empty_or_odd_dossier_reads_as_empty_sections() -> None:
    d = Dossier.from_json({"story": "not a mapping", "articles": [None, {"id": "a1", "words": "many"}], "claims": 3})
    assert d.story.title == "" and d.claims == [] and d.matrix.rows == []
    (a,) = d.articles
    assert a.words == 0 and a.outlet == "unnamed outlet ()" and d.story.article_count == 1
    assert Dossier.from_json({}).to_json()["story"]["date_range"] is None


def test_compare_keys_the_model_does_not_name_are_kept() -> None:
    cite = {"article_id": "a1", "start": 0, "end": 5, "source": "AP", "title": "T", "label": "AP"}
    version = {"article_id": "a1", "start": 0, "end": 5, "text": "x", "status": "reported", "speaker": None, **cite}
    assert Version.from_json(version).to_json() == version
    assert list(Version.from_json(version).to_json()) == list(version)
    figure = {"about": "soy", "unit": "tonne", "time": None, "period": None, "deadline": None, "status": "agree"}
    figure |= {"why": "same figure", "sources": 2, "new_key": 1, "values": [{**cite, "text": "5 t", "value": 5.0}]}
    assert Figure.from_json(figure).to_json() == figure
    cell = {"outlet": "AP", "status": "reported", "why": "", "cites": [cite], "copy": False, "weight": 0.5}
    assert MatrixCell.from_json(cell).to_json() == cell
    stored = {"story": {"id": "s1"}, "numbers": [{"text": "12 t"}]}
    assert Dossier.from_json(stored).to_json()["numbers"] == [{"text": "12 t"}]


def test_an_article_without_an_outlet_is_shown_under_one_name_everywhere() -> None:
    article = {"id": "a1", "path": "in/000_307876002f6af93f.txt", "text": "Xi called."}
    d = Dossier.from_json({"story": {"id": "s1"}, "articles": [article]})
    assert d.articles[0].outlet == "unnamed outlet (000_30787600…)" == d.story.outlets[0]
    listed = Dossier.from_json({"story": {"outlets": ["000_307876002f6af93f.txt"]}, "articles": [article]})
    assert listed.articles[0].outlet == "000_307876002f6af93f.txt"  # as a dossier of an earlier version listed it


def test_a_quote_groups_canonical_kind() -> None:
    v = {"article_id": "a", "start": 0, "end": 1, "text": "x", "relation": "canonical", "kind": "indirect"}
    assert ClaimView.from_json({"id": "c", "text": "x", "versions": [v]}).canonical_kind == "indirect"
    assert ClaimView("c", "x").canonical_kind == "direct"


def test_unclear_cells_cite_their_passage_with_the_outlet_and_date_of_every_other_cite(seed_corpus: Any) -> None:
    """An "unclear" cell's nearest passage is labelled as the row's own cites are ("unnamed outlet (…), 24 Nov
    2025"), never as an unknown outlet with no date."""
    near = 0
    for s in seed_corpus.stories:
        typed = make_dossier(s.story, s.articles(), seed_corpus.entities())
        labels = {c.article_id: c.label for row in typed.matrix.rows for cell in row.cells for c in cell.cites}
        for row in typed.matrix.rows:
            for cell in row.cells:
                for c in cell.near:
                    near += 1
                    assert c.source == cell.outlet and c.label and c.title, c
                    assert c.label == labels.get(c.article_id, c.label)
    assert near  # the seed story has such cells
