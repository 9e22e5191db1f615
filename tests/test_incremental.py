"""The corpus stages by the index (storyline.incremental): a small ingest into an indexed store files its articles
as the full run files them, reads only what they touch, and keeps the stored dossiers true to their stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from seedfiles import copy_seeds

import storyline.api as api
from storyline.api import Corpus
from storyline.config import Config
from storyline.render.dossier import build_dossier
from storyline.store.listing import StoryQuery

INDEXED = Config(corpus_incremental_from=1)  # every store keeps an index, so every small ingest uses it


def _grouping(corpus: Corpus) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in corpus.stories}


def _live(corpus: Corpus, sid: str) -> dict[str, Any]:
    story = corpus.store.get_story(sid)
    assert story is not None
    members = corpus.store.articles(story.article_ids)
    named = {m.entity_id for a in members for m in a.mentions if m.entity_id}
    return build_dossier(story, members, corpus.store.get_entities(named))


@pytest.fixture
def one_by_one(seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Corpus:
    """Seeds 000 and 002 ingested at once (a full run, which writes the index), then 001, 003 and 004 one at a
    time, each filed by the index: the full corpus stages and a read of every article are errors then."""
    first = copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))
    corpus = Corpus(tmp_path / "s.db", INDEXED)
    corpus.ingest([first])
    assert corpus.store.get_meta("corpus_index") == "2" and corpus.store.index_size("profile") == 2

    def no_full_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the full corpus stages ran")

    real_articles = type(corpus.store).articles

    def articles(store: Any, ids: Any = None) -> Any:
        assert ids is not None, "every stored article was read"
        return real_articles(store, ids)

    monkeypatch.setattr(api, "corpus_stages", no_full_run)
    monkeypatch.setattr(type(corpus.store), "articles", articles)
    for prefix in ("001", "003", "004"):
        rep = corpus.ingest([copy_seeds(seeds_dir, tmp_path / prefix, (prefix,))])
        assert len(rep.added) == 1 and corpus.store.unindexed_articles() == []
    monkeypatch.undo()
    yield corpus
    corpus.close()


def test_one_at_a_time_by_the_index_groups_as_the_full_run(one_by_one: Corpus, seed_corpus: Any) -> None:
    assert _grouping(one_by_one) == _grouping(seed_corpus)
    assert {s.title for s in one_by_one.stories} == {s.title for s in seed_corpus.stories}
    assert one_by_one.store.corpus_built() and one_by_one.store.check() == []
    people = {e.name for e in one_by_one.entities() if e.type == "PERSON"}
    assert {"Xi Jinping", "Donald Trump"} <= people  # later articles' "Xi", "Trump" filed under the full names


def test_every_story_has_its_dossier_stored_as_it_would_be_built(one_by_one: Corpus) -> None:
    for s in one_by_one.store.stories():
        stored = one_by_one.store.get_dossier(s)
        assert stored is not None, s.id
        assert stored == _live(one_by_one, s.id)


def test_a_correction_forgets_the_dossier_it_changes(one_by_one: Corpus) -> None:
    story = max(one_by_one.store.stories(), key=lambda s: len(s.article_ids))
    aid = story.article_ids[0]
    one_by_one.set_article(aid, source="Corrected Wire")
    now = one_by_one.store.get_story(story.id)
    assert now is not None
    shown = one_by_one.story(story.id).dossier("dict")
    assert "Corrected Wire" in shown["story"]["outlets"]
    assert one_by_one.store.get_dossier(now) in (None, shown)  # never the one built before the correction


def test_a_hidden_quote_is_never_served_from_the_stored_dossier(one_by_one: Corpus) -> None:
    story = next(s for s in one_by_one.store.stories() if any(q for a in one_by_one.store.articles(s.article_ids)
                                                              for q in a.quotes))  # fmt: skip
    a = next(a for a in one_by_one.store.articles(story.article_ids) if a.quotes)
    q = a.quotes[0]
    one_by_one.hide_quote(f"{a.id}:{q.start}-{q.end}")
    quotes = one_by_one.story(story.id).dossier("dict")["quotes"]
    assert all((x["cite"]["article_id"], x["cite"]["start"]) != (a.id, q.start) for x in quotes)


def test_a_copy_is_found_by_its_buckets_either_way_round(seeds_dir: Path, tmp_path: Path) -> None:
    """A later reprint is the copy; an earlier one makes the stored text the copy (the earliest is the original)."""
    src = next(f for f in sorted(seeds_dir.iterdir()) if f.name.startswith("000"))
    text = src.read_text(encoding="utf-8")
    with Corpus(tmp_path / "c.db", INDEXED) as c:
        c.ingest([copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))])
        (orig,) = [a for a in c.articles() if a.path.endswith(src.name)]
        later = tmp_path / "later.txt"
        later.write_text(text + "\nReprinted with permission.\n", encoding="utf-8")
        c.ingest([later], published="2030-01-01")
        (copy,) = [a for a in c.articles() if a.path.endswith("later.txt")]
        assert copy.duplicate_of == orig.id
        earlier = tmp_path / "earlier.txt"
        earlier.write_text(text + "\nFirst printed here.\n", encoding="utf-8")
        c.ingest([earlier], published="1999-01-01")
        by_path = {Path(a.path).name: a for a in c.articles()}
        first = by_path["earlier.txt"]
        assert first.duplicate_of is None
        assert by_path[src.name].duplicate_of == first.id and by_path["later.txt"].duplicate_of == first.id


def test_stories_and_entities_are_listed_a_page_at_a_time(seed_corpus: Any) -> None:
    store = seed_corpus.store
    rows, total = store.list_stories(None, 0, 1)
    rest, same = store.list_stories(None, 1, 10)
    assert total == same == len(store.story_ids()) and len(rows) == 1
    assert [r.id for r in rows + rest] == store.story_ids()
    assert sum(r.articles for r in rows + rest) == store.article_count()
    nov, n = store.list_stories(StoryQuery(date_from="2025-11-01"), 0, 10)
    assert n == 1 and nov[0].event_date == "2025-11-24" and "Bloomberg" in nov[0].outlets
    assert store.list_stories(StoryQuery(outlet="Bloomberg"), 0, 10)[0] == nov
    xi = store.list_entities("PERSON", "xi", 0, 5)[0]
    assert xi and xi[0].name == "Xi Jinping" and xi[0].mentions >= 4
    two, total = store.list_entities("", "", 0, 2)
    assert len(two) == 2 and total == len(store.entities()) and two[0].mentions >= two[1].mentions


def test_streamed_filing_meets_only_the_neighbourhood_it_loaded() -> None:
    """Filing many new articles one at a time moves the frequencies, and with them the best candidates, onto
    articles the neighbourhood did not load (their stories are not read): they are not candidates."""
    from storyline import incremental
    from storyline.compare.storyindex import WEEK, StoryIndex
    from storyline.compare.storypairs import Profile

    day = 740_000
    stored = Profile("a", {"flood": 2}, {"flood": 1}, participants={"ORG:acme"}, event=(day, day))
    new = Profile("n", {"flood": 1}, {"flood": 1}, participants={"ORG:acme"}, event=(day, day))
    index = StoryIndex(incremental.cluster_config(Config()))
    index.stats.add(stored)
    for key in index._keys(new):
        index.postings[key][day // WEEK] += ["outside", "a"]  # "outside": in the index, not in the neighbourhood
    got = incremental._stream([], {"n": new}, {"a": stored}, {"s1": ["a"]}, index, None, top=1)
    assert sorted(i for ids in got.values() for i in ids) == ["a", "n"]


def _count_profiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the index profiles from here on, in order."""
    import storyline.incremental as incremental

    profiled: list[str] = []
    real_profile = incremental.profile

    def counted(a: Any, *args: Any) -> Any:
        profiled.append(a.id)
        return real_profile(a, *args)

    monkeypatch.setattr(incremental, "profile", counted)
    return profiled


