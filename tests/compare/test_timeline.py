"""The timeline: one item per happening, merged across outlets and within an article.

Short articles written for these tests; :data:`STORIES` is the hand-labelled set the merge threshold was
chosen on (with the seed story and SemEval-2015 Task 4, see :mod:`storyline.compare.timeline`).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from storyline.compare.timeline import (
    MERGE_THRESHOLD,
    candidates,
    compatible,
    dated_sentences,
    group,
    timeline,
)
from storyline.model import Article, DateMention, Mention, NumberMention, Sentence

PUBLISHED = "2025-11-25"


def art(aid: str, text: str, dates: list[tuple[str, str]], mentions: list[tuple[str, str]] = ()) -> Article:
    """An article with one sentence per full stop, the dates (phrase, value) and mentions (name, entity id)."""
    spans = [m.span() for m in re.finditer(r"\S.*?\.(?=\s|$)", text)]
    found = []
    for phrase, value in dates:
        s = text.index(phrase)
        found.append(DateMention(s, s + len(phrase), phrase, value, "absolute"))
    ms = []
    for name, eid in mentions:
        for m in re.finditer(re.escape(name), text):
            ms.append(Mention(m.start(), m.end(), name, "PERSON", eid))
    return Article(
        id=aid,
        path=f"x/{aid}.txt",
        raw=text,
        text=text,
        source=aid.upper(),
        published=PUBLISHED,
        sentences=[Sentence(s, e) for s, e in spans],
        dates=found,
        mentions=ms,
    )


SUMMIT_A = "Leaders of Brazil and Argentina held a summit in Montevideo in late October to discuss trade."
SUMMIT_B = "The October 30 summit in Montevideo between the two leaders ended with a pledge on trade."
SUMMIT_C = "When the two leaders met in Montevideo last month, trade topped the agenda of the summit."
ROW_A = "A border row flared in October when troops closed the river crossing at Paso de los Libres."
ROW_B = "Soldiers shut the river crossing at Paso de los Libres on October 3, angering the other side."


def summit_story() -> list[Article]:
    return [
        art("a", f"{SUMMIT_A} {ROW_A}", [("late October", "2025-10"), ("October when", "2025-10")]),
        art("b", f"{SUMMIT_B} {ROW_B}", [("October 30", "2025-10-30"), ("October 3,", "2025-10-03")]),
        art("c", SUMMIT_C, [("last month", "2025-10")]),
    ]


def test_one_meeting_dated_three_ways_is_one_item() -> None:
    items = timeline(summit_story())
    summit = [t for t in items if "summit" in t.text or "met" in t.text]
    assert len(summit) == 1
    item = summit[0]
    assert item.date == "2025-10-30"  # the most precise date wins
    assert item.sources == 3 and {c.article_id for c in item.cites} == {"a", "b", "c"}
    assert not item.future


def test_an_item_with_a_commitment_is_worded_by_the_sentence_that_makes_it() -> None:
    """The dossier shows an item's commitment time ("until Oct 2026") beside its text: the text must say it."""
    pledge = "At the October 30 summit in Montevideo the two leaders agreed a one year pause on tariffs."
    arts = summit_story()
    b = art("b", f"{pledge} {ROW_B}", [("October 30", "2025-10-30"), ("October 3,", "2025-10-03")])
    at = pledge.index("one year")
    b.numbers = [NumberMention(at, at + len("one year"), "one year", 1.0, "year", period="2025-10-30/2026-10-30")]
    arts[1] = b
    (summit,) = [t for t in timeline(arts) if t.date == "2025-10-30"]
    assert {c.article_id for c in summit.cites} == {"a", "b", "c"}
    assert summit.text == pledge


def test_two_happenings_in_one_month_stay_apart() -> None:
    items = timeline(summit_story())
    assert len(items) == 2
    row = next(t for t in items if "crossing" in t.text)
    assert row.date == "2025-10-03" and row.sources == 2
    assert all(("summit" in t.text or "met" in t.text) != ("crossing" in t.text) for t in items)


