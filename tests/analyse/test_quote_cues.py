"""The cue table (``lexicon/cues.toml``): one row per lemma, its forms and flags; a bad row is refused with the file,
the lemma and what is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.quotes.cues import CUE_FORMS, CUES, INDIRECT_FORMS, PARTICLE_CUES, TRAILING_CUES, cue_table


def test_a_flag_holds_every_form_some_or_none() -> None:
    row = {"forms": "reply replies replied replying", "indirect": "reply replied", "weak": True}
    (cue,) = cue_table({"reply": row})
    assert cue.flags["indirect"] == {"reply", "replied"} and cue.flags["weak"] == set(cue.forms)
    assert cue.flags["strong"] == frozenset() and cue.particle is None


def test_the_sets_are_read_from_the_table() -> None:
    say = next(c for c in CUES if c.lemma == "say")
    assert set(say.forms) <= INDIRECT_FORMS <= CUE_FORMS
    assert "replying" in CUE_FORMS and "replying" not in INDIRECT_FORMS  # a form that reports no content clause
    assert PARTICLE_CUES["pointed"] == "out" and "pointed" not in CUE_FORMS
    assert {"went", "according"} <= TRAILING_CUES


@pytest.mark.parametrize(
    "row, message",
    [
        ({"forms": "say said", "strong": "says"}, "strong names ['says'], not among its forms"),
        ({"forms": "say said", "loud": True}, "unknown keys ['loud']"),
        ({"forms": "say said", "indirect": "said", "object": "say"}, "object names forms that are not indirect"),
        ({"forms": "say said", "weak": 1}, "weak is true, false or forms in a string"),
        ({"forms": ""}, "a row is"),
        ("say said", "a row is"),
        ({"forms": "point", "particle": ["out"]}, "particle is one word"),
    ],
)
def test_a_bad_row_names_the_file_and_the_lemma(row: Any, message: str) -> None:
    with pytest.raises(ValueError, match="lexicon/cues.toml, say") as e:
        cue_table({"say": row})
    assert message in str(e.value)
