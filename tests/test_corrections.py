"""User corrections from the command line and the Python API: each command, the log and undo, and corrections
that survive ingesting more articles and re-clustering everything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clirun import run

from storyline.api import Corpus
from storyline.errors import StorylineError

ARTICLES = {
    "flood1": (
        "Valley News",
        (
            "Floods force thousands from homes in Aldmoor valley\n\nFloods swept the Aldmoor river "
            "valley on Tuesday, forcing thousands of residents from their homes as rescue boats "
            'searched flooded streets, officials said.\n\n"We have never seen water this high," said '
            "Mayor Jana Novak, who ordered the evacuation of three districts.\n"
        ),
    ),
    "flood2": (
        "River Post",
        (
            "Aldmoor floods: thousands evacuated as river bursts banks\n\nThousands of people were "
            "evacuated from the Aldmoor valley on Tuesday after the river burst its banks, Mayor Jana "
            'Novak said. Rescue boats searched flooded streets.\n\n"The water has never been this high," '
            "Novak said.\n"
        ),
    ),
    "budget1": (
        "Capital Times",
        (
            "Parliament passes Brenland budget after long debate\n\nThe Brenland parliament passed the "
            "2024 budget on Tuesday after a twelve-hour debate, Finance Minister Oskar Lind said. The "
            'budget raises spending on schools and hospitals by 4 percent.\n\n"This budget invests in '
            'our children," Lind said.\n'
        ),
    ),
    "budget2": (
        "Brenland Daily",
        (
            "Brenland lawmakers approve budget raising school spending\n\nLawmakers in Brenland approved "
            "the 2024 budget on Tuesday, raising school and hospital spending by 4 percent, Finance "
            'Minister Oskar Lind told reporters.\n\n"We are investing in the future," Lind said.\n'
        ),
    ),
}
MORE = {
    "flood3": (
        "River Post",
        (
            "Aldmoor valley floods leave thousands homeless\n\nRescue boats searched the flooded streets "
            "of the Aldmoor valley on Tuesday as floods forced thousands of residents from their "
            "homes, Mayor Jana Novak said.\n"
        ),
    ),
    "budget3": (
        "Capital Times",
        (
            "Brenland budget passed: schools and hospitals gain\n\nThe Brenland parliament approved the "
            "2024 budget on Tuesday, Finance Minister Oskar Lind said, raising school and hospital "
            "spending by 4 percent.\n"
        ),
    ),
}
PUBLISHED = "2024-05-08"


def write(folder: Path, articles: dict[str, tuple[str, str]]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (_, text) in articles.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def ingest(corpus: Corpus, folder: Path, articles: dict[str, tuple[str, str]]) -> None:
    for name, path in write(folder, articles).items():
        corpus.ingest(path, source=articles[name][0], published=PUBLISHED)


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four articles, analysed once: two flood articles and two budget articles, two stories."""
    root = tmp_path_factory.mktemp("corrections")
    db = root / "base.db"
    with Corpus(db) as corpus:
        ingest(corpus, root / "in", ARTICLES)
    return db