def test_one_article_telling_a_happening_twice_gives_one_item_with_both_cites() -> None:
    text = (
        "Lula will visit Buenos Aires in April to sign the river treaty, his office said. "
        "He confirmed that the April trip to Buenos Aires would go ahead despite the row."
    )
    a = art("a", text, [("in April", "2026-04"), ("April trip", "2026-04")])
    (item,) = timeline([a])
    assert len(item.cites) == 2 and item.sources == 1 and item.future
    assert item.text.startswith("Lula will visit")  # not the sentence that opens on a pronoun


def test_an_item_never_holds_two_different_days() -> None:
    a = art(
        "a",
        "The trade talks in Geneva opened on October 29 with a speech by the trade envoy.",
        [("October 29", "2025-10-29")],
    )
    b = art(
        "b",
        "The trade talks in Geneva closed on October 30 with a speech by the trade envoy.",
        [("October 30", "2025-10-30")],
    )
    c = art(
        "c", "The trade talks in Geneva last month ended with a speech by the trade envoy.", [("last month", "2025-10")]
    )
    items = timeline([a, b, c])
    assert sorted(t.date for t in items) == ["2025-10-29", "2025-10-30"]
    assert sum(len(t.cites) for t in items) == 3  # the month joins one of the days


def test_the_grouping_does_not_depend_on_article_order() -> None:
    story = summit_story()
    seen = set()
    for order in itertools.permutations(story):
        items = timeline(list(order))
        seen.add(tuple(sorted((t.date, t.text, frozenset((c.article_id, c.start) for c in t.cites)) for t in items)))
    assert len(seen) == 1


def test_shared_participants_count_towards_one_happening() -> None:
    ta = "Kishida and Yoon spoke in March about the missile tests."
    tb = "The two leaders of the neighbours agreed in March on new talks."
    tc = "Yoon and Kishida discussed the missile tests again, officials said in March."
    ids = [("Kishida", "k"), ("Yoon", "y")]
    a = art("a", ta, [("in March", "2026-03")], ids)
    b = art("b", tb, [("in March", "2026-03")])
    c = art("c", tc, [("in March", "2026-03")], ids)
    groups = group(candidates([a, b, c], PUBLISHED))
    assert sorted(map(len, groups)) == [1, 2]


def test_compatible_dates() -> None:
    assert compatible("2025-10", "2025-10-30") and compatible("2025-10-30", "2025-10")
    assert compatible("2026", "2026-04") and not compatible("2025-10-29", "2025-10-30")
    assert not compatible("2025-10", "2025-11-03")


def test_a_written_date_wins_over_a_weekday_of_the_same_sentence() -> None:
    text = "At least 40 people died when the quake struck near Nazca on Thursday, May 2."
    a = art("a", text, [])
    a.dates = [
        DateMention(text.index("on Thursday"), text.index(", May"), "on Thursday", "2024-05-16", "weekday"),
        DateMention(text.index("May 2"), text.index("May 2") + 5, "May 2", "2024-05-02", "month-day"),
    ]
    assert [v for v, _, _ in dated_sentences(a, "2024-05-22")] == ["2024-05-02"]


# ------------------------------------------------------------------- the hand-labelled stories


#: Hand-written stories: each outlet's article is a list of (sentence, the happening it dates or None).
#: Published 2024-05-22 (a Wednesday) unless :data:`PUBLISHED_ON` says otherwise. Traps on purpose: different
#: happenings in one month with the same people ("Boeing … in April" three times), one day (a missile fired
#: hours before a summit), one kind (two semi-finals), and one happening told in other words.

