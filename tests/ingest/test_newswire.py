"""Tests for the LDC newswire reader (SGML ``<DOC>`` records, as in AQUAINT, Gigaword and TDT): made-up
records in each layout, one file holding many articles, a bad record beside good ones; and the field names of
common scrapers' JSON dumps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest.formats.newswire import read_newswire
from storyline.ingest.formats.records import read_jsonl
from storyline.ingest.readers import read_file

AQUAINT_STYLE = """<DOC>
<DOCNO> APW19990312.0101 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 1999-03-12 14:05 </DATE_TIME>
<BODY>
<SLUG> BC-Bridge-Vote </SLUG>
<HEADLINE>
Council votes to close
the old bridge
</HEADLINE>
<TEXT>
<P>
MILLBROOK, Ore. (AP) _ The town council voted Thursday to close the old
river bridge after inspectors found cracks in two of its piers.
</P>
<P>
Repairs will cost about $4 million, the mayor said &AMP; the work could take a year.
</P>
</TEXT>
</BODY>
<TRAILER> AP-NY-03-12-99 1405EST </TRAILER>
</DOC>
<DOC>
<DOCNO> NYT19990313.0044 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<BODY>
<TEXT>
MILLBROOK, Ore. _ Drivers faced long detours on Friday, a day after the
council closed the river bridge.
</TEXT>
</BODY>
</DOC>
"""

GIGAWORD_STYLE = """<DOC id="XIN_ENG_20000104.0007" type="story" >
<HEADLINE>
Harbour reopens after storm
</HEADLINE>
<DATELINE>
PORTVILLE, January 4 (Xinhua)
</DATELINE>
<TEXT>
<P>
The harbour of Portville reopened on Tuesday after a three-day closure caused by a storm.
</P>
</TEXT>
</DOC>
"""


def test_each_doc_is_an_article_with_its_number_date_outlet_and_headline() -> None:
    docs, errors = read_newswire(AQUAINT_STYLE, "wire.sgml")
    assert errors == []
    assert [d.path for d in docs] == ["wire.sgml#APW19990312.0101", "wire.sgml#NYT19990313.0044"]
    first, second = docs
    assert first.title == "Council votes to close the old bridge"
    assert first.published == "1999-03-12" and first.meta["published_raw"] == "1999-03-12 14:05"
    assert first.source == "AP" and first.source_how == "metadata"
    assert first.fmt == "newswire" and not first.first_line_title
    # one block per <P>, the hard wrap joined; the slug and trailer are routing lines, not the article
    assert first.text.split("\n\n") == [
        "MILLBROOK, Ore. (AP) _ The town council voted Thursday to close the old river bridge after inspectors "
        "found cracks in two of its piers.",
        "Repairs will cost about $4 million, the mayor said & the work could take a year.",
    ]
    assert "BC-Bridge-Vote" not in first.text and "AP-NY" not in first.text
    # no date element: the date of the document number; no headline: the cleaner looks at the first line
    assert second.published == "1999-03-13" and second.meta["published_from"] == "document number"
    assert second.source == "The New York Times" and second.title is None and second.first_line_title


def test_gigaword_layout_id_attribute_and_dateline_element() -> None:
    (doc,), errors = read_newswire(GIGAWORD_STYLE, "xin.txt")
    assert errors == []
    assert doc.path == "xin.txt#XIN_ENG_20000104.0007"
    assert doc.source == "Xinhua" and doc.published == "2000-01-04" and doc.title == "Harbour reopens after storm"
    # the dateline is put back where the cleaner reads datelines, with a wire separator
    assert doc.text.startswith("PORTVILLE, January 4 (Xinhua) _\n\nThe harbour of Portville reopened")


def test_a_record_without_text_is_reported_and_the_others_kept() -> None:
    broken = "<DOC>\n<DOCNO> APW19990314.0001 </DOCNO>\n<HEADLINE> Only a headline </HEADLINE>\n</DOC>\n"
    docs, errors = read_newswire(broken + AQUAINT_STYLE, "wire.sgml")
    assert len(docs) == 2
    assert [(e.code, e.path) for e in errors] == [("E123", "wire.sgml")]
    assert "APW19990314.0001" in errors[0].reason


def test_a_file_with_no_text_at_all_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sgml"
    path.write_text("<DOC>\n<DOCNO> X1 </DOCNO>\n</DOC>\n")
    docs, errors = read_file(path, display_path="empty.sgml")
    assert docs == [] and [e.code for e in errors] == ["E123"]


def test_read_file_reads_every_article_of_a_collection(tmp_path: Path) -> None:
    path = tmp_path / "APW19990312"
    path.write_text(AQUAINT_STYLE, encoding="latin-1")
    docs, errors = read_file(path, display_path="APW19990312")
    assert errors == [] and len(docs) == 2
    assert docs[1].path == "APW19990312#NYT19990313.0044"


@pytest.mark.parametrize(
    ("record", "published"),
    [
        (
            {
                "title": "Bridge closes",
                "full_text": "The council closed the bridge on Thursday.",
                "publish_date": "1999-03-12T10:00:00",
            },
            "1999-03-12",
        ),
        (
            {
                "headline": "Bridge closes",
                "maintext": "The council closed the bridge on Thursday.",
                "date_publish": "1999-03-12 10:00:00",
            },
            "1999-03-12",
        ),
        (
            {
                "title": "Bridge closes",
                "body_text": "The council closed the bridge on Thursday.",
                "datePublished": "1999-03-12",
            },
            "1999-03-12",
        ),
        (
            {
                "title": "Bridge closes",
                "fulltext": "The council closed the bridge on Thursday.",
                "publication_date": "12 March 1999",
            },
            "1999-03-12",
        ),
    ],
)
def test_scraper_dumps_name_their_text_and_date_in_several_ways(record: dict[str, str], published: str) -> None:
    """Records as common scrapers write them (newspaper3k, news-please, schema.org names) are read whole."""
    (doc,), errors = read_jsonl(json.dumps(record), "dump.jsonl")
    assert errors == []
    assert doc.text.startswith("The council closed the bridge") and doc.published == published