def test_a_profile_stored_by_an_earlier_version_is_read_again_from_its_article(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored profile lacking a feature added since would score it as nothing: its article is profiled again."""
    import storyline.incremental as incremental

    with Corpus(tmp_path / "p.db", INDEXED) as c:
        c.ingest([copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))])
        stored = {a.id for a in c.articles()}
        profiled = _count_profiles(monkeypatch)
        monkeypatch.setattr(incremental, "_PROFILE_FIELDS", incremental._PROFILE_FIELDS | {"a_later_feature"})
        c.ingest([copy_seeds(seeds_dir, tmp_path / "more", ("004",))])
        monkeypatch.undo()
        assert stored <= set(profiled)  # the stale profiles were read again from their articles
        assert any(len(s.article_ids) == 3 for s in c.stories)  # and the new article joined their story


def test_a_stale_profile_made_again_is_stored_and_files_as_a_current_one(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile stored without a feature added since is made again from its article once: stored then, so the
    next ingest that meets it reads no article; the stories are those the current profiles give."""
    import json

    import storyline.incremental as incremental
    from storyline.compare.storypairs import profile, profile_to_json

    stories: dict[str, list[dict[str, Any]]] = {}
    for name in ("current", "stale"):
        with Corpus(tmp_path / f"{name}.db", INDEXED) as c:
            c.ingest([copy_seeds(seeds_dir, tmp_path / f"{name}-first", ("000", "002"))])
            ids = [a.id for a in c.articles()]
            if name == "stale":  # as an earlier version stored them: without the lead's actions
                rows = c.store.index_rows("profile", ids)
                older = [(k, r, json.dumps(_without(json.loads(v or "{}"), "lead_actions")), n) for k, r, v, n in rows]
                c.store.put_index("profile", older)
            c.ingest([copy_seeds(seeds_dir, tmp_path / f"{name}-more", ("004",))])
            stories[name] = [s.to_json() for s in c.stories]
    assert stories["stale"] == stories["current"]
    with Corpus(tmp_path / "stale.db", INDEXED) as c:
        lead = incremental.cluster_config(c.config).lead_paragraphs
        by_id = {a.id: a for a in c.articles()}
        for k, _, v, _ in c.store.index_rows("profile", ids):
            assert json.loads(v or "{}") == profile_to_json(profile(by_id[k], lead))
        profiled = _count_profiles(monkeypatch)
        seed = next(f for f in sorted(seeds_dir.iterdir()) if f.name.startswith("004"))
        (tmp_path / "last").mkdir()
        (tmp_path / "last" / "004-again.txt").write_text(seed.read_text(encoding="utf-8") + "\nMore is expected.\n")
        rep = c.ingest([tmp_path / "last"])
        assert set(profiled) == set(rep.added)  # the new article's alone (made again once its story dated it)
        assert any(set(ids) < set(s.article_ids) for s in c.stories)  # it met them: it joined their story


def _without(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != key}


def test_a_profile_lacking_only_features_of_the_lead_is_filled_from_the_lead(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored profile lacking only features read from the lead (incremental.FILLERS) is filled from the
    article's lead, read without the rest of the article: the same profile as made again from the whole article;
    one lacking another feature is made again from its article."""
    import storyline.incremental as incremental
    from storyline.compare.storypairs import profile, profile_to_json

    folder = copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))
    (folder / "summit.txt").write_text(
        "The Aldmoor flood summit opened on Monday, a year after the earthquake that struck the valley.\n\n"
        "Mayor Jana Novak said the summit would agree on new dams before the spring floods.\n",
        encoding="utf-8",
    )
    with Corpus(tmp_path / "s.db", INDEXED) as c:
        c.ingest([folder])
        by_id = {a.id: a for a in c.articles()}
        ids = sorted(by_id)
        gone = {k: "lead_actions" if k == ids[0] else "lead_happenings" for k in ids}
        rows = c.store.index_rows("profile", ids)
        c.store.put_index(
            "profile", [(k, r, json.dumps(_without(json.loads(v or "{}"), gone[k])), n) for k, r, v, n in rows]
        )
        profiled = _count_profiles(monkeypatch)
        ccfg = incremental.cluster_config(c.config)
        out = incremental.Update()
        got = incremental._stored_profiles(c.store, ids, ccfg, out)
    want = {k: profile_to_json(profile(a, ccfg.lead_paragraphs)) for k, a in by_id.items()}
    assert profiled == [ids[0]] and any(want[k]["lead_happenings"] for k in ids[1:])
    assert {k: profile_to_json(p) for k, p in got.items()} == want
    assert {k: json.loads(v) for k, v in out.refreshed.items()} == want


def test_stored_profiles_are_filled_at_once_as_an_ingest_would_fill_them(seeds_dir: Path, tmp_path: Path) -> None:
    """fill_profiles writes every stale stored profile as the ingest that met it would (filled from its lead, or
    made again from its article), once: a second run writes none."""
    import storyline.incremental as incremental
    from storyline.compare.storypairs import profile, profile_to_json

    with Corpus(tmp_path / "f.db", INDEXED) as c:
        c.ingest([copy_seeds(seeds_dir, tmp_path / "first", ("000", "002", "004"))])
        by_id = {a.id: a for a in c.articles()}
        ids = sorted(by_id)
        gone = {k: "lead_actions" if k == ids[0] else "lead_happenings" for k in ids[:2]}
        rows = c.store.index_rows("profile", list(gone))
        c.store.put_index(
            "profile", [(k, r, json.dumps(_without(json.loads(v or "{}"), gone[k])), n) for k, r, v, n in rows]
        )
        assert incremental.fill_profiles(c.store, c.config) == 2
        assert incremental.fill_profiles(c.store, c.config) == 0
        lead = incremental.cluster_config(c.config).lead_paragraphs
        got = {k: json.loads(v or "{}") for k, _, v, _ in c.store.index_rows("profile", ids)}
    assert got == {k: profile_to_json(profile(a, lead)) for k, a in by_id.items()}


def test_an_index_an_earlier_version_wrote_is_written_afresh_by_a_full_run(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index whose profiles hold another stemmer's words would not meet new articles' words: the next ingest
    runs the full corpus stages, which write the index again."""
    import storyline.incremental as incremental

    with Corpus(tmp_path / "old.db", INDEXED) as c:
        c.ingest([copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))])
        c.store.set_meta(incremental.INDEX_META, "1")  # written by the version before the lexicon's stemmer
        full_runs: list[int] = []
        real_stages = api.corpus_stages

        def corpus_stages(*args: Any, **kwargs: Any) -> Any:
            full_runs.append(1)
            return real_stages(*args, **kwargs)

        monkeypatch.setattr(api, "corpus_stages", corpus_stages)
        c.ingest([copy_seeds(seeds_dir, tmp_path / "more", ("004",))])
        assert full_runs and c.store.get_meta(incremental.INDEX_META) == incremental.INDEX_WRITTEN
        assert c.store.index_size("profile") == 3