STORIES: dict[str, dict[str, list[tuple[str, str | None]]]] = {
    "summit": {
        "Reuters": [
            (
                "President Lula of Brazil and President Milei of Argentina held talks in Montevideo on April 12.",
                "summit",
            ),
            ("The two leaders agreed to reopen a disputed river crossing.", None),
            (
                "A border row had flared in April when Argentine troops closed the crossing at Paso de los Libres.",
                "row",
            ),
            ("Lula said he would travel to Buenos Aires in September for a second round.", "visit"),
        ],
        "AP": [
            ("Lula and Milei sat down in Montevideo last month with trade at the top of their agenda.", "summit"),
            ("The crossing at Paso de los Libres was shut by Argentine soldiers on April 3, angering Brasilia.", "row"),
            ("He is expected to visit Buenos Aires in September, officials said.", "visit"),
        ],
        "Folha": [
            ("The mid-April summit in Montevideo was the first meeting between Lula and Milei since 2023.", "summit"),
            ("“We have turned a page,” Milei told reporters in Montevideo in April.", "summit"),
            ("Brazil's foreign ministry confirmed a state visit by Lula to Buenos Aires in September.", "visit"),
        ],
    },
    "quake": {
        "BBC": [
            ("A magnitude 6.8 earthquake struck southern Peru on May 2, killing at least 40 people.", "quake"),
            ("Rescue teams from Lima reached the town of Nazca on May 3.", "rescue"),
            ("A weaker aftershock shook the region on May 9, damaging a hospital in Ica.", "aftershock"),
        ],
        "Guardian": [
            ("The earthquake that hit Peru earlier this month destroyed hundreds of homes around Nazca.", "quake"),
            ("The government declared a state of emergency in Ica on May 4.", "emergency"),
            ("The May 9 aftershock forced the evacuation of the hospital in Ica.", "aftershock"),
        ],
        "El Comercio": [
            ("At least 40 people died when the quake struck near Nazca on Thursday, May 2.", "quake"),
            ("Soldiers and rescue teams arrived in Nazca on May 3 with heavy equipment.", "rescue"),
            ("President Boluarte will visit the damaged towns of Ica next month, her office said.", "president visit"),
        ],
    },
    "merger": {
        "FT": [
            ("Nordbank and Helvetia Credit announced a merger worth 12 billion euros on March 4.", "merger"),
            ("Nordbank's chief executive Anna Lind resigned in March after a dispute over the terms.", "resignation"),
            ("Shareholders of both banks will vote on the deal in July.", "vote"),
        ],
        "Bloomberg": [
            (
                "The 12 billion euro merger of Nordbank and Helvetia Credit, agreed in March, still needs approval.",
                "merger",
            ),
            ("Anna Lind stepped down as Nordbank's chief executive on March 18.", "resignation"),
            ("A shareholder vote on the merger is planned for July, the banks said.", "vote"),
        ],
        "Handelsblatt": [
            ("Since the merger was announced on March 4, Nordbank shares have risen by 14 percent.", "merger"),
            ("The European Commission opened an antitrust review of the deal on April 22.", "review"),
            ("Regulators in Brussels began looking at the merger last month.", "review"),
        ],
    },
    "trial": {
        "CNN": [
            ("A jury in Houston found former senator Mark Ellis guilty of bribery on Friday.", "verdict"),
            ("His trial had opened in April with testimony from two former aides.", "trial"),
            ("Judge Maria Lopez set sentencing for June 14.", "sentencing"),
        ],
        "NYT": [
            ("Mark Ellis was convicted on Friday of taking bribes from a Texas construction firm.", "verdict"),
            ("He will be sentenced on June 14, the judge said.", "sentencing"),
            ("The construction firm's owner pleaded guilty in March and testified against him.", "plea"),
        ],
        "Houston Chronicle": [
            ("The verdict against Ellis came after three days of deliberations that ended on May 17.", "verdict"),
            ("Ellis's trial began on April 8 in federal court in Houston.", "trial"),
            ("Prosecutors said in March that the firm's owner had agreed to cooperate.", "plea"),
        ],
    },
    "election": {
        "AFP": [
            ("Voters in Portugal went to the polls on Sunday in a snap parliamentary election.", "election"),
            ("Official results published on Monday gave the Socialists 31 percent of the vote.", "results"),
            ("The new parliament will meet for the first time on June 3.", "parliament"),
        ],
        "Reuters": [
            ("Portugal's election on May 19 ended without a majority for any party.", "election"),
            ("The electoral commission released the final count on May 20.", "results"),
            ("President Rebelo de Sousa will meet party leaders next week to discuss a government.", None),
        ],
        "Publico": [
            ("Turnout in Sunday's vote was the highest since 2005, the commission said.", "election"),
            ("The Socialists won 31 percent, according to results released on Monday.", "results"),
            ("The prime minister called the snap vote in March after a corruption inquiry.", "called vote"),
            ("Lawmakers are due to take their seats on June 3.", "parliament"),
        ],
    },
    "storm": {
        "AP": [
            (
                "Hurricane Alma made landfall near Corpus Christi on May 14 with winds of 120 miles per hour.",
                "landfall",
            ),
            ("More than 200,000 people were ordered to evacuate on May 13.", "evacuation"),
            ("A separate wildfire burned 5,000 acres near Austin in May.", "wildfire"),
        ],
        "CNN": [
            (
                "Alma came ashore last week near Corpus Christi, flooding streets and cutting power to 300,000 homes.",
                None,
            ),
            ("Officials ordered the evacuation of coastal towns on May 13, a day before the storm hit.", "evacuation"),
            ("The hurricane struck the Texas coast on May 14, the earliest landfall on record.", "landfall"),
        ],
        "Texas Tribune": [
            ("When the storm hit Corpus Christi on May 14, many residents had already left.", "landfall"),
            ("Firefighters contained the wildfire west of Austin on May 16 after four days.", "wildfire"),
            ("Governor Abbott will tour the flooded areas in June, his office said.", "tour"),
        ],
    },
    "trade": {
        "Reuters": [
            ("Washington imposed tariffs of 25 percent on European steel in February.", "tariffs"),
            ("The European Union retaliated in March with duties on American whiskey and motorcycles.", "retaliation"),
            ("Negotiators from both sides will meet in Geneva in June to try to end the dispute.", "talks"),
        ],
        "Politico": [
            (
                "The steel tariffs, announced by the White House on February 9, hit German and Italian mills hardest.",
                "tariffs",
            ),
            ("Brussels answered on March 12 with levies on bourbon and Harley-Davidson motorcycles.", "retaliation"),
            ("Talks between EU and US trade officials are scheduled for June 10 in Geneva.", "talks"),
        ],
        "Handelsblatt": [
            ("German steelmakers have cut 4,000 jobs since the US tariffs took effect in February.", "tariffs"),
            ("The EU's countermeasures in March targeted American whiskey, jeans and motorcycles.", "retaliation"),
            (
                "Trade commissioner Dombrovskis travelled to Washington in April to prepare the Geneva talks.",
                "prep trip",
            ),
        ],
    },
    "final": {
        "ESPN": [
            ("Real Madrid beat Borussia Dortmund 2-0 in the Champions League final at Wembley on Saturday.", "final"),
            ("Vinicius Junior was injured in the semi-final against Bayern Munich on May 8.", "semi"),
            ("The club will hold a victory parade in Madrid on Sunday, May 26.", "parade"),
        ],
        "Marca": [
            ("Madrid won the final on May 18 with goals from Carvajal and Vinicius.", "final"),
            ("Thousands of fans are expected at the parade through Madrid on May 26.", "parade"),
            ("The semi-final against Bayern on May 8 was decided by two late goals from Joselu.", "semi"),
        ],
        "Kicker": [
            ("Dortmund lost Saturday's final at Wembley despite dominating the first half.", "final"),
            ("Dortmund had knocked out Paris Saint-Germain in the semi-final on May 7.", "other semi"),
            ("The club's supporters will welcome the team back in Dortmund on Sunday.", "welcome"),
        ],
    },
    "budget": {
        "LA Times": [
            (
                "Mayor Karen Bass presented a 13 billion dollar budget to the Los Angeles city council on April 19.",
                "presented",
            ),
            ("The council voted in May to raise parking fines by 20 percent.", "fines"),
            ("The council is expected to approve the budget in June.", "approval"),
        ],
        "LAist": [
            ("Bass unveiled her spending plan last month, proposing cuts to police overtime.", "presented"),
            ("On May 14 the council approved higher parking fines for downtown streets.", "fines"),
            ("A final vote on the budget is set for June.", "approval"),
            ("The council held a public hearing on the budget on May 7.", "hearing"),
        ],
        "Daily News": [
            ("The city's budget, presented on April 19, closes a gap of one billion dollars.", "presented"),
            ("At a hearing on May 7, residents criticised the planned closures of libraries.", "hearing"),
            ("Councillors must approve the spending plan by the end of June.", "approval"),
            ("The council approved a new contract for the city's firefighters in April.", "contract"),
        ],
    },
    "boeing": {
        "Seattle Times": [
            (
                "Boeing's chief executive testified before the Senate in April about the company's safety culture.",
                "testimony",
            ),
            ("A door panel blew off an Alaska Airlines jet on January 5.", "door"),
            ("Boeing delivered 24 airliners in April, down from 45 a year earlier.", "deliveries"),
        ],
        "Reuters": [
            ("Dave Calhoun told senators on April 17 that Boeing had learned from its mistakes.", "testimony"),
            ("Deliveries fell to 24 jets in April as regulators capped production.", "deliveries"),
            ("The FAA capped production of the 737 Max in January after the door incident.", "cap"),
        ],
        "WSJ": [
            ("The January blowout of a door plug on an Alaska Airlines flight left a hole in the fuselage.", "door"),
            (
                "In April, a former quality manager told a separate House committee that Boeing had ignored warnings.",
                "whistleblower",
            ),
            ("The FAA barred Boeing from raising 737 Max output on January 24.", "cap"),
        ],
    },
    "neighbours": {
        "Yonhap": [
            (
                "Prime Minister Kishida and President Yoon met in Tokyo in March to mend ties between the neighbours.",
                "summit",
            ),
            (
                "In March, Yoon also announced a plan to compensate wartime labourers without Japanese money.",
                "compensation",
            ),
            ("Kishida and Yoon held talks again at the G7 summit in Hiroshima on May 21.", "g7"),
        ],
        "Kyodo": [
            ("Yoon's visit to Tokyo on March 16 was the first by a South Korean leader in 12 years.", "summit"),
            ("Japan lifted its export curbs on South Korea in March, reversing a decision taken in 2019.", "curbs"),
            ("Kishida and Yoon spoke by phone in April about North Korea's missile tests.", "phone"),
        ],
        "Korea Herald": [
            ("Yoon and Kishida agreed in March to restart regular visits between their capitals.", "summit"),
            ("North Korea fired a ballistic missile into the sea on March 16, hours before the summit.", "missile"),
            ("The two leaders met on the sidelines of the Hiroshima G7 on May 21 and visited a memorial.", "g7"),
        ],
    },
    "canberra": {
        "ABC": [
            (
                "Prime Minister Albanese met President Xi in Beijing in November, the first visit by an Australian "
                "leader since 2016.",
                "visit",
            ),
            ("In November, China also dropped its tariffs on Australian wine.", "wine"),
        ],
        "SMH": [
            ("Albanese's talks with Xi on November 6 covered trade and the detained writer Yang Hengjun.", "visit"),
            ("A Chinese warship injured Australian navy divers with sonar pulses in November, Canberra said.", "sonar"),
        ],
        "Guardian Australia": [
            (
                "During his November visit, Albanese walked through the Temple of Heaven, as Gough Whitlam had "
                "in 1973.",
                "visit",
            ),
            ("Beijing's decision to end the wine tariffs, announced in November, takes effect in March.", "wine"),
            ("Albanese raised the sonar incident with Xi at a summit in San Francisco on November 16.", "apec"),
        ],
    },
}

