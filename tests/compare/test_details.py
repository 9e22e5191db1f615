"""The part check (compare.details) and the same-speaker rule (claims.SAME_SPEAKER_UNCLEAR): a row member that
says only part of the row's wording is "unclear", not ✓; an article giving the row's speaker's words is never
shown leaving the row out. Made-up articles."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import numpy as np
import pytest

from storyline.compare import claims, details
from storyline.compare.claims import build_claims, opens_with_pronoun, story_units
from storyline.compare.matrix import claim_matrix
from storyline.model import Article, Mention, NumberMention, Sentence, Statement

#: (text, figure written in it or "", said by or None) of each sentence
Line = tuple[str, str, str | None]
FULL = ("The harbour board approved a budget of 40 million for the new quay", "40 million", None)
PART = ("The harbour board approved a budget for the new quay", "", None)
HE = ("He approved a budget of 40 million for the new quay", "40 million", None)
WEATHER = ("Heavy rain closed the old ferry terminal for the whole weekend", "", None)
QUOTE = ("The quay will open in the spring, said Inspector Dana Holt", "", "Inspector Dana Holt")
PARAPHRASE = ("Holt said work on the pier was running late because of the floods", "", "Holt")
#: Speakers the made-up articles name as no person.
NO_PERSON = frozenset({"police", "Police"})
UNNAMED = ("Police said work on the pier was running late because of the floods", "", "Police")


def _article(aid: str, *lines: Line) -> Article:
    text, sents, statements, numbers, mentions = "", [], [], [], []
    for k, (words, figure, said_by) in enumerate(lines):
        start = len(text)
        lemmas = [w.lower() for w in words.split() if len(w) > 3]
        statements.append(
            Statement(start, start + len(words), k, "approve", subject="x", said_by=said_by, lemmas=lemmas)
        )
        name = (said_by or "").split()[-1] if said_by else ""
        if name and name not in NO_PERSON and name in words:  # the speaker's name: a person the article names
            at = start + words.index(name)
            mentions.append(Mention(at, at + len(name), name, "PERSON"))
        if figure:
            at = start + words.index(figure)
            numbers.append(NumberMention(at, at + len(figure), figure, 40e6, kind="count"))
        text += words + ". "
        sents.append(Sentence(start, len(text) - 1))
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=f"Outlet {aid}")
    a.sentences, a.statements, a.numbers, a.mentions = sents, statements, numbers, mentions
    return a


@pytest.fixture
def checks_on() -> Iterator[None]:
    kept = details.ENABLED, claims.SAME_SPEAKER_UNCLEAR
    details.ENABLED, claims.SAME_SPEAKER_UNCLEAR = True, True
    yield
    details.ENABLED, claims.SAME_SPEAKER_UNCLEAR = kept


def _row(arts: list[Article], same: set[str], below: float = 0.0) -> dict[str, object]:
    """The matrix row of the sentences in ``same`` (they align at 0.99, or 0.95 with a sentence other than the
    first's, so that the first words the row; others at 0.01)."""
    units = story_units(arts, "sentence")
    first = units[0].text.rstrip(".")
    inside = [u.text.rstrip(".") in same for u in units]
    main = [u.text.rstrip(".") == first for u in units]
    p = np.array(
        [
            [(0.99 if ma and mb else 0.95) if a and b else 0.01 for b, mb in zip(inside, main, strict=True)]
            for a, ma in zip(inside, main, strict=True)
        ]
    )
    cs = build_claims(
        "s", arts, 0.9, units, prob=p, omission_below=below, complement=2.0, duplicate=2.0, lift_below=2.0,
        clause_threshold=2.0, cell_bar=2.0, omission_bar=2.0,
    )  # fmt: skip
    rows = claim_matrix(cs, arts)["rows"]
    assert isinstance(rows, list)
    return next(r for r in rows if r["text"].startswith(first[:10]))


def _status(row: dict[str, object]) -> dict[str, str]:
    cells = row["cells"]
    assert isinstance(cells, list)
    return {c["outlet"]: c["status"] for c in cells}


def test_a_figure_is_held_by_an_agreeing_figure_or_by_its_number_as_written() -> None:
    n = NumberMention(0, 10, "40 million", 40e6, kind="count")
    assert details.held(n, [NumberMention(0, 3, "40m", 40e6, kind="count")], "")
    assert details.held(n, [], "a quay budget of 40 million")
    assert not details.held(n, [NumberMention(0, 2, "12", 12.0, kind="count")], "twelve berths")
    assert details.held(NumberMention(0, 4, "five", 5.0), [], "in the five sailings")


def test_a_member_says_part_when_it_leaves_a_figure_out_or_opens_with_a_pronoun() -> None:
    def unit(text: str, *numbers: NumberMention) -> SimpleNamespace:
        return SimpleNamespace(text=text, numbers=list(numbers))

    forty = NumberMention(0, 10, "40 million", 40e6, kind="count")
    base = unit(FULL[0], forty)
    assert not details.says_part(base, unit(FULL[0], forty), opens_with_pronoun)
    assert details.says_part(base, unit(PART[0]), opens_with_pronoun)
    assert details.says_part(base, unit(HE[0], forty), opens_with_pronoun)
    assert not details.says_part(unit(HE[0], forty), unit(HE[0], forty), opens_with_pronoun)  # both "he"
    # a duration is not a figure of the fact ("for 15 minutes")
    assert not details.says_part(
        unit(FULL[0], NumberMention(0, 2, "15", 15.0, kind="duration")), unit(PART[0]), opens_with_pronoun
    )


@pytest.mark.usefixtures("checks_on")
def test_a_member_leaving_the_figure_out_is_unclear_and_points_to_its_sentence() -> None:
    arts = [_article("a", FULL, WEATHER), _article("b", FULL, WEATHER), _article("c", PART, WEATHER)]
    row = _row(arts, {FULL[0], PART[0]})
    assert _status(row) == {"Outlet a": "reported", "Outlet b": "reported", "Outlet c": "unclear"}
    cells = row["cells"]
    assert isinstance(cells, list)
    near = next(c for c in cells if c["outlet"] == "Outlet c")["near"]
    assert [x["article_id"] for x in near] == ["c"]
    details.ENABLED = False
    assert _status(_row(arts, {FULL[0], PART[0]}))["Outlet c"] == "reported"


@pytest.mark.usefixtures("checks_on")
def test_a_member_that_says_he_for_the_named_subject_is_unclear() -> None:
    arts = [_article("a", FULL, WEATHER), _article("b", FULL, WEATHER), _article("c", HE, WEATHER)]
    assert _status(_row(arts, {FULL[0], HE[0]}))["Outlet c"] == "unclear"


@pytest.mark.usefixtures("checks_on")
def test_an_article_giving_the_speakers_words_is_not_shown_leaving_the_quote_out() -> None:
    arts = [
        _article("a", QUOTE, WEATHER),
        _article("b", QUOTE, WEATHER),
        _article("c", PARAPHRASE, WEATHER),  # Holt's words, none of them the quote's
        _article("d", WEATHER, PART),  # Holt not heard
    ]
    row = _row(arts, {QUOTE[0]}, below=0.05)
    assert _status(row) == {
        "Outlet a": "reported",
        "Outlet b": "reported",
        "Outlet c": "unclear",
        "Outlet d": "not reported",
    }
    claims.SAME_SPEAKER_UNCLEAR = False
    assert _status(_row(arts, {QUOTE[0]}, below=0.05))["Outlet c"] == "not reported"


@pytest.mark.usefixtures("checks_on")
def test_a_speaker_the_article_names_as_no_person_does_not_count() -> None:
    quote = ("The quay will open in the spring, police said", "", "police")
    arts = [_article("a", quote, WEATHER), _article("b", quote, WEATHER), _article("c", UNNAMED, WEATHER)]
    assert _status(_row(arts, {quote[0]}, below=0.05))["Outlet c"] == "not reported"


def test_an_article_whose_member_says_he_is_shown_by_its_sentence_that_says_the_whole() -> None:
    whole = ("The harbour board says it approved a budget of 40 million for the new quay", "40 million", None)
    arts = [_article("a", FULL, WEATHER), _article("b", FULL, WEATHER), _article("c", HE, whole)]
    units = story_units(arts, "sentence")
    assert [u.article.id for u in units] == ["a", "a", "b", "b", "c", "c"]
    p = np.full((6, 6), 0.01)
    for i in (0, 2, 4, 5):
        for j in (0, 2, 4, 5):
            p[i, j] = 0.99
    he = {("c", units[4].start)}
    found = claims._whole(units, [0, 2, 4], he, units[0], {"c"}, p, 0.9, ())
    assert [u.text.rstrip(".") for u in found] == [whole[0]]
    assert claims._whole(units, [0, 2, 4], he, units[0], {"c"}, p, 0.9, {5}) == []  # another row's sentence
    p[5, [0, 2]] = 0.5
    assert claims._whole(units, [0, 2, 4], he, units[0], {"c"}, p, 0.9, ()) == []  # not at the row's bar
