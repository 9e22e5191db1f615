"""Claims on short articles written for these tests: splitting, alignment, conflicts, accounts, quotes, figures."""

from __future__ import annotations

from storyline.compare.accounts import OMISSION, account_claims
from storyline.compare.claims import (
    build_claims,
    has_verb,
    is_statement,
    source_key,
    split_clauses,
    story_units,
)
from storyline.compare.matrix import claim_matrix
from storyline.compare.quotes import quote_claims, relation
from storyline.compare.reconcile import compare_numbers, normal_unit, reconcile_figures
from storyline.compare.timeline import is_future, timeline
from storyline.model import (
    Article,
    Cite,
    Claim,
    DateMention,
    Entity,
    Mention,
    NumberMention,
    Quote,
    Sentence,
    Story,
)


def art(aid: str, text: str, source: str | None = None, **kw: object) -> Article:
    """An article whose sentences are found by a full stop followed by a space."""
    sents, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            sents.append(Sentence(start, i + 1))
            start = i + 2
    a = Article(id=aid, path=f"{aid}.txt", raw=text, text=text, source=source, published="2025-11-25")
    a.sentences = sents
    for k, v in kw.items():
        setattr(a, k, v)
    return a


def number(
    text: str, phrase: str, value: float, unit: str, about: str, kind: str = "quantity", **kw: object
) -> NumberMention:
    s = text.index(phrase)
    return NumberMention(s, s + len(phrase), phrase, value, unit, about, kind=kind, **kw)  # type: ignore[arg-type]


def date(text: str, phrase: str, value: str) -> DateMention:
    s = text.index(phrase)
    return DateMention(s, s + len(phrase), phrase, value, "absolute")


def test_split_at_coordinated_independent_clauses_only() -> None:
    s = "Trump will visit Beijing in April, while Xi is expected to visit Washington later in the year."
    assert [s[a:b] for a, b in split_clauses(s)] == [
        "Trump will visit Beijing in April",
        "Xi is expected to visit Washington later in the year.",
    ]
    keep = "Beijing pledged to buy 12 million tonnes this year and 25 million tonnes in 2026."
    assert split_clauses(keep) == [(0, len(keep))]
    quoted = "He said “we will talk, but not today” and left the room after the meeting ended."
    assert len(split_clauses(quoted)) == 1


def test_junk_is_not_a_statement() -> None:
    assert not is_statement("Why Taiwan Was At The Heart Of The Call")
    assert not is_statement("Trade truce, rare earths, tariffs, soybean purchases.")
    assert not is_statement("Click here to subscribe to our newsletter for more news today.")
    assert not is_statement("Did Xi raise Taiwan with the US president on Monday?")
    assert is_statement("Xi reaffirmed China’s claim over Taiwan in the call.")
    assert has_verb("Taiwan surprisingly didn’t come up at the meeting")


def test_paraphrases_align_across_outlets_and_unrelated_statements_do_not() -> None:
    a = art(
        "a",
        "Chinese President Xi Jinping raised Taiwan in a phone call with Donald Trump on Monday. "
        "The weather in the capital was cold and wet all week long.",
        "Reuters",
    )
    b = art(
        "b",
        "Xi Jinping raised the issue of Taiwan during his phone call with Trump on Monday. "
        "Farmers in Iowa expect a record harvest of corn this autumn.",
        "AP",
    )
    claims = build_claims("s1", [a, b])
    assert len(claims) == 1
    assert {c.article_id for c in claims[0].support} == {"a", "b"}
    assert claims[0].sources == 2 and claims[0].kind == "fact"


def test_a_probability_threshold_does_not_reach_the_word_similarity_of_old_stores() -> None:
    """Articles stored before statements were kept align by word similarity at its own bar; the configured
    threshold is the pair model's probability, and read as a cosine it would join or split other rows."""
    a = art("a", "Chinese President Xi Jinping raised Taiwan in a phone call with Donald Trump on Monday.", "Reuters")
    b = art("b", "Xi Jinping raised the issue of Taiwan during his phone call with Trump on Monday.", "AP")
    assert build_claims("s1", [a, b], threshold=0.99) == build_claims("s1", [a, b])