PUBLISHED_ON = {"canberra": "2023-12-01"}


@pytest.fixture(scope="module")
def labelled(nlp: Any) -> dict[str, tuple[list[Article], dict[str, list[tuple[int, int, str | None]]]]]:
    from storyline.analyse.entities import canonicalize
    from storyline.pipeline import analyse, date_article

    out = {}
    for name, outlets in STORIES.items():
        arts, labels = [], {}
        for outlet, sentences in outlets.items():
            text, spans = "", []
            for s, label in sentences:
                text += " " if text else ""
                spans.append((len(text), len(text) + len(s), label))
                text += s
            a = Article(
                id=f"{name}-{outlet}",
                path=f"{name}/{outlet}.txt",
                raw=text,
                text=text,
                source=outlet,
                published=PUBLISHED_ON.get(name, "2024-05-22"),
            )
            arts.append(a)
            labels[a.id] = spans
        analyse(arts, nlp)
        for a in arts:
            date_article(a)
        canonicalize(arts)
        out[name] = (arts, labels)
    return out


def pair_counts(arts: list[Article], labels: dict[str, list[tuple[int, int, str | None]]]) -> tuple[int, int, int]:
    """(true, false, missed) pairs of dated sentences with compatible dates put in one happening."""
    cands = candidates(arts, max(a.published or "" for a in arts))
    gold = [
        next((lab for s, e, lab in labels[c.article.id] if s <= c.start < e), None) or f"?{i}"
        for i, c in enumerate(cands)
    ]
    owner = {i: k for k, g in enumerate(group(cands, MERGE_THRESHOLD)) for i in g}
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(cands)), 2):
        if compatible(cands[i].date, cands[j].date):
            same, joined = gold[i] == gold[j], owner[i] == owner[j]
            tp, fp, fn = tp + (same and joined), fp + (joined and not same), fn + (same and not joined)
    return tp, fp, fn


