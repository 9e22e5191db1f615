"""Curation applied to what is shown, on hand-made stories: claims marked wrong (rows and single alignments),
hidden quotes, outlet renames and their undo."""

from __future__ import annotations

from storyline.compare.claims import outlet_label
from storyline.curation import SOURCE_AS_READ, Curation, parse_quote_id, quote_id
from storyline.model import Article, Cite, Claim, Correction, Quote, Story, SummarySentence


def arts() -> list[Article]:
    out = []
    for aid, source in (("a", "Valley News"), ("b", "River Post"), ("c", "Hill Herald")):
        a = Article(id=aid, path=f"{aid}.txt", raw="", text="x" * 100, source=source, source_how="user")
        a.quotes = [Quote(10, 30, "q" * 20, "direct", speaker="Novak")]
        out.append(a)
    return out


def story() -> Story:
    row = Claim("s1-c1", "s1", "Floods swept the valley.", [Cite("a", 0, 9), Cite("b", 0, 9), Cite("c", 0, 9)])
    row.sources = 3
    pair = Claim("s1-c2", "s1", "Boats searched streets.", [Cite("a", 40, 60), Cite("b", 40, 60)], sources=2)
    quote = Claim("s1-c3", "s1", "q", [Cite("a", 10, 30), Cite("b", 10, 30)], kind="quote", sources=2)
    summary = [SummarySentence("Floods swept.", [Cite("a", 0, 9), Cite("b", 0, 9)], ["Valley News", "River Post"],
                               claim_id="s1-c1")]  # fmt: skip
    return Story("s1", "Floods", None, ["a", "b", "c"], 3, summary=summary, claims=[row, pair, quote])


def wrong(cid: int, claim: Claim, article: str | None = None) -> Correction:
    spans = [c.to_json() for c in claim.support]
    return Correction(cid, "claim", "", "", {"kind": claim.kind, "row": spans, "article_id": article})


def test_a_row_marked_wrong_is_left_out_and_its_summary_cites_trimmed() -> None:
    s = story()
    out = Curation.from_corrections([wrong(1, s.claims[0])]).story(s, arts())
    assert [c.id for c in out.claims] == ["s1-c2", "s1-c3"]
    (sentence,) = out.summary
    assert sentence.cites == [Cite("a", 0, 9)] and sentence.sources == ["Valley News"] and sentence.claim_id is None
    assert s.claims[0].id == "s1-c1"  # the stored story is not changed


def test_a_row_that_gained_an_article_since_is_still_recognised() -> None:
    s = story()
    recorded = wrong(1, Claim("old", "s1", "x", s.claims[0].support[:2]))  # marked when it had two articles
    assert "s1-c1" not in [c.id for c in Curation.from_corrections([recorded]).story(s, arts()).claims]


def test_one_alignment_marked_wrong_leaves_the_row_and_recounts_its_sources() -> None:
    s = story()
    cur = Curation.from_corrections([wrong(1, s.claims[0], "b"), wrong(2, s.claims[1], "a")])
    out = cur.story(s, arts())
    row = next(c for c in out.claims if c.id == "s1-c1")
    assert [x.article_id for x in row.support] == ["a", "c"] and row.sources == 2
    assert "s1-c2" not in [c.id for c in out.claims]  # one source left: no longer shown
    assert out.summary[0].cites == [Cite("a", 0, 9)]


def test_a_hidden_quote_leaves_the_articles_and_its_quote_row() -> None:
    hidden = Correction(1, "quote", "", "", {"article_id": "b", "start": 10, "end": 30})
    cur = Curation.from_corrections([hidden])
    shown = cur.articles(arts())
    assert [len(a.quotes) for a in shown] == [1, 0, 1]
    assert "s1-c3" not in [c.id for c in cur.story(story(), arts()).claims]
    assert parse_quote_id(quote_id("b", 10, 30)) == ("b", 10, 30)


def test_outlet_renames_chain_and_undo_restores_the_name_as_read() -> None:
    a = Article(id="a", path="a.txt", raw="", text="x", source="AP", source_how="metadata")
    renames = [
        Correction(1, "outlet", "", "", {"old": "AP", "new": "Associated Press"}),
        Correction(2, "outlet", "", "", {"old": "Associated Press", "new": "The Associated Press"}),
    ]
    assert Curation.from_corrections(renames).rename_outlets([a]) == ["a"]
    assert (a.source, a.source_how, a.meta[SOURCE_AS_READ]) == ("The Associated Press", "user", ["AP", "metadata"])
    assert Curation.from_corrections(renames).rename_outlets([a]) == []  # applying again changes nothing
    renames[0].undone_at = "2026-01-01T00:00:00Z"
    assert Curation.from_corrections(renames).rename_outlets([a]) == ["a"]
    assert (a.source, a.source_how, SOURCE_AS_READ in a.meta) == ("AP", "metadata", False)
    # an article with no outlet is named by its file; that name can be renamed too
    b = Article(id="b", path="wire/0042_story.txt", raw="", text="x")
    by_file = Correction(3, "outlet", "", "", {"old": outlet_label(b), "new": "Wire"})
    Curation.from_corrections([by_file]).rename_outlets([b])
    assert b.source == "Wire"
