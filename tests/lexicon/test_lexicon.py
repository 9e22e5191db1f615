"""The lexicon package: every list loads, names are unique, lookups fail loudly."""

from __future__ import annotations

import pytest

from storyline import lexicon


def test_every_list_loads() -> None:
    names = lexicon.lists()
    assert names
    for name in names:
        value = lexicon._value(name)
        if isinstance(value, dict):
            assert lexicon.table(name)
        else:
            assert lexicon.ordered(name), name
            assert lexicon.words(name) == frozenset(lexicon.ordered(name))


def test_unknown_names_fail_loudly() -> None:
    with pytest.raises(KeyError, match="nofile"):
        lexicon.words("nofile.list")
    with pytest.raises(KeyError, match="speech.nolist"):
        lexicon.words("speech.nolist")


def test_stem_is_lower_case_and_drops_possessives() -> None:
    assert lexicon.stem("Taiwan’s") == lexicon.stem("taiwan")