@pytest.mark.parametrize("name", ["summit", "quake", "trial", "storm", "final"])
def test_labelled_story_is_grouped_as_labelled(name: str, labelled: Any) -> None:
    assert pair_counts(*labelled[name])[1:] == (0, 0)


def test_labelled_stories_pairwise_precision_and_recall(labelled: Any) -> None:
    """A floor, not a measure: the figures (and how the threshold was chosen) are in the timeline module."""
    tp, fp, fn = (sum(x) for x in zip(*(pair_counts(*v) for v in labelled.values()), strict=True))
    assert tp / (tp + fp) >= 0.8 and tp / (tp + fn) >= 0.85, (tp, fp, fn)


def test_a_question_or_a_call_to_the_reader_is_no_happening() -> None:
    from storyline.compare.timeline import dated_sentences
    from storyline.model import Article, DateMention, Sentence

    text = (
        "Women, start making your moves today! Will the senate confirm her today? "
        "The senate confirmed her as surgeon general today."
    )
    spans = [(0, 37), (38, 73), (74, len(text))]
    dates = [
        DateMention(
            start=text.find("today", s), end=text.find("today", s) + 5, text="today", value="2009-07-13", how="relative"
        )
        for s, _ in spans
    ]
    a = Article(id="a", path="a.txt", raw=text, text=text, sentences=[Sentence(s, e) for s, e in spans], dates=dates)
    assert [(v, s) for v, s, _ in dated_sentences(a, "2009-07-13")] == [("2009-07-13", 74)]


