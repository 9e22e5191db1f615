"""The corpus index, partial writes, paged listings and stored dossiers, on both backends (``target``)."""

from __future__ import annotations

from pathlib import Path

from storeinput import folder

from storyline.api import Corpus
from storyline.config import Config
from storyline.model import Article, Cite, Entity, Story
from storyline.store.base import open_store
from storyline.store.listing import StoryQuery


def test_index_rows_counts_and_drops(target: str) -> None:
    with open_store(target) as store:
        store.put_index("posting", [("e:x", "a1", "12", 0), ("e:x", "a2", "-1", 0), ("e:y", "a1", "12", 0)])
        store.add_counts("df", {"terms:flood": 2, "terms:river": 1})
        store.add_counts("df", {"terms:flood": 1, "terms:river": -1})
        assert sorted(r[:3] for r in store.index_rows("posting", ["e:x"])) == [("e:x", "a1", "12"), ("e:x", "a2", "-1")]
        assert [(k, n) for k, _, _, n in store.index_rows("df", ["terms:flood", "terms:river"])] == [("terms:flood", 3)]
        assert sorted(k for k, *_ in store.index_refs("posting", ["a1"])) == ["e:x", "e:y"]
        store.drop_index("posting", ["a1"])
        assert store.index_size("posting") == 1
        store.put_index("profile", [("a2", "", "{}", 0)])
        store.drop_index_keys("profile", ["a2"])
        assert store.index_size("profile") == 0


def _story(sid: str, ids: list[str], date: str | None = None) -> Story:
    return Story(sid, f"Story {sid}", date, ids, independent_sources=len(ids), basis=sid)


def test_partial_writes_listing_and_dossiers(target: str) -> None:
    with open_store(target) as store:
        for i, source in enumerate(("AP", "Reuters", None)):
            store.put_article(
                Article(id=f"a{i}", path=f"in/a{i}.txt", raw="", text="Flood waters rose.", source=source)
            )
        store.replace_stories([_story("s1", ["a0", "a1"], "2024-05"), _story("s2", ["a2"])])
        store.put_stories([_story("s3", ["a2"], "2024-06-02")], removed=["s2"])
        assert store.story_ids() == ["s1", "s3"] and store.story_members(["s3"]) == {"s3": ["a2"]}
        rows, total = store.list_stories(None, 0, 10)
        assert total == 2 and [r.id for r in rows] == ["s1", "s3"]
        assert rows[0].outlets == ["AP", "Reuters"] and rows[0].articles == 2
        assert rows[1].outlets == ["unnamed outlet (a2)"]
        assert [r.id for r in store.list_stories(StoryQuery(date_from="2024-05-31"), 0, 10)[0]] == ["s1", "s3"]
        assert [r.id for r in store.list_stories(StoryQuery(date_from="2024-06-01"), 0, 10)[0]] == ["s3"]
        assert [r.id for r in store.list_stories(StoryQuery(outlet="Reuters"), 0, 10)[0]] == ["s1"]
        assert store.list_stories(None, 1, 1)[0][0].id == "s3"
        e = Entity("e1", "Mill River", "LOC", aliases=["the Mill"], mentions=[Cite("a0", 0, 5), Cite("a1", 0, 5)])
        store.replace_entities([e])
        store.put_entities([Entity("e2", "Riverton", "GPE", mentions=[Cite("a1", 6, 12)])])
        listed, n = store.list_entities("", "mill", 0, 10)
        assert n == 1 and (listed[0].name, listed[0].mentions, listed[0].articles) == ("Mill River", 2, 2)
        assert {x.id for x in store.get_entities(["e1", "e2"], with_mentions=False)} == {"e1", "e2"}
        assert store.mentioned_articles("e1", 0, 1) == (["a0"], 2)
        s1 = store.get_story("s1")
        assert s1 is not None
        store.put_dossier(s1, {"story": {"id": "s1"}})
        assert store.get_dossier(s1) == {"story": {"id": "s1"}}
        assert store.get_dossier(_story("s1", ["a0"])) is None  # built from another story: not shown
        store.put_article(Article(id="a0", path="in/a0.txt", raw="", text="Flood waters rose.", source="AFP",
                                  story_id="s1"))  # fmt: skip
        assert store.get_dossier(s1) is None  # an article of its story changed