def test_syndicated_copy_is_not_independent_support() -> None:
    text = "Xi Jinping raised the issue of Taiwan during his phone call with Trump on Monday."
    a = art("a", text, "Reuters")
    b = art("b", text, "Daily Mirror", duplicate_of="a")
    by_id = {"a": a, "b": b}
    assert source_key(b, by_id) == source_key(a, by_id)
    assert build_claims("s1", [a, b]) == []  # one independent source: no cross-outlet claim


def test_conflicting_figure_is_reported_differently_with_why() -> None:
    ta = "China pledged to buy 25 million tonnes of American soybeans in 2026 under the trade truce."
    tb = "China pledged to buy 20 million tonnes of American soybeans in 2026 under the trade truce."
    a = art(
        "a",
        ta,
        "Reuters",
        numbers=[number(ta, "25 million tonnes", 25e6, "tonne", "American soybeans", time="in 2026")],
    )
    b = art(
        "b", tb, "AP", numbers=[number(tb, "20 million tonnes", 20e6, "tonne", "American soybeans", time="in 2026")]
    )
    claims = build_claims("s1", [a, b])
    assert len(claims) == 1
    why = [x["why"] for x in claims[0].conflicts]
    assert why == ["different number: 25 million vs 20 million tonnes"] or why == [
        "different number: 20 million vs 25 million tonnes"
    ]
    m = claim_matrix(claims, [a, b])
    statuses = sorted(c["status"] for c in m["rows"][0]["cells"])  # type: ignore[index]
    assert statuses == ["differently", "reported"]


def test_conflicting_figure_when_only_one_outlet_gives_its_time() -> None:
    ta = "EU ministers agreed on Tuesday to lend Ukraine 50 billion euros over four years."
    tb = "EU ministers agreed to lend Ukraine 60 billion euros over four years on Tuesday."
    a = art("a", ta, "Wire", numbers=[number(ta, "50 billion euros", 50e9, "EUR", "EU ministers")])
    b = art("b", tb, "Post", numbers=[number(tb, "60 billion euros", 60e9, "EUR", "EU ministers", time="on Tuesday")])
    claims = build_claims("s1", [a, b])
    assert len(claims) == 1
    assert [x["why"] for x in claims[0].conflicts] in (
        ["different number: 50 billion vs 60 billion EUR"],
        ["different number: 60 billion vs 50 billion EUR"],
    )


def test_figures_reconcile_units_approximation_and_time() -> None:
    ta = "Beijing pledged to buy 12 million tonnes of American soybeans this year."
    tb = "China pledged to purchase about 12 million metric tons of American soybeans by the end of this year."
    na = number(ta, "12 million tonnes", 12e6, "tonne", "American soybeans", time="this year")
    nb = number(
        tb,
        "about 12 million metric tons",
        12e6,
        "metric tons",
        "American soybeans",
        approx="about",
        time="by the end of this year",
    )
    a = art("a", ta, "Reuters", numbers=[na], dates=[date(ta, "this year", "2025")])
    b = art("b", tb, "AP", numbers=[nb], dates=[date(tb, "this year", "2025")])
    assert normal_unit("metric tons") == "tonne"
    assert compare_numbers(na, nb, a, b) == "same figure"
    n26 = NumberMention(0, 5, "25 million tonnes", 25e6, "tonne", "American soybeans", time="in 2026", kind="quantity")
    assert compare_numbers(na, n26, a, None) is None  # another year: another figure, not a conflict
    figs = reconcile_figures([a, b], {"a": "a", "b": "b"})
    assert len(figs) == 1 and figs[0]["status"] == "agree" and len(figs[0]["values"]) == 2


def test_one_outlet_under_two_spellings_is_one_source() -> None:
    from storyline.compare.dedup import independent_count

    a, b = art("a", "Floods hit the valley.", "Valley Daily-News"), art("b", "The valley flooded.", "valley daily news")
    c = art("c", "Rain fell in the valley.", "Valley Weekly")
    assert independent_count([a, b, c]) == 2