def test_a_time_stamp_line_is_no_happening() -> None:
    from storyline.compare.timeline import dated_sentences
    from storyline.model import Article, DateMention, Sentence

    text = "Sat Nov 12 2011, 01:19 hrs\nThe navy foiled a pirate attack on Nov 12, 2011, officers said."
    d1 = DateMention(start=0, end=15, text="Sat Nov 12 2011", value="2011-11-12", how="absolute")
    d2 = DateMention(start=17, end=26, text="01:19 hrs", value="2011-11-12T01:19", how="clock", type="TIME")
    s = text.find("Nov 12, 2011")
    d3 = DateMention(start=s, end=s + 12, text="Nov 12, 2011", value="2011-11-12", how="absolute")
    a = Article(
        id="a",
        path="a.txt",
        raw=text,
        text=text,
        sentences=[Sentence(0, 26), Sentence(27, len(text))],
        dates=[d1, d2, d3],
    )
    assert [s for _, s, _ in dated_sentences(a, "2011-11-12")] == [27]


def test_a_range_of_years_is_dated_by_its_first_year() -> None:
    import datetime as dt

    from storyline.analyse.dates import extract_dates
    from storyline.compare.timeline import dated_sentences
    from storyline.model import Article, Sentence

    text = "The club opened the 2009-10 season with a new coach in its home stadium."
    a = Article(
        id="a",
        path="a.txt",
        raw=text,
        text=text,
        sentences=[Sentence(0, len(text))],
        dates=extract_dates(text, dt.date(2009, 5, 1)),
    )
    # "10" (2010) is the season's end, no day of its happenings; the season's start, 2009, is no later than the
    # reference, so the sentence takes no year
    assert dated_sentences(a, "2009-05-01") == []