@pytest.fixture
def db(base_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "s.db"
    shutil.copy(base_db, target)
    return target




def ids(corpus: Corpus) -> dict[str, str]:
    """Article name (flood1…) → id."""
    return {Path(a.path).stem: a.id for a in corpus.articles()}


def grouping(db: Path) -> dict[str, set[str]]:
    """Story id → the names of its articles."""
    with Corpus(db) as corpus:
        names = {v: k for k, v in ids(corpus).items()}
        return {s.id: {names[i] for i in s.article_ids} for s in corpus.store.stories()}


def story_of(db: Path, name: str) -> str:
    return next(sid for sid, members in grouping(db).items() if name in members)


def more(db: Path, tmp_path: Path) -> None:
    """Ingest two more articles (one per story) into ``db``."""
    with Corpus(db) as corpus:
        ingest(corpus, tmp_path / "more", MORE)


def recluster(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--db", str(db), "stories", "recluster"], capsys)
    assert code == 0, err
    assert "corrections kept" in out


def test_the_base_corpus_has_a_flood_story_and_a_budget_story(base_db: Path) -> None:
    assert sorted(map(sorted, grouping(base_db).values())) == [["budget1", "budget2"], ["flood1", "flood2"]]


def test_merge_holds_after_more_articles_and_a_reclustering(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flood, budget = story_of(db, "flood1"), story_of(db, "budget1")
    code, out, err = run(["--db", str(db), "stories", "merge", flood, budget], capsys)
    assert code == 0, err
    assert f"merged {budget} into {flood}" in out and "storyline corrections undo 1" in out
    assert grouping(db) == {flood: {"flood1", "flood2", "budget1", "budget2"}}
    more(db, tmp_path)
    assert grouping(db)[flood] >= {"flood1", "flood2", "budget1", "budget2"}
    recluster(db, capsys)
    assert grouping(db)[flood] >= {"flood1", "flood2", "budget1", "budget2"}  # the story keeps its id


def test_split_holds_after_more_articles_and_a_reclustering(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flood = story_of(db, "flood1")
    with Corpus(db) as corpus:
        prefix = ids(corpus)["flood1"][:8]  # an article may be named by the start of its id
    code, out, err = run(["--db", str(db), "stories", "split", flood, prefix], capsys)
    assert code == 0, err
    new = story_of(db, "flood1")
    assert new != flood and f"new story {new}" in out
    assert grouping(db)[flood] == {"flood2"} and grouping(db)[new] == {"flood1"}
    more(db, tmp_path)
    assert story_of(db, "flood1") != story_of(db, "flood2")
    recluster(db, capsys)
    assert story_of(db, "flood1") != story_of(db, "flood2")
    assert story_of(db, "budget1") == story_of(db, "budget2")


def test_move_holds_after_more_articles_and_a_reclustering(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flood, budget = story_of(db, "flood1"), story_of(db, "budget1")
    with Corpus(db) as corpus:
        article = ids(corpus)["budget1"]
    code, out, err = run(["--db", str(db), "articles", "move", article, flood], capsys)
    assert code == 0, err
    assert f"moved article {article} from {budget} to {flood}" in out
    assert grouping(db) == {flood: {"flood1", "flood2", "budget1"}, budget: {"budget2"}}
    more(db, tmp_path)
    recluster(db, capsys)
    assert story_of(db, "budget1") == story_of(db, "flood1") != story_of(db, "budget2")


def test_undo_puts_stories_back_and_the_log_keeps_it(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = grouping(db)
    flood, budget = story_of(db, "flood1"), story_of(db, "budget1")
    assert run(["--db", str(db), "stories", "merge", flood, budget], capsys)[0] == 0
    code, out, err = run(["--db", str(db), "corrections", "list"], capsys)
    assert code == 0 and "merge" in out and "in force" in out
    code, out, err = run(["--db", str(db), "corrections", "undo", "1"], capsys)
    assert code == 0, err
    assert "undone: correction 1" in out
    assert grouping(db) == before  # the same ids too
    code, out, _ = run(["--db", str(db), "corrections", "list", "--json"], capsys)
    (entry,) = json.loads(out)
    assert entry["kind"] == "merge" and entry["undone_at"] and entry["created_at"]
    with Corpus(db) as corpus:
        assert set(entry["data"]["into"]) | set(entry["data"]["from"]) == set(ids(corpus).values())  # article ids
    code, _, err = run(["--db", str(db), "corrections", "undo", "1"], capsys)
    assert code == 2 and "already undone" in err and "E406" in err
    assert json.loads(run(["--db", str(db), "corrections", "list", "--active", "--json"], capsys)[1]) == []


def test_undoing_a_split_after_more_articles_keeps_the_new_ones(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flood = story_of(db, "flood1")
    with Corpus(db) as corpus:
        c, new = corpus.split_story(flood, [ids(corpus)["flood1"]])
    more(db, tmp_path)
    with Corpus(db) as corpus:
        corpus.undo_correction(c.id)
    assert story_of(db, "flood1") == story_of(db, "flood2") == flood
    assert new not in grouping(db) or grouping(db)[new] <= set(MORE)


def test_outlet_rename_counts_one_source_survives_more_articles_and_undoes(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["--db", str(db), "outlets", "rename", "River Post", "Valley News"], capsys)
    assert code == 0, err
    assert "merged outlet 'River Post' into 'Valley News'" in out
    flood = story_of(db, "flood1")
    with Corpus(db) as corpus:
        assert corpus.story(flood).independent_sources == 1
        assert {a.source for a in corpus.story(flood).articles()} == {"Valley News"}
    more(db, tmp_path)  # flood3 comes from River Post too
    code, out, _ = run(["--db", str(db), "outlets", "list", "--json"], capsys)
    outlets = {r["outlet"]: r["articles"] for r in json.loads(out)}
    assert "River Post" not in outlets and outlets["Valley News"] == 3
    assert run(["--db", str(db), "corrections", "undo", "1"], capsys)[0] == 0
    with Corpus(db) as corpus:
        sources = {Path(a.path).stem: (a.source, a.source_how) for a in corpus.articles()}
        assert corpus.story(story_of(db, "flood1")).independent_sources == 2
    assert sources["flood2"] == ("River Post", "user") and sources["flood3"][0] == "River Post"
    code, _, err = run(["--db", str(db), "outlets", "rename", "Nobody", "X"], capsys)
    assert code == 2 and "E405" in err and "Valley News" in err


def test_a_claim_marked_wrong_stays_hidden_after_more_articles(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flood = story_of(db, "flood1")
    code, out, _ = run(["--db", str(db), "claims", "list", flood, "--json"], capsys)
    claims = json.loads(out)
    facts = [c for c in claims if c["kind"] == "fact"]
    assert facts, claims
    wrong = facts[0]
    code, out, err = run(["--db", str(db), "claims", "wrong", wrong["id"]], capsys)
    assert code == 0, err
    shown = json.loads(run(["--db", str(db), "claims", "list", flood, "--json"], capsys)[1])
    assert wrong["text"] not in [c["text"] for c in shown]
    dossier = json.loads(run(["--db", str(db), "dossier", flood, "--format", "json"], capsys)[1])
    assert wrong["text"] not in [c["text"] for c in dossier["claims"]]
    assert wrong["id"] not in [r["claim_id"] for r in dossier["matrix"]["rows"]]
    more(db, tmp_path)
    shown = json.loads(run(["--db", str(db), "claims", "list", story_of(db, "flood1"), "--json"], capsys)[1])
    assert all(c["support"][0] not in wrong["support"] for c in shown if c["kind"] == "fact")
    export = json.loads(run(["--db", str(db), "export"], capsys)[1])
    assert wrong["text"] not in [c["text"] for c in export.get("claims", [])]
    assert run(["--db", str(db), "corrections", "undo", "1"], capsys)[0] == 0
    shown = json.loads(run(["--db", str(db), "claims", "list", story_of(db, "flood1"), "--json"], capsys)[1])
    assert any(set(map(json.dumps, c["support"])) & set(map(json.dumps, wrong["support"])) for c in shown)


def test_one_alignment_marked_wrong_leaves_its_row(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flood = story_of(db, "flood1")
    with Corpus(db) as corpus:
        claim = next(c for c in corpus.story(flood).claims if c.kind == "fact")
        article = claim.support[-1].article_id
        c = corpus.mark_claim_wrong(claim.id, article[:8])
        assert c.data["article_id"] == article and c.kind == "claim"
        for shown in corpus.story(flood).claims:  # the row went (one source left), or goes on without it
            assert not (shown.text == claim.text and article in {x.article_id for x in shown.support})
        with pytest.raises(StorylineError, match="E405"):
            corpus.mark_claim_wrong(next(x.id for x in corpus.story(flood).claims), "ffffffffffff")
    code, _, err = run(["--db", str(db), "claims", "wrong", "s99-c1"], capsys)
    assert code == 2 and "E407" in err


def test_a_hidden_quote_leaves_every_dossier(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flood = story_of(db, "flood1")
    code, out, _ = run(["--db", str(db), "quotes", "list", flood, "--json"], capsys)
    quotes = json.loads(out)
    direct = next(q for q in quotes if q["kind"] == "direct")
    code, out, err = run(["--db", str(db), "quotes", "hide", direct["id"]], capsys)
    assert code == 0, err
    assert f"hid quote {direct['id']}" in out
    left = json.loads(run(["--db", str(db), "quotes", "list", flood, "--json"], capsys)[1])
    assert direct["id"] not in [q["id"] for q in left] and len(left) == len(quotes) - 1
    md = run(["--db", str(db), "dossier", flood, "--format", "md"], capsys)[1]
    assert direct["text"] not in md.split("## Quotes", 1)[1].split("##", 1)[0]
    for bad in ("nope", direct["id"].replace(":", ":9"), "0123456789abcdef:1-5"):
        code, _, err = run(["--db", str(db), "quotes", "hide", bad], capsys)
        assert code == 2 and "E407" in err


def test_bad_corrections_are_clear_errors_and_change_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = grouping(db)
    flood, budget = story_of(db, "flood1"), story_of(db, "budget1")
    with Corpus(db) as corpus:
        names = ids(corpus)
    cases = [
        (["stories", "merge", flood, flood], "E405"),
        (["stories", "merge", flood, "s99"], "E401"),
        (["stories", "split", flood, names["budget1"]], "E405"),
        (["stories", "split", flood, names["flood1"], names["flood2"]], "E405"),  # the whole story
        (["articles", "move", names["flood1"], flood], "E405"),  # already there
        (["articles", "move", "0000000000000000", budget], "E404"),
        (["corrections", "undo", "7"], "E406"),
    ]
    for args, code_ in cases:
        code, _, err = run(["--db", str(db), *args], capsys)
        assert code == 2 and code_ in err, (args, err)
    assert grouping(db) == before
    assert json.loads(run(["--db", str(db), "corrections", "list", "--json"], capsys)[1]) == []


def test_a_correction_rebuilds_only_what_changes_and_agrees_with_the_corpus_stages(db: Path) -> None:
    """Each correction rebuilds just the stories it changes; running every corpus stage again changes nothing."""

    def snapshot(corpus: Corpus) -> tuple[str, str]:
        stories = json.dumps([s.to_json() for s in corpus.store.stories()], sort_keys=True)
        articles = json.dumps(sorted((a.id, a.story_id, a.source, a.published) for a in corpus.articles()))
        return stories, articles

    flood, budget = story_of(db, "flood1"), story_of(db, "budget1")
    with Corpus(db) as corpus:
        names = ids(corpus)
        steps = [
            lambda: corpus.merge_stories(flood, budget),
            lambda: corpus.split_story(flood, [names["flood1"]]),
            lambda: corpus.move_article(names["budget2"], story_of(db, "flood1")),
            lambda: corpus.rename_outlet("River Post", "Valley News"),
            *[lambda k=k: corpus.undo_correction(k) for k in (4, 2, 3, 1)],
        ]
        for step in steps:
            step()
            done = snapshot(corpus)
            corpus.rebuild()
            assert snapshot(corpus) == done
        assert corpus.store.check() == []


def test_check_reports_stories_that_do_not_keep_a_correction_and_repair_fixes_them(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.api import check

    flood, budget = story_of(db, "flood1"), story_of(db, "budget1")
    with Corpus(db) as corpus:
        before = {s.id: list(s.article_ids) for s in corpus.store.stories()}
        corpus.merge_stories(flood, budget)
        assert check(corpus) == ([], [])
        corpus._write_assignment(before)  # as an older Storyline, unaware of corrections, would leave them
        problems, _ = check(corpus)
        assert any("not keep the corrections" in p for p in problems)
    code, _, err = run(["--db", str(db), "check", "--repair"], capsys)
    assert code == 0, err
    assert grouping(db) == {flood: {"flood1", "flood2", "budget1", "budget2"}}
