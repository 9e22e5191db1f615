"""The relations between lists that the rules rely on: a list that is a part of another stays a part of it."""

from __future__ import annotations

from storyline import lexicon


def test_calendar_lists_are_complete() -> None:
    months = lexicon.ordered("time.months")
    assert len(months) == 12 and len(lexicon.ordered("time.weekdays")) == 7
    assert list(lexicon.table("time.month_short")) == list(months)  # one row per month, in calendar order


def test_number_words_carry_their_values_by_place() -> None:
    units, tens = lexicon.ordered("numbers.units"), lexicon.ordered("numbers.tens")
    assert (units[0], units[9], units[-1], len(units)) == ("one", "ten", "nineteen", 19)
    assert (tens[0], tens[-1], len(tens)) == ("twenty", "ninety", 8)


def test_duration_hedges_are_approximators() -> None:
    assert set(lexicon.ordered("numbers.duration_approximators")) <= set(lexicon.table("numbers.approximators"))


def test_the_cue_table_holds_each_form_once_and_the_speech_lists_are_its_parts() -> None:
    from storyline.analyse.quotes import cues as quote_cues

    rows = quote_cues.CUES
    forms = [w for cue in rows for w in cue.forms]
    assert len(forms) == len(set(forms))  # each form in one row
    reporting = quote_cues.REPORTING_LEMMAS
    assert all(cue.lemma in cue.forms for cue in rows if cue.lemma in reporting)  # a reporting verb's lemma is a form
    assert lexicon.words("speech.verbs") <= quote_cues.INDIRECT_FORMS  # the entity rule's speech verbs
    assert lexicon.words("speech.pattern_verbs") <= reporting  # the event patterns' speakers: lemmas
    assert "ask" in reporting and not lexicon.words("speech.thinking") & reporting
    assert not set(quote_cues.PARTICLE_CUES) & quote_cues.CUE_FORMS  # a particle cue is none without its particle
    assert not lexicon.words("cues.trailing_words") & set(forms)


def test_speech_lemmas_and_cue_forms_are_derived() -> None:
    from storyline.analyse import entities, event_patterns, statements
    from storyline.analyse.quotes import cues as quote_cues

    assert entities.SPEECH_VERBS <= quote_cues.INDIRECT_FORMS <= quote_cues.CUE_FORMS
    assert event_patterns.SPEECH <= statements.SPEECH_LEMMAS
    assert "ask" not in statements.SPEECH_LEMMAS and {"say", "believe"} <= statements.SPEECH_LEMMAS
    assert quote_cues.OBJECT_CUES <= quote_cues.INDIRECT_FORMS and "saying" not in quote_cues.INFINITIVE_CUES


def test_titles_hold_the_offices_and_honorifics() -> None:
    from storyline.analyse import entities
    from storyline.analyse.quotes import cues as quote_cues

    assert entities.ROLE_WORDS <= quote_cues.TITLE_WORDS and entities.HONORIFICS <= quote_cues.TITLE_WORDS
    assert quote_cues.HONORIFICS_M | quote_cues.HONORIFICS_F <= quote_cues.TITLE_WORDS


def test_organisation_words_share_their_heads() -> None:
    from storyline.analyse import entities, entity_types
    from storyline.analyse.quotes import cues as quote_cues

    assert entity_types.ORG_HEADS <= entities.ORG_WORDS and entity_types.ORG_HEADS <= quote_cues.ORG_HEADS
    heads, bodies = lexicon.words("entities.org_heads"), lexicon.words("entities.bodies")
    for more in ("entities.org_name_words", "entities.speaker_org_words"):
        assert not lexicon.words(more) & (heads | bodies), more  # each word in one list only


def test_month_abbreviations_end_no_sentence() -> None:
    from storyline.analyse.quotes import cues as quote_cues

    shorts = {w for short in lexicon.table("time.month_short").values() for w in short.split()}
    assert shorts <= quote_cues.ABBREVIATIONS and shorts <= quote_cues.WEEKDAYS_MONTHS


def test_holiday_pattern_names_every_holiday_whole() -> None:
    import re

    from storyline.analyse.anchors import HOLIDAY_PATTERN, HOLIDAYS

    pattern = re.compile(rf"\b{HOLIDAY_PATTERN}\b")
    for name in HOLIDAYS:  # the names are written once, in the table of rules; the pattern is built from them
        written = " ".join(w if w == "of" else w.capitalize() for w in name.split())
        for text in (written, written.replace("'", "’")):
            m = pattern.search(f"on {text}, they met")
            assert m is not None and m.group("holiday") == text, text