def test_an_embedded_posts_signature_is_no_happening() -> None:
    """A line with a name, a handle and a date and no clause ("— Jo Doe (@jodoe) November 18, 2025.") dates no
    happening; a sentence the parse found a clause in does."""
    from storyline.model import Statement

    sig = "— Lena Marsh (@lenamarsh) November 18, 2025."
    a = art("a", f"{SUMMIT_B} {sig}", [("October 30", "2025-10-30"), ("November 18, 2025", "2025-11-18")])
    a.statements = [Statement(0, len(SUMMIT_B), 0, "end", "summit")]
    assert [v for v, _, _ in dated_sentences(a, PUBLISHED)] == ["2025-10-30"]
    a.statements = []  # an article the statements were not read for: nothing is left out
    assert sorted(v for v, _, _ in dated_sentences(a, PUBLISHED)) == ["2025-10-30", "2025-11-18"]


def test_a_time_with_no_day_named_dates_no_happening() -> None:
    """ "Around midnight" alone is put on the reference's day by default (TimeML's convention), which says
    nothing of the day a story's past happening took place; "at 9 p.m. on May 18" does."""
    text = "It was around midnight when a tip led the police officers to the room. " + SUMMIT_B
    a = art("a", text, [("around midnight", "2025-11-25T24:00"), ("October 30", "2025-10-30")])
    a.dates[0].how = "clock"
    assert [v for v, _, _ in dated_sentences(a, PUBLISHED)] == ["2025-10-30"]
    a.dates[0].how = "clock-day"
    assert sorted(v for v, _, _ in dated_sentences(a, PUBLISHED)) == ["2025-10-30", "2025-11-25"]


def test_a_piece_of_a_longer_quotation_is_shown_whole() -> None:
    text = (
        "“Buyers are staying home. The usual discounts simply do not work this spring,” said Ana Ruiz on March 3. "
        "Sales fell by a third."
    )
    a = art("a", text, [("March 3", "2025-03-03")])
    (item,) = timeline([a])
    assert item.text.startswith("“Buyers are staying home.") and item.text.endswith("on March 3.")


def test_a_lone_sentence_that_needs_the_one_before_is_left_out() -> None:
    a = art("a", "The board will meet again. That decision is due by the end of March.", [("March", "2025-03")])
    b = art("b", "Instead, the ferry will run twice a day from March 1 onwards.", [("March 1", "2025-03-01")])
    c = art("c", "This week the harbour board voted on March 4 to close the old pier.", [("March 4", "2025-03-04")])
    assert [t.text for t in timeline([a, b, c])] == [
        "This week the harbour board voted on March 4 to close the old pier."
    ]


