"""Entity mentions and their canonical entities across articles."""

from __future__ import annotations

from typing import Any

from storyline.analyse.entities import canonicalize, entity_id, mentions_from_doc
from storyline.model import Article, Mention


def art(aid: str, text: str, mentions: list[tuple[str, str]]) -> Article:
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text)
    pos = 0
    for surface, label in mentions:
        s = text.index(surface, pos)
        a.mentions.append(Mention(s, s + len(surface), surface, label))
        pos = s + len(surface)
    return a


def test_short_forms_and_titles_join_the_full_name() -> None:
    a = art(
        "a",
        "Chinese President Xi Jinping spoke. Mr Xi said no. Xi left.",
        [("Xi Jinping", "PERSON"), ("Xi", "PERSON"), ("Xi", "PERSON")],
    )
    b = art("b", "Xi called again.", [("Xi", "PERSON")])
    ents = canonicalize([a, b])
    xi = [e for e in ents if e.name == "Xi Jinping"]
    assert len(xi) == 1 and len(xi[0].mentions) == 4
    assert "Mr Xi" in xi[0].aliases
    assert {m.entity_id for m in a.mentions + b.mentions} == {xi[0].id}


def test_cross_document_vote_repairs_org_tag_on_a_person() -> None:
    a = art(
        "a",
        "Donald Trump met Xi. Trump said yes. Trump left.",
        [("Donald Trump", "PERSON"), ("Trump", "ORG"), ("Trump", "ORG")],
    )
    b = art("b", "Trump spoke.", [("Trump", "PERSON")])
    ents = canonicalize([a, b])
    trump = next(e for e in ents if e.name == "Donald Trump")
    assert trump.type == "PERSON" and len(trump.mentions) == 4
    assert not [e for e in ents if e.name == "Trump"]


def test_headline_fragment_is_folded_into_the_known_name() -> None:
    a = art(
        "a",
        "Xi Raises Taiwan Issue in Call\n\nXi Jinping spoke. Xi said.",
        [("Xi Raises", "PERSON"), ("Xi Jinping", "PERSON"), ("Xi", "PERSON")],
    )
    a.mentions[0].titlecase = True
    ents = canonicalize([a])
    assert [e.name for e in ents if e.type == "PERSON"] == ["Xi Jinping"]


def test_an_organisations_headline_fragment_is_folded_into_the_known_name() -> None:
    """ "Harbour United Sign" from a title-case headline is "Harbour United", a name the text writes elsewhere; a
    name only headlines write and whose prefix is no name of the text stays as it is."""
    a = art(
        "a",
        "Harbour United Sign Record Keeper\n\nHarbour United paid the fee. The Valmera Ferries said no.",
        [("Harbour United Sign", "ORG"), ("Harbour United", "ORG"), ("Valmera Ferries", "ORG")],
    )
    a.mentions[0].titlecase = True
    ents = canonicalize([a])
    assert sorted((e.name, len(e.mentions)) for e in ents) == [("Harbour United", 2), ("Valmera Ferries", 1)]
    # a name only headlines write, one of whose words the text writes in a name elsewhere, stays as it is
    b = art(
        "b",
        "Valmera Record Keeper Signs\n\nThe Valmera Ferries paid the fee.",
        [("Valmera Record Keeper", "ORG"), ("Valmera Ferries", "ORG")],
    )
    b.mentions[0].titlecase = True
    assert sorted(e.name for e in canonicalize([b])) == ["Valmera Ferries", "Valmera Record Keeper"]


def test_a_name_only_headlines_write_of_no_name_words_is_none() -> None:
    """ "Release Clause", "Smart Watch" from title-case headlines, their words no name anywhere else in the text nor
    in the tables, are capitalised common words: no entity. A first name or a place keeps one ("Maria Shines")."""
    text = "Release Clause Row Grows\n\nSmart Watch Sales Fall\n\nMaria Shines Again\n\nThe club paid the fee."
    a = art("a", text, [("Release Clause", "PERSON"), ("Smart Watch", "ORG"), ("Maria Shines", "PERSON")])
    for m in a.mentions:
        m.titlecase = True
    ents = canonicalize([a])
    assert [e.name for e in ents] == ["Maria Shines"]
    assert [m.entity_id is None for m in a.mentions] == [True, True, False]