def test_a_count_of_who_says_something_is_no_figure() -> None:
    ta = "The plant will close, according to two people familiar with the plan."
    tb = "About 4,000 people will lose their jobs when the plant closes."
    speaker = ta.index("two people familiar with the plan")
    said = Quote(0, ta.index(", according"), "The plant will close", "indirect", "two people familiar with the plan")
    said.speaker_start, said.speaker_end = speaker, speaker + len("two people familiar with the plan")
    a = art("a", ta, "Reuters", numbers=[number(ta, "two people", 2, "person", "people")], quotes=[said])
    b = art("b", tb, "AP", numbers=[number(tb, "About 4,000 people", 4000, "person", "people")])
    assert reconcile_figures([a, b], {"a": "a", "b": "b"}) == []
    a.quotes = []  # without the attribution, the two counts are compared as figures
    assert reconcile_figures([a, b], {"a": "a", "b": "b"})[0]["status"] == "conflict"


def test_counts_of_two_sets_of_one_noun_are_no_conflict() -> None:
    # "female" and "former" qualify different sets of co-workers: two figures, not one reported differently
    ta = "The complaint was filed by two female co-workers of the manager."
    tb = "The complaint was filed by three former co-workers of the manager."
    tc = "The complaint was filed by three co-workers of the manager."

    def count(text: str, phrase: str, value: float) -> NumberMention:
        return number(text, phrase, value, "co-worker", "co-workers of manager", kind="count")

    na, nb = count(ta, "two female co-workers", 2), count(tb, "three former co-workers", 3)
    nc = count(tc, "three co-workers", 3)
    assert compare_numbers(na, nb) is None
    a, b = art("a", ta, "Reuters", numbers=[na]), art("b", tb, "AP", numbers=[nb])
    assert reconcile_figures([a, b], {"a": "a", "b": "b"}) == []
    # a count with no modifier may count the same set as one with them: still compared
    assert compare_numbers(na, nc) == "different number: 2 vs 3 co-workers"


def _mention(text: str, phrase: str, eid: str, label: str) -> Mention:
    s = text.index(phrase)
    return Mention(s, s + len(phrase), phrase, label, eid)


def test_account_comparison_groups_omissions_and_finds_the_other_side() -> None:
    ta = "Trump made no mention of Taiwan in his statement on the call with Xi on Monday."
    tb = "In his own post after the call, Trump praised the relationship but did not mention Taiwan at all."
    tc = "According to the Chinese readout, Xi told Trump that Taiwan was at the heart of the relationship."
    a = art(
        "a", ta, "Reuters", mentions=[_mention(ta, "Trump", "trump", "PERSON"), _mention(ta, "Taiwan", "tw", "GPE")]
    )
    b = art("b", tb, "AP", mentions=[_mention(tb, "Trump", "trump", "PERSON"), _mention(tb, "Taiwan", "tw", "GPE")])
    c = art(
        "c",
        tc,
        "BBC",
        mentions=[
            _mention(tc, "Chinese", "cn", "NORP"),
            _mention(tc, "Xi", "xi", "PERSON"),
            _mention(tc, "Taiwan", "tw", "GPE"),
        ],
    )
    assert OMISSION.search(ta) and OMISSION.search(tb) and not OMISSION.search(tc)
    claims = account_claims("s1", story_units([a, b, c]))
    assert len(claims) == 1
    acc = claims[0]
    assert acc.kind == "account" and acc.sources == 2 and acc.topic and "Taiwan" in acc.topic
    assert [x.article_id for x in acc.counter] == ["c"]


def test_account_grouping_does_not_depend_on_article_order() -> None:
    """A statement naming two left-out topics bridges two groups, whichever article comes first."""
    ta = "Trump made no mention of Taiwan in his statement on the call."
    tb = "Trump gave no public indication in his post that he had discussed Japan."
    tc = "Trump made no mention of Taiwan or Japan in his statement on the call."

    def mk(aid: str, text: str, topics: list[tuple[str, str]]) -> Article:
        ms = [_mention(text, "Trump", "trump", "PERSON")] + [_mention(text, w, eid, "GPE") for w, eid in topics]
        return art(aid, text, aid.upper(), mentions=ms)

    a = mk("a", ta, [("Taiwan", "tw")])
    b = mk("b", tb, [("Japan", "jp")])
    c = mk("c", tc, [("Taiwan", "tw"), ("Japan", "jp")])
    for order in ([a, b, c], [b, a, c], [c, b, a]):
        claims = account_claims("s1", story_units(order))
        assert [cl.sources for cl in claims] == [3], order