def test_an_ingest_into_an_indexed_store_on_either_backend(tmp_path: Path, target: str) -> None:
    """The port strike first (a full run writes the index), then the bridge one article at a time, by the index."""
    cfg = Config(corpus_incremental_from=1)
    with Corpus(target, cfg) as c:
        c.ingest(folder(tmp_path / "one", ["port.txt", "port-b.txt"]))
        assert c.store.get_meta("corpus_index") == "2"
        for name in ("bridge-a.txt", "bridge-b.txt"):
            c.ingest(folder(tmp_path / name, [name]))
        groups = sorted(sorted(Path(a.path).name for a in s.articles()) for s in c.stories)
        assert groups == [["bridge-a.txt", "bridge-b.txt"], ["port-b.txt", "port.txt"]]
        assert c.store.unindexed_articles() == [] and c.store.check() == []
        for s in c.store.stories():
            assert c.store.get_dossier(s) is not None


def test_a_dossier_is_stale_once_an_entity_its_articles_name_changes(target: str) -> None:
    """An entity written with another description makes the dossiers of the stories naming it stale when read
    (schema 7): not served, not counted as stored; one built after the change is served again. A new spelling
    does not: the dossier's entity row places it when read (written in the story's texts or elsewhere)."""
    with open_store(target) as store:
        for i in range(2):
            store.put_article(Article(id=f"a{i}", path=f"in/a{i}.txt", raw="", text="The Mill and Mill River rose.",
                                      story_id=f"s{i + 1}"))  # fmt: skip
        store.replace_stories([_story("s1", ["a0"]), _story("s2", ["a1"])])
        store.replace_entities([Entity("e1", "Mill River", "LOC", mentions=[Cite("a0", 8, 18)]),
                                Entity("e2", "Riverton", "GPE", mentions=[Cite("a1", 8, 18)])])  # fmt: skip
        s1, s2 = store.get_story("s1"), store.get_story("s2")
        assert s1 is not None and s2 is not None
        row = {"id": "e1", "name": "Mill River", "aliases": [], "aliases_elsewhere": []}
        store.put_dossier(s1, {"story": {"id": "s1"}, "entities": [row]})
        store.put_dossier(s2, {"story": {"id": "s2"}})
        store.put_entities([Entity("e2", "Riverton", "GPE", mentions=[Cite("a1", 8, 18)])], ["a1"])  # the same
        store.put_entities([Entity("e1", "Mill River", "LOC", ["the Mill", "Mill R."], [Cite("a0", 8, 18)])], ["a0"])
        assert sorted(store.dossier_ids()) == ["s1", "s2"]
        got = store.stored_dossier("s1")
        assert got is not None and got["entities"][0]["aliases"] == ["the Mill"]  # written in the story's text
        assert got["entities"][0]["aliases_elsewhere"] == ["Mill R."]
        mill = Entity("e1", "Mill River", "LOC", ["the Mill", "Mill R."], [Cite("a0", 8, 18)], ["river"])
        store.put_entities([mill], ["a0"])
        assert store.get_dossier(s1) is None and store.stored_dossier("s1") is None
        assert store.stored_dossier("s2") == {"story": {"id": "s2"}} and store.dossier_ids() == ["s2"]
        store.put_dossier(s1, {"story": {"id": "s1", "again": True}})
        assert store.stored_dossier("s1") == {"story": {"id": "s1", "again": True}}
        store.replace_entities([mill, Entity("e2", "Riverton", "GPE", [], [Cite("a1", 8, 18)], ["town"])])
        assert store.stored_dossier("s1") is not None and store.stored_dossier("s2") is None


def test_story_numbers_postings_by_week_and_new_articles(target: str) -> None:
    with open_store(target) as store:
        assert store.last_story_number() == 0
        store.replace_stories([_story(f"s{n}", []) for n in (9, 10, 2)] + [_story("merged-x", [])])
        assert store.last_story_number() == 10
        store.put_index("posting", [("e:x", "a1", "12", 0), ("e:x", "a2", "-1", 0), ("e:x", "a3", "40", 0)])
        got = store.index_rows_valued("posting", ["e:x"], ["12", "-1"])
        assert sorted(r[1] for r in got) == ["a1", "a2"]
        for i, source in enumerate(("Reuters", None, "AP")):
            store.put_article(Article(id=f"n{i}", path=f"in/n{i}.txt", raw="", text="Flood rose.", source=source))
        assert store.unindexed_articles() == ["n0", "n1", "n2"] and store.outlet_names() == ["AP", "Reuters"]
        store.put_index("profile", [("n1", "", "{}", 0)])
        assert store.unindexed_articles() == ["n0", "n2"]
        assert store.mark_corpus_built(store.articles_version(), 3)
        store.put_article(Article(id="n3", path="in/n3.txt", raw="", text="Later."))
        assert store.unindexed_articles() == ["n3"]  # the articles the stages covered are not looked at again