def test_a_two_word_surname_joins_the_one_full_name_it_ends() -> None:
    a = art(
        "a",
        "Forward Lena Sousa Dias scored twice. Sousa Dias said the team was ready. Sousa Dias left.",
        [("Lena Sousa Dias", "PERSON"), ("Sousa Dias", "PERSON"), ("Sousa Dias", "PERSON")],
    )
    ents = canonicalize([a])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Lena Sousa Dias", 3)]
    # two full names that end so: the surname alone stays apart
    b = art(
        "b",
        "Lena Sousa Dias and Rui Sousa Dias met. Sousa Dias spoke.",
        [("Lena Sousa Dias", "PERSON"), ("Rui Sousa Dias", "PERSON"), ("Sousa Dias", "PERSON")],
    )
    assert len(canonicalize([b])) == 3


def test_country_aliases_fold() -> None:
    a = art(
        "a",
        "The U.S. and the US and the United States and USA.",
        [("U.S.", "GPE"), ("US", "GPE"), ("United States", "GPE"), ("USA", "GPE")],
    )
    ents = canonicalize([a])
    assert [(e.name, len(e.mentions)) for e in ents] == [("United States", 4)]
    # official names of today's states fold into the name the news uses
    b = art(
        "b",
        "Taiwan, officially the Republic of China, and the Republic of Korea met the Russian Federation.",
        [("Taiwan", "GPE"), ("Republic of China", "GPE"), ("Republic of Korea", "GPE"), ("Russian Federation", "GPE")],
    )
    assert sorted((e.name, len(e.mentions)) for e in canonicalize([b])) == [
        ("Russia", 1),
        ("South Korea", 1),
        ("Taiwan", 2),
    ]


def test_hyphenated_and_partial_names_join() -> None:
    a = art("a", "Premier Cho Jung-tai said. Cho Jung spoke.", [("Cho Jung-tai", "PERSON"), ("Cho Jung", "PERSON")])
    b = art("b", "Premier Cho Jung tai said.", [("Cho Jung tai", "PERSON")])
    ents = canonicalize([a, b])
    assert len([e for e in ents if e.type == "PERSON"]) == 1


def test_entity_ids_are_stable() -> None:
    assert entity_id("PERSON", "Xi Jinping") == entity_id("PERSON", "Xi Jinping")
    assert entity_id("PERSON", "Xi Jinping") != entity_id("ORG", "Xi Jinping")


def test_mentions_from_doc_trims_and_relabels(nlp: Any) -> None:
    doc = nlp(
        "American Enterprise Institute senior fellow Hal Brands said it. "
        "Japanese Prime Minister Sanae Takaichi told reporters about the White House."
    )
    ms = mentions_from_doc(doc)
    by_text = {m.text: m for m in ms}
    assert by_text["Hal Brands"].label == "PERSON"
    assert by_text["Sanae Takaichi"].role == "Japanese Prime Minister"
    assert "White House" in by_text
    for m in ms:
        assert doc.text[m.start : m.end] == m.text


def test_apposition_and_job_title_describe_a_person(nlp: Any) -> None:
    text = (
        "Henrietta Levin, the director for China at the National Security Council, noted the omission. "
        "Asia Society senior fellow Hal Brands disagreed. Beijing, China was quiet."
    )
    ms = {m.text: m for m in mentions_from_doc(nlp(text))}
    assert ms["Henrietta Levin"].description == "the director for China at the National Security Council"
    assert ms["Hal Brands"].role is not None and "senior fellow" in ms["Hal Brands"].role
    assert all(m.description is None for m in ms.values() if m.label == "GPE")


def test_headline_phrase_is_not_an_entity_and_org_keeps_its_first_word() -> None:
    text = "China Japan Diplomatic Row Deepens\nThe row deepened, the Defense Security Cooperation Agency said"
    a = art("a", text, [("China Japan Diplomatic Row", "ORG"), ("Defense Security Cooperation Agency", "ORG")])
    a.mentions[0].titlecase = True
    names = {e.name for e in canonicalize([a])}
    assert "China Japan Diplomatic Row" not in names
    assert "Defense Security Cooperation Agency" in names
    assert a.mentions[0].entity_id is None


