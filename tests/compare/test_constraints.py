"""The user's story corrections as clustering constraints: kept by stored stories, by the clustering (batch and
streaming), and after a re-clustering; undone corrections put back."""

from __future__ import annotations

import pytest

from storyline.compare.cluster import assign_stories
from storyline.compare.constraints import Constraints, keep_ids, restore
from storyline.model import Article, DateMention

FLOOD = (
    "Floods swept the river valley, forcing thousands of residents from their homes as rescue boats searched streets."
)
FLOOD2 = "Rescue boats searched flooded streets in the river valley after floods forced thousands of residents out."
FLOOD3 = "Floods in the river valley: rescue boats searched the flooded streets and thousands of residents fled."
QUAKE = (
    "An earthquake shook the mountain city, collapsing buildings while emergency crews dug through rubble"
    " for survivors."
)


def art(aid: str, text: str, day: str = "2024-05-01") -> Article:
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text)
    a.paragraphs = [(0, len(text))]
    a.dates = [DateMention(0, 5, "on Monday", day, "weekday")]
    return a


def merge(cid: int, into: list[str], other: list[str]) -> tuple[str, int, dict[str, object]]:
    return ("merge", cid, {"into": into, "from": other})


def split(cid: int, named: list[str], rest: list[str]) -> tuple[str, int, dict[str, object]]:
    return ("split", cid, {"articles": named, "rest": rest})


def move(cid: int, article: str, members: list[str], old: list[str]) -> tuple[str, int, dict[str, object]]:
    return ("move", cid, {"article": article, "members": members, "from_members": old})


def groups(mapping: dict[str, list[str]]) -> list[list[str]]:
    return sorted(sorted(v) for v in mapping.values())


def test_merge_gathers_both_stories_under_the_first_id() -> None:
    c = Constraints.compile([merge(1, ["a", "b"], ["c"])])
    assert c.enforce({"s1": ["a", "b"], "s2": ["c"], "s3": ["d"]}) == {"s1": ["a", "b", "c"], "s3": ["d"]}


def test_split_sends_the_named_articles_to_a_new_story_together() -> None:
    c = Constraints.compile([split(1, ["b", "c"], ["a", "d"])])
    out = c.enforce({"s1": ["a", "b", "c", "d"]})
    assert out == {"s1": ["a", "d"], "s2": ["b", "c"]}
    assert c.enforce(out) == out  # kept: nothing to do


def test_move_joins_the_target_and_stays_away_from_the_old_story() -> None:
    c = Constraints.compile([move(1, "b", ["x"], ["a", "b"])])
    assert c.enforce({"s1": ["a", "b"], "s2": ["x"]}) == {"s1": ["a"], "s2": ["x", "b"]}
    # a grouping that puts it back with its old story is corrected again
    assert groups(c.enforce({"s1": ["a", "b", "x"]})) == [["a"], ["b", "x"]]


def test_the_latest_correction_wins() -> None:
    # merged, then split again: the split article leaves; the merge still holds for the others
    c = Constraints.compile([merge(1, ["a", "b"], ["c"]), split(2, ["b"], ["a", "c"])])
    assert groups(c.enforce({"s1": ["a", "b"], "s2": ["c"]})) == [["a", "c"], ["b"]]
    # split, then moved back by hand: together again, the old cannot-link lifted for that pair
    c = Constraints.compile([split(1, ["b"], ["a"]), move(2, "b", ["a"], ["b"])])
    assert groups(c.enforce({"s1": ["a"], "s2": ["b"]})) == [["a", "b"]]
    assert not c.apart(["a", "b"]).any()


def test_a_split_article_moved_elsewhere_still_stays_away_from_its_first_story() -> None:
    c = Constraints.compile([split(1, ["c"], ["a", "b"]), move(2, "c", ["x"], ["c"])])
    assert groups(c.enforce({"s1": ["a", "b", "c", "x"]})) == [["a", "b"], ["c", "x"]]


def test_articles_no_longer_stored_are_ignored() -> None:
    c = Constraints.compile([merge(1, ["a", "gone"], ["c"]), split(2, ["gone"], ["a"])])
    assert c.enforce({"s1": ["a"], "s2": ["c"]}) == {"s1": ["a", "c"]}


def test_clustering_starts_from_must_links_and_never_merges_a_cannot_link() -> None:
    arts = [art("a", FLOOD), art("b", FLOOD2), art("c", QUAKE)]
    assert groups(assign_stories(arts, {})) == [["a", "b"], ["c"]]
    apart = Constraints.compile([split(1, ["b"], ["a"])])
    assert groups(assign_stories(arts, {}, constraints=apart)) == [["a"], ["b"], ["c"]]
    together = Constraints.compile([merge(1, ["a"], ["c"])])
    assert groups(assign_stories(arts, {}, constraints=together)) == [["a", "b", "c"]]


def test_a_new_article_is_clustered_against_the_corrected_stories() -> None:
    arts = [art("a", FLOOD), art("b", FLOOD2), art("c", QUAKE), art("n", FLOOD3)]
    c = Constraints.compile([split(1, ["b"], ["a"])])
    stored = c.enforce({"s1": ["a", "b"], "s2": ["c"]})
    out = assign_stories(arts, stored, constraints=c)
    assert out["s1"][0] == "a" and "b" not in out["s1"] and out["s2"] == ["c"]
    assert any("b" in v for k, v in out.items() if k not in ("s1", "s2"))


@pytest.mark.parametrize("streaming", [False, True])
def test_reclustering_from_scratch_keeps_the_corrections(streaming: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.compare.cluster as cluster

    if streaming:
        monkeypatch.setattr(cluster, "BATCH_LIMIT", 2)
    arts = [art("a", FLOOD), art("b", FLOOD2), art("c", QUAKE), art("n", FLOOD3)]
    c = Constraints.compile([merge(1, ["a"], ["c"]), split(2, ["b"], ["a", "c"])])
    out = c.enforce(assign_stories(arts, {}, constraints=c))
    story_of = {a: s for s, ids in out.items() for a in ids}
    assert story_of["a"] == story_of["c"] and story_of["b"] != story_of["a"]


def test_keep_ids_gives_each_story_the_id_it_mostly_had() -> None:
    old = {"s3": ["a", "b"], "s5": ["c"]}
    assert keep_ids({"s1": ["c", "n"], "s2": ["a", "b"]}, old) == {"s5": ["c", "n"], "s3": ["a", "b"]}
    assert keep_ids({"s1": ["a"], "s2": ["b"]}, old) == {"s3": ["a"], "s6": ["b"]}


def test_restore_puts_back_what_an_undone_correction_changed() -> None:
    # merge undone: the other story is opened again under its old id; a later article stays
    assert restore({"s1": ["a", "b", "n"]}, {"s1": ["a"], "s2": ["b"]}) == {"s1": ["a", "n"], "s2": ["b"]}
    # split undone: back into the story of its own id
    assert restore({"s1": ["a"], "s4": ["b"]}, {"s1": ["a", "b"]}) == {"s1": ["a", "b"]}
    # move undone
    assert restore({"s1": ["a"], "s2": ["x", "b"]}, {"s1": ["a", "b"], "s2": ["x"]}) == {"s1": ["a", "b"], "s2": ["x"]}
    # the old id is taken by another story: a new one
    assert restore({"s1": ["a", "b"], "s2": ["z"]}, {"s1": ["a"], "s2": ["b"]}) == {
        "s1": ["a"],
        "s2": ["z"],
        "s3": ["b"],
    }