def test_quotes_align_verbatim_truncated_paraphrased() -> None:
    assert relation("keep up the momentum in our relations", "keep up the momentum in our relations") == "verbatim"
    assert relation("we must keep up the momentum in our relations", "keep up the momentum in our") == "truncated"
    assert relation("return to China", "return to China is not an option") is None  # too short to tell
    ta = "Xi said “we must keep up the momentum in our relations” during the call."
    tb = "Xi told him to “keep up the momentum in our relations,” state media said."
    qa = Quote(
        ta.index("we"),
        ta.index("” during"),
        "we must keep up the momentum in our relations",
        "direct",
        "Xi Jinping",
        "xi",
    )
    qb = Quote(tb.index("keep"), tb.index(",”"), "keep up the momentum in our relations", "partial", "Xi", "xi")
    a, b = art("a", ta, "Reuters", quotes=[qa]), art("b", tb, "AP", quotes=[qb])
    claims = quote_claims("s1", [a, b])
    assert len(claims) == 1 and claims[0].kind == "quote" and claims[0].speaker_entity_id == "xi"
    assert {v["relation"] for v in claims[0].versions} == {"canonical", "truncated"}


def test_quote_groups_take_verbatim_words_as_canonical_and_list_reported_speech_as_a_paraphrase() -> None:
    ta = "Xi said the island's return was part of the order built after the war, state media reported."
    tb = "Xi called the island's “return” part of “the order built after the war,” the ministry said."
    tc = "Xi said: “The island's return is part of the order built after the war.”"
    qa = Quote(3, ta.index(", state"), ta[3 : ta.index(", state")], "indirect", "Xi", "xi")
    pb = tb.index("the order")
    qb = Quote(pb, tb.index(",” the"), tb[pb : tb.index(",” the")], "partial", "Xi", "xi")
    a, b = art("a", ta, "Reuters", quotes=[qa]), art("b", tb, "AP", quotes=[qb])
    claims = quote_claims("s1", [a, b])
    assert len(claims) == 1 and claims[0].text == "the order built after the war"  # the partial, not the paraphrase
    by = {v["article_id"]: v for v in claims[0].versions}
    assert by["b"]["relation"] == "canonical" and by["a"]["relation"] == "paraphrase"
    pc = tc.index("The")
    qc = Quote(pc, tc.index(".”"), tc[pc : tc.index(".”")], "direct", "Xi", "xi")
    claims = quote_claims("s1", [a, b, art("c", tc, "AFP", quotes=[qc])])
    assert claims[0].text == qc.text  # a whole direct quote before a fragment
    # reported speech alone is no quotation across outlets
    ta2 = "Xi said the island's return was part of the order built after the war, the agency reported."
    qa2 = Quote(3, ta2.index(", the agency"), ta2[3 : ta2.index(", the agency")], "indirect", "Xi", "xi")
    assert quote_claims("s1", [a, art("d", ta2, "DPA", quotes=[qa2])]) == []


def test_a_surname_and_the_full_name_give_a_quote_to_one_speaker_not_two() -> None:
    # the entity stage may leave "Dana Okafor" and "Okafor" apart (the tagger typed one a place): one speaker
    words = "we will cut costs across the whole group this winter"
    ta, tb = f"“{words},” Dana Okafor said.", f"“{words},” Okafor said."
    qa = Quote(1, 1 + len(words), words, "direct", "Dana Okafor", "e-full")
    qb = Quote(1, 1 + len(words), words, "direct", "Okafor", "e-short")
    ents = [Entity("e-full", "Dana Okafor", "PERSON"), Entity("e-short", "Okafor", "GPE")]
    (claim,) = quote_claims("s1", [art("a", ta, "Reuters", quotes=[qa]), art("b", tb, "AP", quotes=[qb])], ents)
    assert claim.sources == 2 and not claim.conflicts
    # two people of other surnames still conflict
    qc = Quote(1, 1 + len(words), words, "direct", "Lee Park", "e-park")
    ents.append(Entity("e-park", "Lee Park", "PERSON"))
    (claim,) = quote_claims("s1", [art("a", ta, "Reuters", quotes=[qa]), art("c", tb, "AP", quotes=[qc])], ents)
    assert claim.conflicts


