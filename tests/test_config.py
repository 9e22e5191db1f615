"""The configuration: its layers, its checks, and one value reaching every path a story is built by — the same
setting, from a file or from the environment, gives the same stories by the command line's full run and by an
ingest filed through the corpus index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clirun import run
from seedfiles import copy_seeds

import storyline.api as api
from storyline.api import Corpus
from storyline.compare.story import build_story, story_basis
from storyline.config import KEYS, Config, load_config
from storyline.errors import StorylineError
from storyline.model import Article, Mention, Quote, Story
from storyline.pipeline import analyse_cleaned, link_speakers

#: Settings a reader sees: fewer key sentences, and only statements the model is nearly sure of share a row.
SETTINGS = {"summary.key_sentences": "2", "compare.align_threshold": "0.85"}


def _env(settings: dict[str, str]) -> dict[str, str]:
    return {"STORYLINE_" + k.replace(".", "_").upper(): v for k, v in settings.items()}


def _toml(settings: dict[str, str], path: Path, **more: str) -> Path:
    sections: dict[str, list[str]] = {}
    for key, value in {**settings, **more}.items():
        section, name = key.split(".", 1)
        sections.setdefault(section, []).append(f"{name} = {value}")
    path.write_text("".join(f"[{s}]\n" + "\n".join(lines) + "\n" for s, lines in sections.items()), encoding="utf-8")
    return path


def test_layers_later_wins(tmp_path: Path) -> None:
    file = _toml({"summary.words": "40", "compare.near_shown": "0.7"}, tmp_path / "storyline.toml")
    cfg = load_config(file, env={"STORYLINE_SUMMARY_WORDS": "60"}, overrides={"compare.duplicate": 0.5})
    assert (cfg.summary_words, cfg.compare_near_shown, cfg.compare_duplicate) == (60, 0.7, 0.5)
    assert cfg.compare_align_threshold == 0.0  # 0: the value fitted with the model


@pytest.mark.parametrize("value", ["-0.1", "nan", "inf", "high"])
def test_a_bad_threshold_is_refused_naming_the_key(value: str) -> None:
    with pytest.raises(StorylineError, match="compare.align_threshold") as exc:
        load_config(env={"STORYLINE_COMPARE_ALIGN_THRESHOLD": value})
    assert exc.value.code == "E501"


@pytest.mark.parametrize(
    ("key", "value", "ok"), [("cluster.max_days_apart", "0", True), ("nlp.batch_size", "0", False)]
)
def test_zero_is_a_value_only_where_it_is_the_default_the_fitted_one(key: str, value: str, ok: bool) -> None:
    env = {"STORYLINE_" + key.replace(".", "_").upper(): value}
    if ok:
        assert getattr(load_config(env=env), KEYS[key]) == 0
    else:
        with pytest.raises(StorylineError, match=key):
            load_config(env=env)
    with pytest.raises(StorylineError, match=key):
        load_config(env={**env, next(iter(env)): "-1"})


def test_every_key_has_an_environment_variable_and_a_default() -> None:
    env = {"STORYLINE_" + k.replace(".", "_").upper(): "1" for k in KEYS if k != "nlp.model"}
    cfg = load_config(env=env)
    assert all(getattr(cfg, name) in (1, True) for key, name in KEYS.items() if key != "nlp.model")


def _built(story: Story) -> tuple[list[str], ...]:
    """What the settings shape, in the story's order (both paths read its articles in one order)."""
    claims = [f"{c.kind}: {c.text} {[x.article_id for x in c.support]}" for c in story.claims]
    return list(story.article_ids), claims, [s.text for s in story.key_sentences], [s.text for s in story.summary]


def test_a_setting_gives_the_same_stories_by_the_command_line_and_by_the_index(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the command line's full run, the settings from the environment
    for name, value in _env(SETTINGS).items():
        monkeypatch.setenv(name, value)
    both = copy_seeds(seeds_dir, tmp_path / "all", ("000", "001", "002"))
    code, _, err = run(["--db", str(tmp_path / "cli.db"), "analyze", str(both), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    monkeypatch.undo()
    # the index, the settings from storyline.toml: two articles at once (a full run writes the index), then the
    # third filed through it (the full corpus stages are an error then)
    cfg = load_config(_toml(SETTINGS, tmp_path / "storyline.toml", **{"corpus.incremental_from": "1"}), env={})
    with Corpus(tmp_path / "index.db", cfg) as indexed, Corpus(tmp_path / "cli.db", Config()) as by_cli:
        indexed.ingest([copy_seeds(seeds_dir, tmp_path / "first", ("000", "002"))])

        def no_full_run(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("the full corpus stages ran")

        monkeypatch.setattr(api, "corpus_stages", no_full_run)
        assert indexed.ingest([copy_seeds(seeds_dir, tmp_path / "third", ("001",))]).added
        monkeypatch.undo()
        stories = by_cli.store.stories()
        assert [_built(s) for s in stories] == [_built(s) for s in indexed.store.stories()]
        # and the settings took effect: the defaults build these stories otherwise
        story = max(stories, key=lambda s: len(s.article_ids))
        members = by_cli.store.articles(story.article_ids)
        default = build_story(story.id, members, by_cli.store.entities())
        assert len(story.key_sentences) == 2 < len(default.key_sentences)
        facts = [c.text for c in story.claims if c.kind == "fact"]
        assert len(facts) > len([c for c in default.claims if c.kind == "fact"])  # a lower bar than the model's
        assert story.basis != default.basis == story_basis(members)


def test_the_title_case_ratio_reaches_the_analysis(nlp: Any) -> None:
    text = "China Japan Diplomatic Row Deepens Over Taiwan\n\nBeijing summoned the Japanese envoy on Monday.\n"

    def headline_mentions(cfg: Config) -> list[str]:
        (a,) = analyse_cleaned([Article(id="a", path="a.txt", raw=text, text=text)], cfg, nlp)
        return [m.text for m in a.mentions if m.titlecase]

    assert headline_mentions(Config())
    assert headline_mentions(Config(entities_titlecase_ratio=1.01)) == []


def test_the_speaker_share_reaches_the_speaker_link() -> None:
    from storyline.model import Entity

    text = "US officials said it was over."
    mention = Mention(start=0, end=2, text="US", label="GPE", entity_id="gpe:us")

    def speaker(share: float | None) -> str | None:
        quote = Quote(
            start=17,
            end=29,
            text="it was over",
            kind="indirect",
            speaker="US officials",
            speaker_start=0,
            speaker_end=12,
        )
        a = Article(id="a", path="a.txt", raw=text, text=text, mentions=[mention], quotes=[quote])
        link_speakers([a], [Entity(id="gpe:us", name="United States", type="GPE")], share)
        return a.quotes[0].speaker_entity_id

    assert speaker(None) is None  # "US officials" is not the United States
    assert speaker(0.1) == "gpe:us"