def test_run_on_names_ending_in_a_function_word_are_dropped(nlp: Any) -> None:
    doc = nlp("Tensions Over Taiwan, Ukraine War And Trade Dominate Call\nXi spoke to Trump.")
    assert all(not m.text.endswith((" And", " Of", " The")) for m in mentions_from_doc(doc))


def test_an_organisation_with_and_without_its_country_and_its_acronym_fold() -> None:
    a = art(
        "a",
        "The US Supreme Court ruled. The Supreme Court said so. Asia Pacific Economic Cooperation leaders met; "
        "APEC agreed.",
        [
            ("US Supreme Court", "ORG"),
            ("Supreme Court", "ORG"),
            ("Asia Pacific Economic Cooperation", "ORG"),
            ("APEC", "ORG"),
        ],
    )
    names = sorted((e.name, len(e.mentions)) for e in canonicalize([a]))
    assert names == [("Asia Pacific Economic Cooperation", 2), ("US Supreme Court", 2)]


def test_a_bare_ministry_with_two_countries_stays_apart() -> None:
    a = art(
        "a",
        "The Chinese Foreign Ministry protested. The Japanese Foreign Ministry replied. The Foreign Ministry spoke.",
        [("Chinese Foreign Ministry", "ORG"), ("Japanese Foreign Ministry", "ORG"), ("Foreign Ministry", "ORG")],
    )
    assert len(canonicalize([a])) == 3


def _canon(arts: list[Article]) -> dict[str, tuple[str, str]]:
    ents = {e.id: e for e in canonicalize(arts)}
    return {m.text: (ents[m.entity_id].name, ents[m.entity_id].type) for a in arts for m in a.mentions if m.entity_id}


def test_apostrophe_names_middle_initials_and_leading_jobs_join_one_person() -> None:
    a = art(
        "a",
        "Coach Jim O'Brien left. O'Brien said little. Regina M. Benjamin spoke. Comedian Ellen DeGeneres hosts.",
        [
            ("Coach Jim O'Brien", "PERSON"),
            ("O'Brien", "PERSON"),
            ("Regina M. Benjamin", "PERSON"),
            ("Comedian Ellen DeGeneres", "PERSON"),
        ],
    )
    b = art(
        "b",
        "O'Brien was fired. Regina Benjamin was confirmed. Ellen DeGeneres will host. Former President Barack Obama.",
        [
            ("O'Brien", "PERSON"),
            ("Regina Benjamin", "PERSON"),
            ("Ellen DeGeneres", "PERSON"),
            ("Former President Barack Obama", "PERSON"),
        ],
    )
    c = art(
        "c",
        "LuAnn Marie Johnson was found. Barack Obama spoke.",
        [("LuAnn Marie Johnson", "PERSON"), ("Barack Obama", "PERSON")],
    )
    d = art("d", "Luann Johnson was missing.", [("Luann Johnson", "PERSON")])
    got = _canon([a, b, c, d])
    assert got["O'Brien"] == got["Coach Jim O'Brien"] == ("Jim O'Brien", "PERSON")
    assert got["Regina Benjamin"] == got["Regina M. Benjamin"]
    assert got["Comedian Ellen DeGeneres"] == got["Ellen DeGeneres"] == ("Ellen DeGeneres", "PERSON")
    assert got["Former President Barack Obama"] == got["Barack Obama"]
    assert got["Luann Johnson"] == got["LuAnn Marie Johnson"]


def test_titles_stay_on_organisations_and_places_and_a_trailing_title_is_no_name() -> None:
    a = art(
        "a",
        "General Motors cut jobs in King County. Bloomington Police Sgt said it. Bloomington is calm. Sgt Ray Dunn.",
        [
            ("General Motors", "ORG"),
            ("King County", "GPE"),
            ("Bloomington Police Sgt", "PERSON"),
            ("Bloomington", "GPE"),
            ("Sgt Ray Dunn", "PERSON"),
        ],
    )
    b = art("b", "Jordan closed its border. Michael Jordan played.", [("Jordan", "GPE"), ("Michael Jordan", "PERSON")])
    got = _canon([a, b])
    assert got["General Motors"] == ("General Motors", "ORG")
    assert got["King County"] == ("King County", "GPE")
    assert got["Bloomington"] == ("Bloomington", "GPE")
    assert got["Jordan"] == ("Jordan", "GPE")
    assert got["Michael Jordan"] == ("Michael Jordan", "PERSON")