def test_timeline_merges_outlets_and_marks_announced() -> None:
    ta = "Trump will visit Beijing in April, the White House said after the call."
    tb = "The US president is set to visit Beijing in April for talks with Xi."
    a = art("a", ta, "Reuters", dates=[date(ta, "April", "2026-04")])
    b = art("b", tb, "AP", dates=[date(tb, "April", "2026-04")])
    items = timeline([a, b])
    assert len(items) == 1 and items[0].sources == 2 and items[0].future
    assert is_future("2026-04", "2025-11-25") and not is_future("2025-11", "2025-11-25")


def test_timeline_names_the_speaker_a_quoted_sentence_calls_he() -> None:
    from storyline.render.dossier import glossed

    ta = "“No one is contemplating that,” he said ahead of the summit last month, the ministry noted."
    q = Quote(1, ta.index(",”"), "No one is contemplating that", "direct", "Marco Rubio", None)
    a = art("a", ta, "Reuters", dates=[date(ta, "last month", "2025-10")], quotes=[q])
    items = timeline([a])
    assert len(items) == 1 and items[0].speaker == "Marco Rubio"
    assert glossed(items[0].text, items[0].speaker).startswith("“No one is contemplating that,” he [Marco Rubio] said")
    assert glossed("“Fine,” Wu said.", None) == "“Fine,” Wu said."
    assert glossed("“Fine.”", "Wu Xinbo") == "Wu Xinbo: “Fine.”"
    tb = "“We will see,” Rubio said ahead of the summit last month in South Korea."
    qb = Quote(1, tb.index(",”"), "We will see", "direct", "Marco Rubio", None)
    b = art("b", tb, "AP", dates=[date(tb, "last month", "2025-10")], quotes=[qb])
    assert timeline([b])[0].speaker is None  # the sentence names him already
    tc = "“Handle it carefully,” Wu added, noting that he expects more talk before the visit last month."
    qc = Quote(1, tc.index(",”"), "Handle it carefully", "direct", "Wu Xinbo", None)
    c = art("c", tc, "AP", dates=[date(tc, "last month", "2025-10")], quotes=[qc])
    assert timeline([c])[0].speaker is None  # a Chinese surname comes first


def test_one_outlets_quoted_comment_on_a_reported_date_is_not_a_timeline_item() -> None:
    ta = "Trump will visit Beijing in April, the White House said after the call."
    tb = "The US president is set to visit Beijing in April for talks with Xi."
    tc = "“They will press hard on tariffs and soybeans until April,” he added, speaking to reporters."
    a = art("a", ta, "Reuters", dates=[date(ta, "April", "2026-04")])
    b = art("b", tb, "AP", dates=[date(tb, "April", "2026-04")])
    c = art("c", tc, "Bloomberg", dates=[date(tc, "April", "2026-04")])
    assert len(timeline([c])) == 1  # alone, it is the date's only item
    items = timeline([a, b, c])
    assert [t.sources for t in items] == [2]


def test_story_json_round_trip_and_old_json_still_loads() -> None:
    c = Claim(
        "s1-c1",
        "s1",
        "X.",
        [Cite("a", 0, 2)],
        [{"article_id": "b", "start": 0, "end": 2, "why": "w"}],
        kind="account",
        sources=2,
        party="P",
        topic="T",
        counter=[Cite("c", 1, 3)],
    )
    s = Story("s1", "T", "2025-11-24", ["a"], 1, claims=[c], figures=[{"about": "x", "values": []}])
    assert Story.from_json(s.to_json()) == s
    old = {
        "id": "s1",
        "title": "T",
        "event_date": None,
        "summary": [{"text": "x", "cites": []}],
        "timeline": [{"date": "2025", "text": "y", "cites": []}],
    }
    loaded = Story.from_json(old)
    assert loaded.claims == [] and loaded.timeline[0].sources == 0 and loaded.summary[0].sources == []


def test_wire_dateline_is_not_part_of_the_statement() -> None:
    text = "BRUSSELS, March 3 (Wire) - EU ministers agreed to lend Ukraine 50 billion euros over four years."
    units = story_units([art("a", text, "Wire")])
    assert [u.text for u in units] == ["EU ministers agreed to lend Ukraine 50 billion euros over four years."]
    assert units[0].start == text.index("EU ministers")


