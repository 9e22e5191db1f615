"""The indirect-speech shapes are data (``analyse/quotes/shapes.toml``): read, they are the patterns once written in
Python, and a bad row is refused with the file and what to fix."""

from __future__ import annotations

import json

import pytest

from storyline.analyse.quotes.cues import CLAIM_NOUNS, INDIRECT_FORMS, INFINITIVE_CUES, OBJECT_CUES
from storyline.analyse.quotes.shapes import SHAPES, Shape, load_shapes

# The shapes as they were written in Python before they moved to shapes.toml (word lists sorted, as the matcher
# read them).
_VERB = {"POS": {"IN": ["VERB", "AUX"]}}
_CUE = {"LOWER": {"IN": sorted(INDIRECT_FORMS)}}
_SAID_THING = {"POS": {"IN": ["NOUN", "ADJ", "NUM", "DET"]}, "ENT_TYPE": {"NOT_IN": ["PERSON", "ORG", "GPE", "NORP"]}}

_WRITTEN: tuple[Shape, ...] = (
    Shape(
        "interposed",
        "interposed",
        (
            {"RIGHT_ID": "content", "RIGHT_ATTRS": _VERB},
            {
                "LEFT_ID": "content",
                "REL_OP": ">",
                "RIGHT_ID": "cue",
                "RIGHT_ATTRS": {**_CUE, "DEP": {"IN": ["parataxis", "ccomp", "advcl"]}, "TAG": {"REGEX": "^VB"}},
            },
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
        ),
        "The question of whether to suspend every account, Ms. Levin said, is not so cut and dried.",
    ),
    Shape(
        "that_clause",
        "that_clause",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {**_CUE, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            {
                "LEFT_ID": "cue",
                "REL_OP": ">>",
                "RIGHT_ID": "content",
                "RIGHT_ATTRS": {**_VERB, "DEP": {"IN": ["advcl", "dep", "conj", "parataxis", "relcl", "acl"]}},
            },
            {
                "LEFT_ID": "content",
                "REL_OP": ">--",
                "RIGHT_ID": "that",
                "RIGHT_ATTRS": {"LOWER": "that", "DEP": "mark"},
            },
        ),
        "The mayor said in one of a series of messages on Twitter that the truck was carrying arms.",
    ),
    Shape(
        "as_noted",
        "host",
        (
            {"RIGHT_ID": "content", "RIGHT_ATTRS": _VERB},
            {
                "LEFT_ID": "content",
                "REL_OP": ">",
                "RIGHT_ID": "cue",
                "RIGHT_ATTRS": {**_CUE, "DEP": "advcl", "TAG": {"REGEX": "^VB"}},
            },
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "as", "RIGHT_ATTRS": {"LOWER": "as", "DEP": "mark"}},
        ),
        "As the county clerk noted, the new voting machines had never been tested in a real election.",
    ),
    Shape(
        "object",
        "object",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(OBJECT_CUES)}, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">++", "RIGHT_ID": "content", "RIGHT_ATTRS": {**_SAID_THING, "DEP": "dobj"}},
        ),
        "The governor announced a new plan to rebuild the old harbour bridge on Monday.",
    ),
    Shape(
        "infinitive",
        "subtree",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(INFINITIVE_CUES)}, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">++", "RIGHT_ID": "content", "RIGHT_ATTRS": {"TAG": "VB", "DEP": "xcomp"}},
            {"LEFT_ID": "content", "REL_OP": ">", "RIGHT_ID": "to", "RIGHT_ATTRS": {"LOWER": "to", "DEP": "aux"}},
        ),
        "The coach told his players to stay calm and keep the ball on the ground.",
    ),
    Shape(
        "claim_that",
        "that_clause",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(CLAIM_NOUNS)}, "POS": "NOUN"}},
            {
                "LEFT_ID": "cue",
                "REL_OP": ">++",
                "RIGHT_ID": "content",
                "RIGHT_ATTRS": {**_VERB, "DEP": {"IN": ["acl", "ccomp"]}},
            },
            {
                "LEFT_ID": "content",
                "REL_OP": ">--",
                "RIGHT_ID": "that",
                "RIGHT_ATTRS": {"LOWER": "that", "DEP": "mark"},
            },
        ),
        "The mayor's claim that the new bridge will pay for itself drew laughter in the council chamber.",
    ),
    Shape(
        "gerund",
        "subtree",
        (
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {**_CUE, "TAG": {"REGEX": "^VB"}}},
            {"LEFT_ID": "cue", "REL_OP": ">+", "RIGHT_ID": "content", "RIGHT_ATTRS": {"TAG": "VBG", "DEP": "xcomp"}},
        ),
        "The treasurer reported raising four million dollars in the last quarter of the year.",
    ),
)


def test_the_shapes_read_from_data_are_the_patterns_written_before() -> None:
    assert SHAPES == _WRITTEN
    # the same nodes, attributes and keys in the same order, as the matcher is handed them
    assert json.dumps([s.pattern for s in SHAPES]) == json.dumps([s.pattern for s in _WRITTEN])


_ROW = """
[[shape]]
name = "bad"
extent = "subtree"
example = "The coach told his players to stay calm."

[[shape.node]]
RIGHT_ID = "cue"
RIGHT_ATTRS.LOWER.IN = "{words}"

[[shape.node]]
LEFT_ID = "cue"
REL_OP = ">"
RIGHT_ID = "{content}"
"""


_GOOD = _ROW.format(words="$object_cues", content="content")


def test_a_named_word_set_is_written_out_sorted() -> None:
    (shape,) = load_shapes(_GOOD)
    assert shape.pattern[0]["RIGHT_ATTRS"]["LOWER"]["IN"] == sorted(OBJECT_CUES)


@pytest.mark.parametrize(
    "text, message",
    [
        (_ROW.format(words="$no_such_words", content="content"), "no word set '$no_such_words'"),
        (_ROW.format(words="$object_cues", content="speaker"), "names no content node"),
        (_GOOD.replace("subtree", "clause"), "extent 'clause'"),
        (_GOOD.replace('example = "', 'examples = "'), "missing example"),
        ("[[shape]\n", "not valid TOML"),
    ],
)
def test_a_bad_shape_row_names_the_file_and_the_row(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="shapes.toml") as e:
        load_shapes(text)
    assert message in str(e.value)