def test_types_corrected_by_name_and_text() -> None:
    a = art(
        "a",
        "Bloomberg reported it. A fellow at the Centre for Strategic and International Studies said the Indo "
        "Pacific is calm. China reported growth. China said so. Jeremy Chan spoke, according to Jeremy Chan.",
        [
            ("Bloomberg", "GPE"),
            ("Centre for Strategic and International Studies", "FAC"),
            ("Indo Pacific", "ORG"),
            ("China", "GPE"),
            ("China", "GPE"),
            ("Jeremy Chan", "PERSON"),
            ("Jeremy Chan", "PERSON"),
        ],
    )
    types = {e.name: e.type for e in canonicalize([a])}
    assert types["Bloomberg"] == "ORG"  # every mention does what outlets do
    assert types["Centre for Strategic and International Studies"] == "ORG"
    assert types["Indo Pacific"] == "LOC"
    assert types["China"] == "GPE"  # one "China reported" among other mentions
    assert types["Jeremy Chan"] == "PERSON"  # people are "according to" too


def test_known_variants_fold_into_one_entity() -> None:
    a = art(
        "a",
        "The victory of WWII. In World War Two. The post-World War II order. Talks in Korea and South Korea.",
        [
            ("WWII", "EVENT"),
            ("World War Two", "EVENT"),
            ("post-World War II", "EVENT"),
            ("Korea", "GPE"),
            ("South Korea", "GPE"),
        ],
    )
    ents = {e.name: e for e in canonicalize([a])}
    assert len(ents["World War II"].mentions) == 3
    assert len(ents["South Korea"].mentions) == 2
    koreas = [("Korea", "GPE"), ("North Korea", "GPE"), ("South Korea", "GPE")]
    b = art("b", "Korea, North Korea and South Korea.", koreas)
    assert "Korea" in {e.name for e in canonicalize([b])}  # ambiguous: left alone


def test_a_datelines_place_stays_a_place_beside_a_fire_department() -> None:
    a = art(
        "a",
        "A fire destroyed a warehouse in Hamilton. Hamilton Fire Chief Mark Smith said crews from Hamilton Fire "
        "worked on. Residents of Hamilton left.",
        [("Hamilton", "PERSON"), ("Hamilton Fire", "PERSON"), ("Hamilton Fire", "PERSON"), ("Hamilton", "PERSON")],
    )
    a.place, a.place_how = "HAMILTON, Ohio", "dateline"
    types = {(e.name, e.type): len(e.mentions) for e in canonicalize([a])}
    assert types == {("Hamilton", "GPE"): 2, ("Hamilton Fire", "ORG"): 2}


def test_a_ship_is_a_vessel_not_a_person(nlp: Any) -> None:
    text = (
        "The Indian warship INS Mysore answered a distress call from MV Gibe. "
        "Mysore closed the vessels and ordered them to stop."
    )
    ms = mentions_from_doc(nlp(text))
    ships = {m.text for m in ms if m.label == "PRODUCT"}
    assert {"INS Mysore", "MV Gibe"} <= ships
    assert not [m for m in ms if m.label == "PERSON" and m.text in ("INS Mysore", "MV Gibe", "Mysore")]


def test_a_company_named_like_a_title_keeps_its_first_word() -> None:
    # "General Motors" tagged PERSON once (the subject of "said") and ORG elsewhere is no person "Motors"
    a = art(
        "a",
        "Carmaker General Motors said it lost money. General Motors shares fell. General Motors cut jobs.",
        [("General Motors", "PERSON"), ("General Motors", "ORG"), ("General Motors", "ORG")],
    )
    ents = canonicalize([a])
    assert [e.name for e in ents] == ["General Motors"]
    # a name tagged PERSON as often as not still loses its title
    b = art("b", "General Tom Blake spoke. Tom Blake left.", [("General Tom Blake", "PERSON"), ("Tom Blake", "PERSON")])
    assert [e.name for e in canonicalize([b])] == ["Tom Blake"]