FLOODS = (
    "Floods swept the Aldmoor river valley, forcing thousands of residents from their homes as rescue boats"
    " searched streets.",
    "Rescue boats searched flooded streets in the Aldmoor river valley after floods forced thousands of residents out.",
)
TAILS = (
    "Schools stayed shut.", "Power lines fell near the bridge.", "Volunteers filled sandbags overnight.",
    "The mayor asked for army help.", "Farmers lost their spring crops.", "Trains stopped at the old depot.",
    "Doctors treated dozens for cold.", "Insurers sent assessors to the town.",
)  # fmt: skip


def test_a_story_filed_by_the_index_never_outgrows_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports of one flood three days apart, one ingest each, filed by the index one at a time and scored against
    their story's two members nearest in time: with a 10-day window, the story of the first four takes no fifth
    (12 days after the first), though it is within the window of the members scored. As in the full run's
    clustering of the same articles, no story holds two articles dated further apart than the window."""
    import datetime as dt
    import functools

    import storyline.incremental as incremental
    from storyline.compare.cluster import assign_stories, cluster_config
    from storyline.compare.storyindex import StoryIndex

    cfg = Config(corpus_incremental_from=1, cluster_max_days_apart=10)
    monkeypatch.setattr(incremental, "NEIGHBOURHOOD_LIMIT", 0)  # filed one at a time, never re-clustered
    monkeypatch.setattr(incremental, "StoryIndex", functools.partial(StoryIndex, max_members=2))
    with Corpus(tmp_path / "w.db", cfg) as c:
        for k, tail in enumerate(TAILS):
            f = tmp_path / f"flood-{k}.txt"
            f.write_text(f"{FLOODS[k % 2]} {tail}\n", encoding="utf-8")
            c.ingest([f], published=(dt.date(2024, 5, 1) + dt.timedelta(days=3 * k)).isoformat())
        day = {a.id: int(Path(a.path).stem.split("-")[1]) * 3 for a in c.articles()}
        got = sorted(sorted(day[i] for i in s.article_ids) for s in c.stories)
        batch = sorted(
            sorted(day[i] for i in ids) for ids in assign_stories(c.articles(), {}, cluster_config(cfg)).values()
        )
    assert got == [[0, 3, 6, 9], [12, 15, 18, 21]]
    assert max(g[-1] - g[0] for g in got + batch) <= 10


def test_an_article_a_later_ingest_dates_is_indexed_at_its_new_date(tmp_path: Path) -> None:
    """A stored article with no date ("on Monday" unread) takes its story's date when a dated report joins the
    story by the index: its relative dates are read again, and its profile and postings in the index follow
    (as the full run's index would hold them), not the undated ones stored before."""
    import json

    import storyline.incremental as incremental
    from storyline.compare.storypairs import profile, profile_to_json

    for name, text in (
        ("first", "Floods swept the Aldmoor river valley on Monday, forcing thousands of residents from their homes."),
        ("later", "Rescue boats searched flooded streets in the Aldmoor river valley on Tuesday after the floods."),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"flood-{name}.txt").write_text(text + "\n", encoding="utf-8")
    with Corpus(tmp_path / "d.db", INDEXED) as c:
        c.ingest([tmp_path / "first"])
        (first,) = c.articles()
        (row,) = c.store.index_rows("profile", [first.id])
        assert first.published is None and json.loads(row[2] or "{}")["event"] is None
        c.ingest([tmp_path / "later"], published="2024-05-08")
        by_id = {a.id: a for a in c.articles()}
        assert by_id[first.id].published_how == "inferred" and len(c.stories) == 1
        lead = incremental.cluster_config(c.config).lead_paragraphs
        stored = {k: json.loads(v or "{}") for k, _, v, _ in c.store.index_rows("profile", list(by_id))}
        assert stored == {k: profile_to_json(profile(a, lead)) for k, a in by_id.items()}
        day = profile(by_id[first.id], lead).event
        weeks = {week for _, _, week, _ in c.store.index_refs("posting", [first.id])}
        assert day is not None and weeks == {str(day[0] // 7)}
        rows = incremental.full_index(list(by_id.values()), c.entities(), c.config)
        df = {k: n for k, _, _, n in c.store.index_rows("df", list(rows.counts["df"]))}
        assert df == {k: n for k, n in rows.counts["df"].items() if n}


def test_a_file_ingested_again_with_a_new_date_rebuilds_its_story_not_the_corpus(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a store kept by the corpus index, an ingest that only tells stored articles a new date or outlet
    rebuilds their stories (they keep their articles) without the corpus stages over every article."""
    first = copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))
    with Corpus(tmp_path / "s.db", INDEXED) as corpus:
        corpus.ingest([first])
        before = {s.id: s.article_ids for s in corpus.stories}

        def no_full_run(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("the full corpus stages ran")

        monkeypatch.setattr(api, "corpus_stages", no_full_run)
        rep = corpus.ingest([first], published="2025-11-25", source="Renamed Wire")
        assert len(rep.updated) == 2 and not rep.added
        assert {s.id: s.article_ids for s in corpus.stories} == before
        assert {a.published for a in corpus.articles()} == {"2025-11-25"}
        dossier = corpus.story_dossier(next(iter(before)))
        assert "Renamed Wire" in json.dumps(dossier)


def test_the_seeds_built_later_are_the_seeds_built_in_each_ingest(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeds 000 and 002 at once, then 001, 003 and 004 one at a time by the index, each touched story built
    within its ingest (``now``) or every one left to later and built at the end: the same stories, articles,
    stored profiles, dossiers and export (the files read from the same relative paths). The postings of an
    article re-dated by its story are not compared: they are chosen by the document frequencies read when it
    is indexed again (within the ingest, or at the later build: the same words, other counts)."""
    stored = {}
    for mode in ("now", "later"):
        (tmp_path / mode).mkdir()
        monkeypatch.chdir(tmp_path / mode)
        with Corpus(tmp_path / mode / "s.db", INDEXED) as c:
            c.ingest([copy_seeds(seeds_dir, Path("first"), ("000", "002"))])
            for prefix in ("001", "003", "004"):
                c.ingest([copy_seeds(seeds_dir, Path(prefix), (prefix,))], rebuild=mode)
            assert bool(c.store.stale_stories()) == (mode == "later")
            c.rebuild_stale()
            stories = sorted(c.store.stories(), key=lambda s: s.id)
            ids = [a.id for a in c.articles()]
            stored[mode] = {
                "export": c.export(),
                "dossiers": {s.id: c.store.get_dossier(s) for s in stories},
                "profiles": sorted(c.store.index_rows("profile", ids)),
                "sketches": sorted(c.store.index_rows("sketch", ids)),
            }
    assert stored["later"] == stored["now"]