def test_a_nested_attribution_is_one_version_of_the_quote() -> None:
    """ "According to the read-out, Lin told Ode that …" is one report of Lin's words, not two versions."""
    t1 = "According to the read-out, Mr Lin told Mr Ode that the bridge was an integral part of the city's plans."
    inner = "the bridge was an integral part of the city's plans"
    outer = "Mr Lin told Mr Ode that " + inner
    a = Article(id="a", path="a.txt", raw=t1, text=t1, source="One")
    a.quotes = [
        Quote(t1.index(outer), t1.index(outer) + len(outer), outer, "indirect", speaker="the read-out"),
        Quote(t1.index(inner), t1.index(inner) + len(inner), inner, "indirect", speaker="Lin", speaker_entity_id="lin"),
    ]
    t2 = "“The bridge is an integral part of the city's plans,” Lin said."
    q2 = "The bridge is an integral part of the city's plans"
    b = Article(id="b", path="b.txt", raw=t2, text=t2, source="Two")
    b.quotes = [Quote(1, 1 + len(q2), q2, "direct", speaker="Lin", speaker_entity_id="lin")]
    (claim,) = quote_claims("s", [a, b])
    assert [(v["text"], v["relation"]) for v in claim.versions] == [(inner, "paraphrase"), (q2, "canonical")]


def test_a_speaker_the_row_wording_does_not_name_is_compared_between_the_versions_that_do() -> None:
    """The row is worded by a version that names no speaker; two others name different people: the second
    is reported differently, against the first."""
    from storyline.compare.claims import Unit, _claim

    words = "We are aware of the issue and we are gathering the facts"
    units = []
    for aid, who in (("a", None), ("b", "Ann Lee Smith"), ("c", "Ann Lee Butler")):
        text = f"“{words},” {'the club' if who is None else 'general manager ' + who} said in a statement."
        a = art(aid, text, f"Outlet {aid}")
        q = Quote(1, 1 + len(words), words, "direct", speaker=who or "the club", speaker_entity_id=who and who[-5:])
        if who:
            k = text.index(who)
            q.speaker_start, q.speaker_end = k, k + len(who)
            a.mentions = [Mention(k, k + len(who), who, "PERSON", entity_id=who[-5:])]
        a.quotes = [q]
        units.append(Unit(a, 0, len(text), f"outlet:{aid}", 0))
    claim = _claim("s1", units, [0, 1, 2], units[0])
    assert [c.article_id for c in claim.support] == ["a", "b"]
    assert [(c["article_id"], c["why"]) for c in claim.conflicts] == [
        ("c", "different speaker: Ann Lee Smith vs Ann Lee Butler")
    ]


def test_a_direct_quote_inside_reported_speech_stays_the_canonical_version() -> None:
    t1 = "Lin said the bridge was finished and that “there is no way back for the old ferry now.”"
    direct = "there is no way back for the old ferry now."
    indirect = "the bridge was finished and that “" + direct + "”"
    a = Article(id="a", path="a.txt", raw=t1, text=t1, source="One")
    i, d = t1.index(indirect), t1.index(direct)
    a.quotes = [
        Quote(i, i + len(indirect), indirect, "indirect", speaker="Lin", speaker_entity_id="lin"),
        Quote(d, d + len(direct), direct, "partial", speaker="Lin", speaker_entity_id="lin"),
    ]
    t2 = "“There is no way back for the old ferry now,” Lin told reporters."
    q2 = "There is no way back for the old ferry now"
    b = Article(id="b", path="b.txt", raw=t2, text=t2, source="Two")
    b.quotes = [Quote(1, 1 + len(q2), q2, "indirect", speaker="Lin", speaker_entity_id="lin")]
    (claim,) = quote_claims("s", [a, b])
    assert claim.text == direct
    assert [v["text"] for v in claim.versions if v["article_id"] == "a"] == [direct]


def test_days_written_without_a_year_still_conflict() -> None:
    from storyline.analyse.dates import extract_dates
    from storyline.compare.claims import Unit, _date_conflict

    def unit(text: str) -> Unit:
        a = art("x", text)
        return Unit(a, 0, len(text), "x", 0, dates=extract_dates(text))  # no publication date: no year

    four, five = unit("The lower rates apply from March 4."), unit("The lower rates apply from March 5.")
    assert [d.value for d in four.dates] == ["XXXX-03-04"]
    assert _date_conflict(four, five) == "different date: 03-04 vs 03-05"
    assert _date_conflict(four, unit("The new rates apply from March 4.")) is None