def test_an_acronym_joins_its_name_written_with_and_without_a_plural_s() -> None:
    a = art(
        "a",
        "General Motors cut jobs. GM said so. GM shares fell. General Motor's chief left.",
        [("General Motors", "ORG"), ("GM", "ORG"), ("GM", "ORG"), ("General Motor", "ORG")],
    )
    ents = canonicalize([a])
    assert [(e.name, len(e.mentions)) for e in ents] == [("General Motors", 4)]
    # two different names with the same initials: the acronym stays apart
    b = art(
        "b",
        "Green Mills grew. Grey Mountain fell. GM said so.",
        [("Green Mills", "ORG"), ("Grey Mountain", "ORG"), ("GM", "ORG")],
    )
    assert "GM" in [e.name for e in canonicalize([b])]


def test_a_surname_tagged_a_place_joins_the_person_of_its_article() -> None:
    a = art(
        "a",
        "Chief executive Pete Aldwick spoke. Aldwick said the plan was ready. Aldwick left.",
        [("Pete Aldwick", "PERSON"), ("Aldwick", "GPE"), ("Aldwick", "GPE")],
    )
    ents = canonicalize([a])
    assert [(e.name, e.type, len(e.mentions)) for e in ents] == [("Pete Aldwick", "PERSON", 3)]
    # a country stays a country beside a person named after it
    b = art("b", "Michael Jordan visited Jordan.", [("Michael Jordan", "PERSON"), ("Jordan", "GPE")])
    assert sorted(e.name for e in canonicalize([b])) == ["Jordan", "Michael Jordan"]
    # a place in an article that names no such person stays a place
    c = art("c", "Pete Aldwick spoke.", [("Pete Aldwick", "PERSON")])
    d = art("d", "Floods hit Aldwick.", [("Aldwick", "GPE")])
    assert sorted((e.name, e.type) for e in canonicalize([c, d])) == [("Aldwick", "GPE"), ("Pete Aldwick", "PERSON")]


def test_a_time_zone_and_a_leading_article_are_no_part_of_a_name(nlp: Any) -> None:
    from spacy.tokens import Span

    doc = nlp("The plant closed at 12:00 UTC after a United Dock Workers negotiator spoke.")
    words = [t.text for t in doc]
    utc, a = words.index("UTC"), words.index("a")
    doc.ents = [Span(doc, utc, utc + 1, "ORG"), Span(doc, a, a + 4, "ORG")]  # as the small model tags them
    assert [(m.text, m.label) for m in mentions_from_doc(doc)] == [("United Dock Workers", "ORG")]
    # a title tagged alone is no name either
    doc = nlp("The road is shut, Const. Ann Lowe said.")
    const = [t.text for t in doc].index("Const.")
    doc.ents = [Span(doc, const, const + 1, "GPE")]
    assert mentions_from_doc(doc) == []


def test_a_police_rank_is_no_part_of_a_person_name() -> None:
    a = art(
        "a",
        "Police spokesman Constable Ann Lowe spoke. Ann Lowe said the road was shut.",
        [("Constable Ann Lowe", "PERSON"), ("Ann Lowe", "PERSON")],
    )
    assert [(e.name, len(e.mentions)) for e in canonicalize([a])] == [("Ann Lowe", 2)]


def test_a_name_ends_at_a_dash_written_with_spaces(nlp: Any) -> None:
    # the model's span runs over the dash ("Minnesota Vikings - while", "Arena Stadium -"): the name is before it
    text = "Fans cheered the Minnesota Vikings - while protesters marched outside Riverside Arena Stadium - on Sunday."
    doc = nlp(text)
    spans = []
    for phrase in ("Minnesota Vikings - while", "Riverside Arena Stadium -"):
        s = text.index(phrase)
        spans.append(doc.char_span(s, s + len(phrase), label="ORG", alignment_mode="expand"))
    doc.ents = spans
    assert [m.text for m in mentions_from_doc(doc)] == ["Minnesota Vikings", "Riverside Arena Stadium"]