def test_a_date_that_names_a_nouns_time_does_not_date_its_sentence() -> None:
    """ "grilled aides on Trump's July 25 phone call" happened in the morning the sentence names, not on July 25;
    a sentence whose only date is a noun's in a phrase ("in the run-up to the 2026 election") is not dated by it,
    unless that noun is its subject ("The July 25 phone call is at the heart of the inquiry")."""
    from storyline.compare.timeline import dated_sentences, names_another_time
    from storyline.model import Statement

    grill = "In the morning, lawmakers grilled two aides on the July 25 phone call for six hours."
    a = art("a", grill, [("the morning", "2025-11-19"), ("July 25", "2025-07-25")])
    a.statements = [Statement(0, len(grill), 0, "grill", "lawmakers")]
    assert [v for v, _, _ in dated_sentences(a, PUBLISHED)] == ["2025-11-19"]
    run_up = "The governor claimed victory in the run-up to the 2026 election for the state senate seat."
    b = art("b", run_up, [("2026", "2026")])
    b.statements = [Statement(0, len(run_up), 0, "claim", "The governor")]
    assert dated_sentences(b, PUBLISHED) == []
    call = "The July 25 phone call is at the heart of the inquiry into the governor."
    c = art("c", call, [("July 25", "2025-07-25")])
    c.statements = [Statement(0, len(call), 0, "be", "The July 25 phone call")]
    assert [v for v, _, _ in dated_sentences(c, PUBLISHED)] == ["2025-07-25"]
    lost = "Dortmund lost Saturday's final at Wembley."
    assert names_another_time(lost, lost.index("Saturday"), lost.index("Saturday") + 8)
    said = "critics who on Sunday cast his responses as inappropriate"
    assert not names_another_time(said, said.index("on Sunday"), said.index("on Sunday") + 9)


def test_a_sentence_ending_on_a_colon_or_a_dash_is_no_happening() -> None:
    from storyline.compare.timeline import dated_sentences
    from storyline.model import Article, DateMention, Sentence

    pieces = [
        "On May 4, the mayor made the following comment:",
        "“I was in Dayton on May 4 with the whole crew, and then in Akron with 300 —.”",
        "The council voted on May 4 to close the plant.",
    ]
    text = " ".join(pieces)
    spans, pos = [], 0
    for p in pieces:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 1
    dates = [
        DateMention(
            start=text.find("May 4", s), end=text.find("May 4", s) + 5, text="May 4", value="2016-05-04", how="date"
        )
        for s, _ in spans
    ]
    a = Article(id="a", path="a.txt", raw=text, text=text, sentences=[Sentence(s, e) for s, e in spans], dates=dates)
    assert [(v, s) for v, s, _ in dated_sentences(a, "2016-05-10")] == [("2016-05-04", spans[2][0])]


def test_he_or_she_is_not_bracketed_with_a_speaker_named_by_no_name() -> None:
    from storyline.compare.timeline import speaker_in
    from storyline.model import Article, Quote

    text = "He released a note from his doctor on Friday that says he is “in fine shape” for his age."
    q = Quote(text.index("in fine"), text.index("” for"), "in fine shape", "partial", speaker="a note from his doctor")
    a = Article(id="a", path="a.txt", raw=text, text=text, quotes=[q])
    assert speaker_in(a, 0, len(text)) is None
    q.speaker = "Dan Ruiz"  # a named speaker is still who "he" stands for
    assert speaker_in(a, 0, len(text)) == "Dan Ruiz"
    they = "They said on Friday that the plant was “in fine shape” again."
    q2 = Quote(they.index("in fine"), they.index("” again"), "in fine shape", "partial", speaker="the inspectors")
    assert speaker_in(Article(id="b", path="b.txt", raw=they, text=they, quotes=[q2]), 0, len(they)) == "the inspectors"


def test_a_line_that_opens_what_follows_is_no_happening() -> None:
    from storyline.compare.timeline import dated_sentences

    text = (
        "The Valmera Post said in an editorial on Monday, March 2:\n\n"
        "The council closed the river bridge on Monday, March 2, after inspectors found cracks."
    )
    intro = text.index("\n")
    spans = [(0, intro), (intro + 2, len(text))]
    dates = [
        DateMention(start=text.find("Monday", s), end=text.find("Monday", s) + 16, text="Monday, March 2",
                    value="2026-03-02", how="absolute")
        for s, _ in spans
    ]  # fmt: skip
    a = Article(id="a", path="a.txt", raw=text, text=text, sentences=[Sentence(s, e) for s, e in spans], dates=dates)
    assert [(v, s) for v, s, _ in dated_sentences(a, "2026-03-10")] == [("2026-03-02", intro + 2)]