def test_an_unclear_cell_points_to_its_nearest_passage_only_when_it_is_likely_the_fact() -> None:
    import numpy as np

    from storyline.compare.claims import Unit, _nearest
    from storyline.config import Config

    shown = Config().compare_near_shown

    a, b, c = art("a", "One. Two."), art("b", "Three. Four."), art("c", "Five.")
    units = [Unit(a, 0, 4, "a", 0), Unit(b, 0, 6, "b", 0), Unit(b, 7, 12, "b", 1), Unit(c, 0, 5, "c", 0)]
    p = np.zeros((4, 4))
    p[0, 1] = p[1, 0] = 0.6  # b's first sentence likely states row 0's fact; its second less so
    p[0, 2] = p[2, 0] = 0.55
    p[0, 3] = p[3, 0] = 0.2  # c's nearest passage is far from it: no pointer
    assert _nearest(units, [0], p, set(), shown) == [Cite("b", 0, 6)]
    assert _nearest(units, [0], p, {"b"}, shown) == []  # shown as leaving it out: no pointer either


def test_an_unclear_cell_without_a_passage_to_show_promises_none() -> None:
    a, b, c = art("a", "One. Two."), art("b", "Three. Four."), art("c", "Five. Six.")
    near = Claim("c1", "s1", "One.", [Cite("a", 0, 4), Cite("b", 0, 6)], absent=[], near=[Cite("c", 0, 5)])
    none = Claim("c2", "s1", "Two.", [Cite("a", 5, 9), Cite("b", 7, 12)], absent=[])
    m = claim_matrix([near, none], [a, b, c])
    why = [[cell["why"] for cell in r["cells"] if cell["status"] == "unclear"] for r in m["rows"]]  # type: ignore[index]
    assert why == [["a passage comes near it"], ["no passage matched it"]]


def test_a_row_worded_by_a_piece_of_a_quotation_shows_the_whole_quotation() -> None:
    ta = "“Buyers are staying home. The usual discounts simply do not work this spring,” dealer Ana Ruiz said."
    tb = "“Sales are down sharply. The usual discounts simply do not work this spring,” dealer Ana Ruiz said on Monday."
    (claim,) = build_claims("s1", [art("a", ta, "Reuters"), art("b", tb, "AP")])
    assert claim.text == ta  # not "The usual discounts … spring,” dealer Ana Ruiz said."


def test_counts_of_a_bare_noun_in_clauses_of_other_acts_are_no_conflict() -> None:
    from storyline.model import Statement

    ta = "The gunman killed 49 people at the club."
    tb = "The storm killed 51 people on the coast."
    tc = "The other 16 people running in the primary lost."

    def fig(text: str, phrase: str, value: float, predicate: str) -> tuple[NumberMention, Statement]:
        s = text.index(phrase)
        n = NumberMention(s, s + len(phrase), phrase, value, "person", "people", kind="count")
        return n, Statement(0, len(text), 0, predicate)

    (na, sa), (nb, sb), (nc, sc) = (
        fig(ta, "49 people", 49, "kill"),
        fig(tb, "51 people", 51, "kill"),
        fig(tc, "16 people", 16, "lose"),
    )
    a, b, c = (art(k, t, k.upper(), numbers=[n], statements=[st]) for k, t, n, st in
               (("a", ta, na, sa), ("b", tb, nb, sb), ("c", tc, nc, sc)))  # fmt: skip
    src = {"a": "a", "b": "b", "c": "c"}
    assert [f["status"] for f in reconcile_figures([a, b], src)] == ["conflict"]  # the same act: compared
    assert reconcile_figures([a, c], src) == []  # 49 killed, 16 running: two things


def test_shares_in_clauses_of_other_acts_are_no_conflict() -> None:
    from storyline.model import Statement

    ta = "In the new poll, 46 percent would choose Ms Reyes."
    tb = "Ms Reyes was supported by 42 percent of those asked."
    tc = "In a later poll, 44 percent would choose Ms Reyes."
    td = "“Just 9 percent of voters changed their minds,” the pollster wrote."

    def fig(text: str, phrase: str, value: float, predicate: str | None) -> tuple[NumberMention, list[Statement]]:
        s = text.index(phrase)
        n = NumberMention(s, s + len(phrase), phrase, value, "percent", "Ms Reyes", kind="percent")
        return n, [Statement(0, len(text), 0, predicate)] if predicate else []

    made = [
        fig(ta, "46 percent", 46, "choose"),
        fig(tb, "42 percent", 42, "support"),
        fig(tc, "44 percent", 44, "choose"),
    ]
    made.append(fig(td, "9 percent", 9, None))
    a, b, c, d = (
        art(k, t, k.upper(), numbers=[n], statements=st)
        for k, t, (n, st) in zip("abcd", (ta, tb, tc, td), made, strict=True)
    )
    src = {k: k for k in "abcd"}
    assert [f["status"] for f in reconcile_figures([a, c], src)] == ["conflict"]  # the same act: compared
    assert reconcile_figures([a, b], src) == []  # chose one, supported the other: two figures
    assert reconcile_figures([a, d], src) == []  # a share in no known clause is compared with none


def test_a_count_of_an_earlier_state_is_no_conflict_with_the_count_now() -> None:
    # "original" sets the count at the founding; "from 16 members to 19" starts a change: neither is the count now
    ta = "The league admitted three clubs on Friday. There were 12 original members of the league."
    tb = "The league grew from 16 members to 19 on Friday, a year after it was founded with an original 12 members."
    tc = "The league now has 16 members of the league, its chairman said."

    def count(text: str, phrase: str, value: float) -> NumberMention:
        return number(text, phrase, value, "member", "members of the league", kind="count")

    na, nb, nb12 = count(ta, "12 original members", 12), count(tb, "16 members", 16), count(tb, "12 members", 12)
    nc = count(tc, "16 members", 16)
    a, b, c = (
        art("a", ta, "Reuters", numbers=[na]),
        art("b", tb, "AP", numbers=[nb, nb12]),
        art("c", tc, "AFP", numbers=[nc]),
    )
    src = {"a": "a", "b": "b", "c": "c"}
    figs = reconcile_figures([a, b, c], src)
    assert [f["status"] for f in figs] == ["agree", "agree"]  # 12 original members twice; 16 twice (equal values)
    assert {v["text"] for v in figs[0]["values"]} == {"12 original members", "12 members"}
    assert compare_numbers(na, nc, a, c) is None
    c.numbers = [count(tc, "16 members", 12)]  # the count now, 12 against 16 from the change's start: no conflict
    assert all(f["status"] != "conflict" for f in reconcile_figures([b, c], src))


def test_a_count_that_rises_between_reports_is_an_update_not_a_conflict() -> None:
    ta = "The blast killed 80 people, officials said."
    tb = "The blast killed 96 people, officials said."
    na, nb = number(ta, "80 people", 80, "person", "people"), number(tb, "96 people", 96, "person", "people")
    a, b = art("a", ta, "Reuters", numbers=[na]), art("b", tb, "AP", numbers=[nb])
    a.published, b.published = "1998-08-07", "1998-08-09"
    (fig,) = reconcile_figures([a, b], {"a": "a", "b": "b"})
    assert fig["status"] == "updated" and fig["why"] == "changed between reports: 80 (1998-08-07) → 96 (1998-08-09)"
    b.published = "1998-08-07"  # the same day, two numbers: outlets disagree
    assert reconcile_figures([a, b], {"a": "a", "b": "b"})[0]["status"] == "conflict"


def test_tolls_of_two_places_are_two_figures() -> None:
    from storyline.model import Statement

    ta = "The blast killed 200 people in Nairobi."
    tb = "The blast killed 10 people in Dar es Salaam."
    na, nb = number(ta, "200 people", 200, "person", "people"), number(tb, "10 people", 10, "person", "people")
    a = art("a", ta, "Reuters", numbers=[na], statements=[Statement(0, len(ta), 0, "kill", "The blast")])
    b = art("b", tb, "AP", numbers=[nb], statements=[Statement(0, len(tb), 0, "kill", "The blast")])
    a.mentions = [Mention(ta.index("Nairobi"), ta.index("Nairobi") + 7, "Nairobi", "GPE")]
    b.mentions = [Mention(tb.index("Dar"), tb.index("Dar") + 13, "Dar es Salaam", "GPE")]
    assert reconcile_figures([a, b], {"a": "a", "b": "b"}) == []
    b.mentions = []  # no place named: compared
    assert reconcile_figures([a, b], {"a": "a", "b": "b"})[0]["status"] == "conflict"
