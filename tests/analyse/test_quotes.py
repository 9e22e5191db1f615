"""Who said what: quote marks, attribution, speaker resolution, and the five seed articles."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from storyline.analyse.entities import mentions_from_doc
from storyline.analyse.quotes import quoted_spans, quotes_from_doc
from storyline.analyse.quotes.frames import REJECT_FRAMES, UNSAID_FRAMES, Frame, load_frames
from storyline.analyse.quotes.marks import names_a_thing
from storyline.model import Quote

# ------------------------------------------------------------------------------ quote marks (no model)


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quoted_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("He said «we will win» today.", ["we will win"]),
        ("He said ‘we will win’ today.", ["we will win"]),
        ("He said 'we will win' today.", ["we will win"]),
        ("“Yes,” she said.", ["Yes"]),  # the comma that joins the attribution is not quoted
    ],
)
def test_each_quote_style(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_two_apostrophes_or_backticks_are_a_double_quote_mark() -> None:
    assert spans("''That wasn't a good way to treat me,'' he complained.") == ["That wasn't a good way to treat me"]
    assert spans("They ''actually had chemistry,''  said Rhodes.") == ["actually had chemistry"]
    assert spans("He said ``we will win'' today.") == ["we will win"]


def test_marks_inside_markup_left_in_plain_text_quote_nothing() -> None:
    text = (
        'He posted <tweet id="7681" author="@AP" datetime="2016-08-23">BREAKING: “Most met donors” — AP</tweet> '
        'and said "fine." <a href="https://example.org/x">link</a>'
    )
    assert spans(text) == ["Most met donors", "fine."]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Trump’s plan, don’t worry, the ’90s, rock ’n’ roll and the Clintons’ foundation."
    assert spans(text) == []
    assert spans("It's Trump's 'deal' in the '90s.") == ["deal"]


def test_single_quotes_inside_double_quotes_are_part_of_the_quote() -> None:
    assert spans("He said “we’re ‘fine’ here” and left.") == ["we’re ‘fine’ here"]


def test_british_style_double_inside_single() -> None:
    assert spans("‘He said “no” to me,’ she said.") == ["He said “no” to me"]


def test_multi_paragraph_quote_reopened_without_closing() -> None:
    text = "“First paragraph of the quote.\n“Second paragraph, closed,” she said."
    qs = quoted_spans(text)
    assert [text[q.start : q.end] for q in qs] == ["First paragraph of the quote.", "Second paragraph, closed"]
    assert qs[0].chain == qs[1].chain
    assert qs[0].close_mark is None


@pytest.mark.parametrize(
    "text",
    [
        "An orphan closing mark” here, and “a real quote” there.",
        "“Two openers “in a row” then text.",
        "“Never closed at all, to the end of the paragraph\nNext paragraph.",
        '" " " "',
        "‘’‘’“”””“",
        "",
    ],
)
def test_unbalanced_marks_never_raise(text: str) -> None:
    for q in quoted_spans(text):
        assert 0 <= q.start < q.end <= len(text)


def test_unbalanced_marks_recover_the_real_quote() -> None:
    assert "a real quote" in spans("An orphan closing mark” here, and “a real quote” there.")
    assert spans("“Two openers “in a row” then text.") == ["in a row"]


def test_random_marks_never_raise() -> None:
    rng = random.Random(7)
    alphabet = "ab ,.\n“”\"'‘’«»"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for q in quoted_spans(text):
            assert 0 <= q.start < q.end <= len(text)


# ------------------------------------------------------------------------------------ attribution


def run(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return quotes_from_doc(doc, mentions_from_doc(doc))


def find(quotes: list[Quote], words: str, kind: str | None = None) -> Quote:
    hits = [q for q in quotes if words in q.text and (kind is None or q.kind == kind)]
    assert hits, f"no {kind or ''} quote containing {words!r} in {[q.text for q in quotes]}"
    return min(hits, key=lambda q: len(q.text))  # the quoted words rather than a clause holding them


def test_trailing_attribution_with_title_resolves_to_full_name(nlp: Any) -> None:
    text = (
        "Henrietta Levin, a senior fellow, spoke at the event.\n"
        "“It is quite surprising that the president would speak now,” Ms Levin said."
    )
    q = find(run(nlp, text), "quite surprising")
    assert (q.kind, q.speaker, q.cue) == ("direct", "Henrietta Levin", "said")
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == "Henrietta Levin"
    assert text[q.start : q.end] == q.text == "It is quite surprising that the president would speak now"


def test_inverted_attribution(nlp: Any) -> None:
    text = "“China does not expect the United States to abandon Taiwan,” said Neil Thomas, a fellow at the institute."
    q = find(run(nlp, text), "does not expect")
    assert q.speaker == "Neil Thomas" and q.kind == "direct"


def test_pronoun_skips_a_person_of_the_other_gender(nlp: Any) -> None:
    text = (
        "Henrietta Levin noted that Mr Trump had given no indication of it.\n"
        "“That kind of omission could cause Beijing to question American resolve,” she said."
    )
    assert find(run(nlp, text), "omission").speaker == "Henrietta Levin"


def test_he_added_goes_to_the_source_of_the_previous_sentence(nlp: Any) -> None:
    text = (
        "Trump’s call with Xi likely puts a ceiling on the escalation, according to Jeremy Chan, "
        "a senior analyst at Eurasia Group.\n"
        "“Beijing likely used the call to reinforce Trump’s desire for stable relations,” he added."
    )
    q = find(run(nlp, text), "Beijing likely used")
    assert (q.speaker, q.cue) == ("Jeremy Chan", "added")


def test_surname_resolves_to_the_full_name(nlp: Any) -> None:
    text = (
        "Even their endorsement was worrying for Beijing, said Wu Xinbo, an adviser to the government.\n"
        "“The U.S. should handle the Taiwan issue very carefully,” Wu added."
    )
    assert find(run(nlp, text), "handle the Taiwan issue").speaker == "Wu Xinbo"


def test_follow_on_quote_in_the_same_and_the_next_paragraph(nlp: Any) -> None:
    text = (
        "“The outcome of the summit really achieved stability on China’s terms,” Ms Levin said. "
        "“They will continue to try and move the goalposts.”\n"
        "“Beijing will feel that additional concessions are within reach.”"
    )
    quotes = run(nlp, text)
    for words in ("outcome of the summit", "move the goalposts", "additional concessions"):
        q = find(quotes, words)
        assert q.speaker == "Levin" and q.kind == "direct", words


def test_multi_paragraph_quote_shares_its_speaker(nlp: Any) -> None:
    text = (
        "“We have come a long way in the last nine months,” Bernie Sanders told supporters. "
        "“There is nothing we cannot do.\n"
        "“And we will keep going until the very last vote is counted,” he said."
    )
    quotes = run(nlp, text)
    assert find(quotes, "nothing we cannot do").speaker == "Bernie Sanders"
    assert find(quotes, "keep going").speaker == "Bernie Sanders"


def test_partial_quote_takes_the_speaker_of_its_sentence(nlp: Any) -> None:
    text = (
        "Xi has forced Trump to back down by leveraging rare earths — a weapon that Treasury Secretary "
        "Scott Bessent likened to putting the U.S. “under the sword.”"
    )
    q = find(run(nlp, text), "under the sword")
    assert (q.kind, q.speaker, q.cue) == ("partial", "Scott Bessent", "likened")


def test_partial_quote_with_a_participle_cue(nlp: Any) -> None:
    text = (
        "Donald Trump spoke to Xi on Monday. Trump made no mention of Taiwan in his statement, instead "
        "stressing progress on trade and calling relations with China “extremely strong!”"
    )
    q = find(run(nlp, text), "extremely strong")
    assert q.kind == "partial" and q.speaker == "Donald Trump"
    # what he stressed ends before the next cue the parse coordinated into it ("and calling relations …")
    stressed = find(run(nlp, text), "progress on trade")
    assert (stressed.kind, stressed.text) == ("indirect", "progress on trade")


def test_scare_quote_without_speech_is_skipped(nlp: Any) -> None:
    text = "The so-called “deal” was signed in a hotel near the border on Monday."
    assert run(nlp, text) == []


def test_a_scare_quoted_modifier_is_the_writers_not_the_speakers(nlp: Any) -> None:
    # an adjective in quote marks before a noun outside them: the writer's distance from the word, not the
    # words of the one whose clause holds it ("called on the “interim” government")
    text = (
        "Public Ombudsman Nadia Cruz’s office said the deaths were caused by gunshot wounds and called on the "
        "“interim” government to withdraw military units."
    )
    assert [q.text for q in run(nlp, text) if q.kind != "indirect"] == []
    # quoted words that are the noun phrase itself stay the speaker's
    hailed = run(nlp, "Trump hailed “significant progress” on a truce with China.")
    assert [(q.text, q.speaker) for q in hailed] == [("significant progress", "Trump")]


def test_quoted_words_that_name_a_thing_are_nobodys_quote(nlp: Any) -> None:
    # the quoted words after a noun of naming, or before the noun of the thing they name, are a name, not a quote
    text = (
        "The mayor, Ann Porter, agreed last year to pay the bakery $20,000 for the right to use the word “We” "
        "on city signs. Porter later defended the “Bake it local” campaign at a council meeting. "
        "Visitors posted photos under the hashtag “Crumbgate” all weekend."
    )
    assert {q.text for q in run(nlp, text)} == set()
    # a title after the noun of what it names: the book's, not the writer's words
    titled = run(nlp, "The late chemist Ann Porter wrote about such cases in her book “Salt and Light” years ago.")
    assert [q.text for q in titled] == []
    # words someone used are that person's ("used the phrase “…”")
    used = run(nlp, "Ann Porter has used the phrase “bread and circuses” often in her campaign.")
    assert [(q.text, q.speaker) for q in used] == [("bread and circuses", "Ann Porter")]
    # a quote that ends on a comma hands over to its cue, whatever noun follows it
    said = run(nlp, "“We will win this seat,” campaign manager Tom Reyes said on Sunday.")
    assert [(q.text, q.speaker) for q in said] == [("We will win this seat", "Tom Reyes")]
    assert names_a_thing("the hashtag “Crumb” here", 12, 18) and not names_a_thing("said “Crumb” here", 5, 11)


def test_quote_used_as_a_clause_subject_is_a_name(nlp: Any) -> None:
    # a slogan that is the subject of a clause with no speech verb is nobody's words, whoever spoke before it
    text = (
        "Young people in the valley say they are tired of warnings. “Bake. We’re on it” is rolling out across the "
        "county this month."
    )
    assert [q.text for q in run(nlp, text) if q.kind != "indirect"] == []
    # the same shape with a cue or a noun of speech in the clause keeps the words somebody's
    reply = run(nlp, "Ann Porter spoke on Monday. “We will win” is her reply to critics.")
    assert [(q.text, q.speaker) for q in reply] == [("We will win", "Ann Porter")]
    said = run(nlp, "Ann Porter spoke on Monday. “We will win” said Porter.")
    assert [(q.text, q.speaker) for q in said] == [("We will win", "Ann Porter")]


def test_indirect_speech(nlp: Any) -> None:
    text = "In the call on Friday, Xi Jinping told Trump that differences are inevitable between the two powers."
    q = find(run(nlp, text), "differences are inevitable")
    assert q.kind == "indirect" and q.speaker == "Xi Jinping" and q.cue == "told"
    assert text[q.start : q.end] == q.text and not q.text.startswith("that")


@pytest.mark.parametrize(
    "text, content",
    [
        ("Despite that, the minister praised the envoy, the ministry said.", "the minister praised the envoy"),
        ("But the harbour will stay open, officials said.", "the harbour will stay open"),
        ("And so far the talks have gone well, the envoy said.", "so far the talks have gone well"),
        ("Meanwhile, the port reopened, the mayor said.", "the port reopened"),
    ],
)
def test_reported_speech_leaves_the_writers_connective_out(nlp: Any, text: str, content: str) -> None:
    # "Despite that" ties the sentence to the one before it: the writer's words, not the speaker's
    q = find(run(nlp, "The ministry criticised the plan on Monday. " + text), content.split()[1])
    assert q.kind == "indirect" and q.text == content


def test_indirect_speech_with_according_to_and_trailing_cue(nlp: Any) -> None:
    quotes = run(
        nlp,
        "According to China’s foreign ministry, the discussion also covered the war in Ukraine. "
        "Hal Brands, a fellow, spoke later. Trump is siding with TikTok because it helped him, Brands said.",
    )
    q = find(quotes, "the discussion also covered")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "China’s foreign ministry", "according to")
    q = find(quotes, "Trump is siding with TikTok")
    assert (q.kind, q.speaker) == ("indirect", "Hal Brands")


def test_organisation_speaker_resolves_to_its_full_name(nlp: Any) -> None:
    text = (
        "Xi congratulated Trump, the Chinese Ministry of Foreign Affairs said.\n"
        "The key lies with “respecting each other’s core interests and major concerns,” the Chinese ministry said."
    )
    assert find(run(nlp, text), "core interests").speaker == "Chinese Ministry of Foreign Affairs"


def test_straight_and_single_quotes_end_to_end(nlp: Any) -> None:
    quotes = run(nlp, "\"We will win this election,\" Clinton said. 'We have the votes,' she added.")
    assert find(quotes, "win this election").speaker == "Clinton"
    assert find(quotes, "have the votes").speaker == "Clinton"


def test_unbalanced_article_still_gives_its_good_quotes(nlp: Any) -> None:
    text = (
        "An orphan mark” opens this. “Never closed, he started\n"
        "“We will stay the course,” Angela Merkel said on Monday."
    )
    assert find(run(nlp, text), "stay the course").speaker == "Angela Merkel"


def test_glued_closing_mark(nlp: Any) -> None:
    text = "Hillary Clinton spoke in Iowa. “I think it has been most surprising to me,”Clinton said."
    assert find(run(nlp, text), "most surprising").speaker == "Hillary Clinton"


def test_quote_signed_on_the_next_line(nlp: Any) -> None:
    text = (
        "Bernie Sanders spoke on Monday.\n"
        '"The idea that I would dismantle health care in America is just not accurate."\n'
        "- Sanders.\n"
    )
    assert find(run(nlp, text), "dismantle health care").speaker == "Bernie Sanders"


def test_name_and_colon_introduce_a_quote(nlp: Any) -> None:
    text = "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one.”"
    q = find(run(nlp, text), "biggest lessons")
    assert (q.speaker, q.cue) == ("Carl Bialik", None)


def test_appositive_name_beats_the_description(nlp: Any) -> None:
    text = "“We need him because life is very hard here,” said his wife, Gabriela Lazar, on Monday."
    assert find(run(nlp, text), "life is very hard").speaker == "Gabriela Lazar"


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        ("“Get out of my office,” Governor Dana Whitfield barked at the reporter.", "Get out", "Dana Whitfield"),
        ("“This is wonderful!” beamed Harold Pike, a delegate from Ohio.", "wonderful", "Harold Pike"),
        ("Continued Whitfield: “The budget is a moral document and we defend it.”", "moral document", "Whitfield"),
        ("As Maria Gomez put it, “The numbers simply do not add up this year.”", "do not add up", "Maria Gomez"),
        ("From the audit: “Most funds were spent without any record at all.”", "without any record", "the audit"),
        ("“I have lived here all my life, never seen this,” said the 62-year-old.", "lived here", "the 62-year-old"),
    ],
)
def test_more_cue_shapes(nlp: Any, text: str, words: str, speaker: str) -> None:
    q = find(run(nlp, text), words)
    assert q.speaker == speaker


def test_a_surname_the_tagger_reads_as_an_adverb(nlp: Any) -> None:
    text = (
        "But Bill Skelly, a longtime data operative, vouched for the team.\n\n"
        "“Having access to the voter file and two people who understand it is valuable,” said Skelly.\n\n"
        "And Skelly called the director “a real smart guy who understands the data.”"
    )
    qs = run(nlp, text)
    assert find(qs, "Having access").speaker == "Bill Skelly"
    assert find(qs, "real smart guy").speaker == "Bill Skelly"


def test_cue_under_an_adverb_and_more_cue_verbs(nlp: Any) -> None:
    text = (
        "The technology columnist Dana Auerbach went so far as to say: “The network as we know it is over.”\n\n"
        "During the debate, Senator Ruth Okafor cracked, “I am a progressive who likes to get things done.”"
    )
    qs = run(nlp, text)
    assert find(qs, "network as we know").speaker == "Dana Auerbach"
    assert find(qs, "likes to get things done").speaker == "Ruth Okafor"


def test_a_far_weak_cue_that_introduces_the_quote_and_an_appositive_name(nlp: Any) -> None:
    text = (
        "Dashing into a luncheon, Senator Mara Quill, Republican of Ohio, called over her shoulder, "
        "“His comments are not helping.”\n\n"
        "One early supporter, Representative Lee Zeldin, gave the idea a whirl on Tuesday: "
        "“You can easily argue that the plan is wrong.”"
    )
    qs = run(nlp, text)
    assert find(qs, "not helping").speaker == "Mara Quill"
    assert find(qs, "easily argue").speaker == "Lee Zeldin"


def test_trailing_cue_after_a_title_abbreviation_and_a_name_tagged_as_a_verb(nlp: Any) -> None:
    text = (
        "“If she thinks she can play that card on me, she is wrong!” Mr. Trump wrote on Twitter.\n\n"
        '"Jeb wants to be a tough guy tonight," Trump shot back. "Let me talk."'
    )
    qs = run(nlp, text)
    assert find(qs, "she is wrong").speaker == "Trump"
    assert find(qs, "tough guy").speaker == find(qs, "Let me talk").speaker == "Trump"


def test_a_place_before_a_participle_is_not_the_speaker(nlp: Any) -> None:
    text = "Senator Ruth Okafor seemed ready to joke about it in Denver, telling them, “Some people get carried away.”"
    assert find(run(nlp, text), "carried away").speaker == "Ruth Okafor"


def test_unresolved_pronoun_still_carries_to_the_next_quote(nlp: Any) -> None:
    text = "“We have been patient for far too long,” she said. “Now the council must finally act on the housing plan.”"
    qs = run(nlp, text)
    first, second = find(qs, "patient"), find(qs, "council must")
    assert first.speaker is None and second.speaker is None
    assert second.cue == "said"  # attributed to the same "she", not left without a source


def test_a_title_inside_the_speaker_phrase_is_not_a_quote_of_the_speaker(nlp: Any) -> None:
    text = "Kerry Washington, star of “Scandal,” thanked the president for “taking these steps to keep us safe.”"
    qs = run(nlp, text)
    assert find(qs, "taking these steps").speaker == "Kerry Washington"
    assert all(q.text != "Scandal" or q.speaker is None for q in qs)


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        (
            "In a letter to the council, her chief of staff, Tomas Rivera, said: “The plan was never funded.”",
            "never funded",
            "Tomas Rivera",
        ),
        (
            "On the budget, Okafor, who has chaired the committee since 2019, said, “We cannot cut any further.”",
            "cut any further",
            "Okafor",
        ),
        (
            "The row began after Mr. Dalton, asked about the closures in Leeds, said, ''We owe nobody an apology.''",
            "owe nobody",
            "Dalton",
        ),
        (
            "Speaker of the Assembly Rep. Nora Blake (D-NY) said “this bill has no place in our state.”",
            "no place in our state",
            "Nora Blake",
        ),
        ("The mayor was asked by host Ken Adler, “Will you run again next year?”", "run again", "Ken Adler"),
        (
            "Columnist Rhea Tan, in an attempt to draw attention to the delays, wrote, “The mayor answered "
            "a grand total of seven questions.”",
            "seven questions",
            "Rhea Tan",
        ),
        ("“We will not stop until it is finished,”\u00a0added Ortiz.", "not stop", "Ortiz"),
        ("A mother wrote to the minister. Grant’s response was: “Is he from Leeds or York?”", "Leeds or York", "Grant"),
        (
            "''Anyone who divides people is a threat to the country,'' said Rita Marsh, president of the "
            "A.F.L.-C.I.O.\n\nThe pairing could be helped along.",
            "divides people",
            "Rita Marsh",
        ),
        (
            "Senator Ida Moss conceded on Friday. The Iowa senator emailed supporters saying: “The fight goes on.”",
            "fight goes on",
            "Ida Moss",
        ),
        ("Analyst Priya Shah agreed. “The market has already priced that in.”", "priced that in", "Priya Shah"),
        ("“Is that negotiable?” Adler pressed. “Maybe a little, over time?”", "over time", "Adler"),
        ("Hale quotes the former adviser Alan Kerr: “I would do it all again.”", "do it all again", "Alan Kerr"),
        (
            "As the company’s chief, Dana Fox, put it in a memo to staff explaining the deal, “We grow or we go.”",
            "grow or we go",
            "Dana Fox",
        ),
    ],
)
def test_cues_whose_parse_lost_the_subject(nlp: Any, text: str, words: str, speaker: str) -> None:
    assert find(run(nlp, text), words).speaker == speaker


def test_the_cue_whose_clause_holds_the_quote_beats_a_later_one(nlp: Any) -> None:
    text = (
        "Maria Dorn left the firm in 1990.\n\n"
        "Mr. Dorn, however, said he was ''the right man for the job, because I know the business,'' and he "
        "repeated his claim that the board had failed."
    )
    q = find(run(nlp, text), "right man for the job")
    assert text[q.speaker_start : q.speaker_end].endswith("Dorn")
    assert q.speaker != "Maria Dorn"  # "Mr." rules out the woman of the same surname


def test_a_document_issued_before_the_quote_and_a_parenthetical_cue_in_the_next_sentence(nlp: Any) -> None:
    text = (
        "The mayor called for calm. He said the city had to act.\n\n"
        "Within the hour, Senator Lena Ortiz issued a statement, “Our city was attacked last night.”\n\n"
        "Ortiz also voiced regret for ''my failure to reduce the anger in our politics.'' It was, she said, "
        "the hardest year of her career."
    )
    qs = run(nlp, text)
    assert find(qs, "attacked last night").speaker == "Lena Ortiz"
    q = find(qs, "my failure")
    assert text[q.speaker_start : q.speaker_end] in ("Lena Ortiz", "Ortiz") or q.speaker is None
    assert q.speaker in ("Lena Ortiz", None)


def test_a_cue_in_an_embedded_question_and_a_capitalised_cue_opening_a_sentence(nlp: Any) -> None:
    text = (
        "“Many people are unsure this year,” Hollis wrote in a note explaining why he is speaking, “but most of us "
        "agree the country is on the wrong track.”\n\n"
        "Gale herself said Tuesday that “the only way to win is to go and ask.” Asked which county was her favourite, "
        "she demurred."
    )
    qs = run(nlp, text)
    q = find(qs, "wrong track")
    assert text[q.speaker_start : q.speaker_end] == "Hollis"
    q = find(qs, "only way to win")
    assert q.speaker == "Gale" and text[q.speaker_start : q.speaker_end] == "Gale"


def test_an_interview_answer_goes_to_the_one_asked(nlp: Any) -> None:
    text = (
        "“We will win this state,” Senator Dana Holt said in the interview.\n\n"
        "“Would it be negotiable?” host Ray Kimball asked.\n\n"
        "“Maybe, over time, if people register.”\n\n"
        "“And the wall?” Kimball pressed.\n\n"
        "“Not negotiable.”"
    )
    qs = run(nlp, text)
    assert [find(qs, w).speaker for w in ("win this state", "negotiable?", "over time", "the wall", "Not neg")] == [
        "Dana Holt",
        "Ray Kimball",
        "Dana Holt",
        "Ray Kimball",
        "Dana Holt",
    ]


def test_the_person_a_sentence_is_about_speaks_the_quote_after_it(nlp: Any) -> None:
    text = (
        "The bill stalled in committee for a year.\n\n"
        "Senator Alma Reyes touted her record as an original sponsor of the bill. “We need to find ways to "
        "support workers who want a union.”\n\n"
        "The committee adjourned on Friday. “Nothing more will happen this month.”"
    )
    qs = run(nlp, text)
    assert find(qs, "support workers").speaker == "Alma Reyes"
    assert all(q.speaker != "The committee" for q in qs)


def test_a_digest_headline_stands_for_the_story_it_quotes(nlp: Any) -> None:
    text = (
        "TOP STORIES.\n\n"
        "THE LAST BUDGET SPEECH “The chancellor’s final budget will try to frame the choice facing voters.” [FT.]\n\n"
        "FLOOD SURVIVORS, IN THEIR WORDS “It is about giving people a voice in their own story.”\n\n"
        "MARKETS RALLY AGAIN Traders said the rebound had “surprised everyone.” [Reuters.]"
    )
    qs = run(nlp, text)
    q = find(qs, "final budget")
    assert q.kind == "direct" and q.speaker == "FT"
    assert find(qs, "giving people a voice").speaker == "FLOOD SURVIVORS, IN THEIR WORDS"
    assert find(qs, "surprised everyone").speaker == "Traders"


def test_a_partial_quote_goes_to_whoever_uses_it_but_not_a_quoted_name(nlp: Any) -> None:
    text = (
        "Filling in for the candidate, Cornel Ruiz landed a sharp dig at “my dear friend the governor.”\n\n"
        "The United States keeps relations with Beijing, in line with the “one China” policy.\n\n"
        "The country keeps its ties in line with “strategic ambiguity as a doctrine.”"
    )
    qs = run(nlp, text)
    assert find(qs, "my dear friend").speaker == "Cornel Ruiz"
    assert all(q.speaker is None for q in qs if "China" in q.text or "ambiguity" in q.text)


def test_maintain_or_read_with_an_object_is_not_speech(nlp: Any) -> None:
    text = (
        "The United States does not recognise the island as a state and maintains relations with Beijing, "
        "in line with the “one China” policy."
    )
    assert all(q.speaker is None for q in run(nlp, text))


def test_stray_marks_anywhere_keep_every_quote_a_true_slice(nlp: Any) -> None:
    base = (
        "“We have to rebuild the party,” said Maria Lopez, the state chair. ''It will take years,'' she added.\n\n"
        "Her rival, Tom Hale, said the voters wanted results and that the party had ``lost its way.''\n\n"
        "Hale told reporters: “That is exactly the wrong lesson.” Lopez disagreed."
    )
    rng = random.Random(11)
    marks = ["“", "”", '"', "‘", "’", "'", "''", "``", "«", "»", ':"', "\n\n“"]
    for _ in range(25):
        chars = list(base)
        for _ in range(rng.randint(1, 6)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(marks))
        text = "".join(chars)
        for q in run(nlp, text):
            assert text[q.start : q.end] == q.text
            if q.speaker_start is not None and q.speaker_end is not None:
                assert 0 <= q.speaker_start <= q.speaker_end <= len(text)


def test_a_dash_intro_and_a_sentence_opening_on_a_participle_cue(nlp: Any) -> None:
    text = (
        "When the mayor finally wrapped up — “I will fight for you, and I will win for you!” — the crowd roared.\n\n"
        "Later, Councillor Ana Ruiz said the audit “was not good.” Adding, “Like every audit, the worst part is "
        "never the numbers.”"
    )
    qs = run(nlp, text)
    q = find(qs, "fight for you")
    assert q.kind == "direct" and q.speaker == "the mayor"
    assert find(qs, "worst part").speaker == "Ana Ruiz"


def test_archive_double_apostrophes_after_a_sentence_about_the_speaker(nlp: Any) -> None:
    text = (
        "But, Mr. Dorsey said, ''I say nothing privately that I do not say publicly.''\n\n"
        "Mr. Dorsey is unapologetic about his aim. ''I am not hiding that I want her to win the race this year.'' "
        "After all, he says, ''I never claimed to be neutral.''"
    )
    qs = run(nlp, text)
    q = find(qs, "not hiding")
    assert q.speaker == "Dorsey" and text[q.speaker_start : q.speaker_end] == "Dorsey"


def test_a_cue_that_opens_the_next_quote_is_not_the_previous_ones(nlp: Any) -> None:
    text = (
        "As Archbishop Aris Vartan told the Associated Press (AP), “We have suffered the same fate as them.” "
        "He added, “So they should have been among the first to recognise it.”"
    )
    qs = run(nlp, text)
    q = find(qs, "same fate")
    assert text[q.speaker_start : q.speaker_end] == "Aris Vartan"
    assert find(qs, "first to recognise").speaker == "Aris Vartan"


def test_as_x_put_it_past_a_quoted_title_and_a_new_sentence_after_a_quote(nlp: Any) -> None:
    text = (
        "As Dana Holt, professor of law at Yale and author of ''The Quiet Court,'' put it, ''Senators should "
        "remember that a compromise today may be far better.''\n\n"
        "''Our jobs are leaving our states,'' Mr. Reyes said. ''That is my wheelhouse.'' He said, twice, that "
        "he would go back to work on Wednesday."
    )
    qs = run(nlp, text)
    assert find(qs, "compromise today").speaker == "Dana Holt"
    q = find(qs, "wheelhouse")
    assert q.speaker == "Reyes" and text[q.speaker_start : q.speaker_end] == "Reyes"


def test_a_cue_after_a_contracted_clause_belongs_to_the_next_sentence(nlp: Any) -> None:
    from storyline.analyse.quotes import attributions_from_doc

    text = (
        "''Nostalgia is a name that sells,'' he said. ''If you see that, you know what you are getting.'' "
        "That's why, he added, viewers see endless sequels."
    )
    doc = nlp(text)
    atts = attributions_from_doc(doc, mentions_from_doc(doc))
    second = next(a for a in atts if a.quote.text.startswith("If you see"))
    assert second.speaker_local == (text.index("he said"), text.index("he said") + 2)


def test_transcript_lines_with_glued_quote_marks(nlp: Any) -> None:
    text = (
        'Rep. Dana Ortiz (D-Calif.):"Who told you that the figure was right?"\n\n'
        'Former ambassador Lionel Grant:"We learned that from the department itself."\n\n'
        'Grant, on Oct. 22: "That is what I was told at the time."'
    )
    qs = run(nlp, text)
    assert find(qs, "Who told you").speaker == "Dana Ortiz"
    assert find(qs, "We learned").speaker == "Lionel Grant"
    q = find(qs, "what I was told")
    assert q.speaker == "Lionel Grant" and text[q.speaker_start : q.speaker_end] in ("Grant", "Lionel Grant")


def test_another_voice_between_two_quotes_and_an_inverted_one(nlp: Any) -> None:
    text = (
        "“Tell her I kept the photo,” Marsh said, and her husband cut in. “Do not forget me, we go back years.”\n\n"
        "“No more tolls on the bridge,” read one. “Fix the roads first.”"
    )
    qs = run(nlp, text)
    assert find(qs, "kept the photo").speaker == "Marsh"
    assert find(qs, "we go back years").speaker == "her husband"
    assert find(qs, "No more tolls").speaker == "one"


def test_a_weekday_after_the_cue_is_not_the_speaker_nor_a_passive_subject(nlp: Any) -> None:
    text = (
        "An official who spoke anonymously to discuss the talks said Wednesday, “There are discussions under way.”\n\n"
        "The sailor was found guilty of “gross negligence” by the court."
    )
    qs = run(nlp, text)
    assert find(qs, "discussions under way").speaker != "Wednesday"
    assert all(q.speaker != "sailor" for q in qs)


def test_relative_clause_speakers_are_written_as_the_pronoun_and_resolved_to_what_it_stands_for(nlp: Any) -> None:
    from storyline.analyse.quotes import attributions_from_doc

    text = (
        "Tributes came from across the party, including from Indiana Gov. Tom Baird, who called the soldier "
        "“an American hero.”\n\n"
        "The college released a marketing video that said, “We are going to have professors that are terrific.”\n\n"
        "An aide who spoke anonymously to discuss strategy said Monday, “Certainly there are talks going on.”"
    )
    doc = nlp(text)
    atts = {a.quote.text: a for a in attributions_from_doc(doc, mentions_from_doc(doc))}

    def local(words: str) -> str:
        a = next(v for k, v in atts.items() if words in k)
        assert a.speaker_local is not None
        return text[a.speaker_local[0] : a.speaker_local[1]]

    hero = next(a for k, a in atts.items() if "American hero" in k)
    assert hero.quote.speaker == "Tom Baird" and local("American hero") == "who"
    video = next(a for k, a in atts.items() if "professors" in k)
    assert video.quote.speaker == "a marketing video" and local("professors") == "that"
    # the subject of the sentence's own cue, not the relative clause inside it
    talks = next(a for k, a in atts.items() if "talks going on" in k)
    assert talks.quote.speaker is not None and "aide" in talks.quote.speaker and local("talks going on") != "who"


def test_cues_the_tagger_took_for_nouns_and_a_closing_mark_typed_for_an_opening_one(nlp: Any) -> None:
    text = (
        "Article 12 affirms: “No member shall expel a refugee to the frontiers of danger.”\n\n"
        "The ad then cuts to footage of Governor Hale saying, “You have to give them a path to succeed.”\n\n"
        "“The kingdom is a leading nation in fighting terrorism,” the Saudis state in the white paper.\n\n"
        "Earlier in the season, Ms. Dale was critical of every candidate.\n\n"
        "” … they are so not like him,” she said in December. “My father would be appalled.”"
    )
    qs = run(nlp, text)
    assert find(qs, "No member shall").speaker == "Article 12"
    assert find(qs, "give them a path").speaker == "Hale"
    assert find(qs, "leading nation").speaker is not None
    assert "Saudis" in (find(qs, "leading nation").speaker or "")
    assert find(qs, "not like him").speaker == "Dale"
    assert find(qs, "would be appalled").speaker == "Dale"


def test_a_possessed_noun_before_a_quote_is_not_a_cue(nlp: Any) -> None:
    text = "The lawmaker, who represents a district in Albay, said Trump's remarks “have had wide dissemination.”"
    q = find(run(nlp, text), "wide dissemination")
    assert q.speaker is not None and "Trump" not in q.speaker


def test_remarks_statements_voice_overs_and_songs_have_their_speakers(nlp: Any) -> None:
    text = (
        "The union is unlikely to back Ms. Dale after her March comment that, “We are going to put a lot of "
        "mines out of business.”\n\n"
        "The party committee issued a statement apologizing to the senator for the emails.\n\n"
        "“On behalf of everyone here, we want to offer a deep and sincere apology.”\n\n"
        "“They know she is the only one strong enough,” a voice-over in the ad states. “She will stand up.”\n\n"
        "As the Rainmakers sang back in the 1980s, “They will turn us all into beggars.”"
    )
    qs = run(nlp, text)
    assert find(qs, "mines out of business").speaker == "Dale"
    assert "committee" in (find(qs, "sincere apology").speaker or "")
    assert (find(qs, "only one strong").speaker or "").startswith("a voice-over")
    assert find(qs, "She will stand up").speaker == find(qs, "only one strong").speaker
    assert "Rainmakers" in (find(qs, "into beggars").speaker or "")


def test_a_question_answered_by_a_cue_that_opens_the_next_quote(nlp: Any) -> None:
    text = (
        "Ms. Dale responds to Mr. Moss with, “Why now? That was on my way to Lima?” "
        "Mr. Moss then writes back, “You look well.”"
    )
    qs = run(nlp, text)
    assert find(qs, "Why now").speaker == "Dale"
    assert find(qs, "You look well").speaker == "Moss"


def test_a_title_headed_speaker_is_written_with_its_name(nlp: Any) -> None:
    from storyline.analyse.quotes import attributions_from_doc

    text = "Radio Vice President for news and talk Dave Gorab called the show “the conservative news show of record.”"
    doc = nlp(text)
    att = next(a for a in attributions_from_doc(doc, mentions_from_doc(doc)) if "news show" in a.quote.text)
    assert att.quote.speaker == "Dave Gorab"
    assert att.speaker_local is not None and "Dave Gorab" in text[att.speaker_local[0] : att.speaker_local[1]]


def test_a_quote_signed_after_a_dash_on_its_own_line(nlp: Any) -> None:
    text = (
        "The senator spoke to reporters on Monday.\n\n"
        "“We will win this fight.” — Bernie Sanders\n\n"
        "Trump attacked him on Twitter.\n\n"
        "“Be careful, Lyin' Ted, or I will spill the beans on your wife!” — Donald J. Trump (@realDonaldTrump) "
        "March 22, 2016\n\n"
        "The crowd chanted “Make America Great Again” — the slogan Ms. Dale mocked."
    )
    qs = run(nlp, text)
    assert find(qs, "win this fight").speaker == "Bernie Sanders"
    assert find(qs, "spill the beans").speaker == "Donald J. Trump"
    assert all(q.speaker != "Dale" for q in qs)


def test_common_news_shapes_uk_titles_lower_case_institutions_and_questions_put(nlp: Any) -> None:
    text = (
        "'It's a disgrace,' said Labour MP Diane Abbott, who was suspended last year. 'Nobody asked us.'\n\n"
        'In a statement, the foreign ministry said: "China firmly opposes any interference in its affairs."\n\n'
        'Asked whether he would run again, Biden said: "Watch me, and you will see."'
    )
    qs = run(nlp, text)
    assert find(qs, "a disgrace").speaker == "Diane Abbott"
    assert find(qs, "Nobody asked us").speaker == "Diane Abbott"
    assert find(qs, "firmly opposes").speaker == "the foreign ministry"
    assert find(qs, "Watch me").speaker == "Biden"
    assert not [q for q in qs if q.kind == "indirect" and "run again" in q.text]


def test_a_statement_owned_by_an_institution_and_an_unnamed_other(nlp: Any) -> None:
    text = (
        "The ministry's statement read: “The talks were frank and constructive.”\n\n"
        "“It is over,” one official said. Another, who asked not to be named, was more cautious: “We will see.”"
    )
    qs = run(nlp, text)
    assert find(qs, "frank and constructive").speaker == "The ministry"
    assert find(qs, "We will see").speaker == "Another"


def test_indirect_speech_keeps_a_quote_it_ends_in_whole(nlp: Any) -> None:
    text = "Trump spoke with Xi Jinping on Monday. He said the call was “very good.” Xi did not comment."
    q = next(q for q in run(nlp, text) if q.kind == "indirect")
    assert q.text == "the call was “very good.”" and q.speaker == "Trump"


def test_transcript_labels_and_a_description_nobody_was_given(nlp: Any) -> None:
    text = (
        "Bernie Sanders, the Vermont senator, debated Hillary Clinton on Tuesday.\n\n"
        'SANDERS: "I would raise the minimum wage to $15 an hour."\n\n'
        'HOLT: "Secretary Clinton, you have two minutes."\n\n'
        '"Polls go up, polls go down," Sanders said later. "We are going to win this thing."\n\n'
        '"Do you really believe that?" the host asked.\n\n'
        '"Absolutely," the senator replied.'
    )
    qs = run(nlp, text)
    assert find(qs, "minimum wage").speaker == "Bernie Sanders"
    assert find(qs, "two minutes").speaker == "HOLT"
    assert find(qs, "really believe").speaker == "the host"  # nothing made Sanders a host
    assert find(qs, "Absolutely").speaker == "Bernie Sanders"  # he was called the Vermont senator


def test_a_statement_from_an_institution_and_she_for_an_unnamed_role(nlp: Any) -> None:
    text = (
        "“The measures are proportionate,” according to a statement from the Chinese embassy in Washington.\n\n"
        "The minister was blunt. “There will be no deal,” she told parliament. Her deputy, Tom Reed, disagreed. "
        "“We are close,” he said."
    )
    qs = run(nlp, text)
    assert find(qs, "proportionate").speaker == "the Chinese embassy in Washington"
    assert find(qs, "no deal").speaker == "The minister"
    assert find(qs, "We are close").speaker == "Tom Reed"


# ------------------------------------------------------------------- words that are not their subject's


@pytest.mark.parametrize("frame", UNSAID_FRAMES, ids=lambda f: f"{f.why}:{sorted(f.forms)[0]}")
def test_every_unsaid_frame_example_reports_no_speech(nlp: Any, frame: Frame) -> None:
    assert [q.text for q in run(nlp, frame.example)] == []


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[[unsaid]]\nwhy = "x"\nforms = ["allow"]\ndeps = ["xcomp"]', "missing ['example']"),
        ('[[reject]]\nwhy = "x"\nforms = "reject"\ndeps = ["dobj"]\nexample = "e"', "lists of words"),
        ('[[unsaid]]\nwhy = "x"\nforms = []\ndeps = []\nexample = "e"\nunder_it = 1', "unknown ['under_it']"),
        ("[[unsaid]\n", "not valid TOML"),
    ],
)
def test_a_bad_frame_row_is_refused_naming_the_file_and_row(text: str, says: str) -> None:
    with pytest.raises(ValueError, match="frames.toml") as e:
        load_frames(text)
    assert says in str(e.value)


def test_frame_rows_load_with_their_defaults() -> None:
    data = load_frames('[[reject]]\nwhy = "r"\nforms = ["ruled out"]\ndeps = ["dobj"]\nexample = "e"')
    assert data["reject"] == (Frame("r", frozenset({"ruled out"}), frozenset({"dobj"}), "e"),)
    assert data["unsaid"] == () and data["naming_preps"] == frozenset()


@pytest.mark.parametrize("frame", REJECT_FRAMES, ids=lambda f: f.why)
def test_every_reject_frame_example_files_no_quote_of_the_rejecter(nlp: Any, frame: Frame) -> None:
    assert [q.text for q in run(nlp, frame.example) if q.kind != "indirect"] == []


def test_a_cue_the_writer_reads_into_is_no_report(nlp: Any) -> None:
    text = "By linking the disputes, the mayor is effectively asking voters to treat the budget as one single question."
    assert [q.text for q in run(nlp, text)] == []


def test_a_paraphrase_never_ends_on_the_conjunction_of_the_next_act(nlp: Any) -> None:
    text = (
        "The minister reiterated the government’s stated position that it supports all talks that are conducive to"
        " peace and called for a lasting deal to end the war."
    )
    assert find(run(nlp, text), "supports all talks").text == "it supports all talks that are conducive to peace"


@pytest.mark.parametrize(
    "text",
    [
        "The report will allow critics to argue that the policy has failed badly.",
        "Officials are expected to announce that the talks will resume next week.",
        "Critics could argue that the new tariff has failed badly.",
        "He would not say whether the president had approved the plan.",
        "The ministry did not say when the ships would leave the port.",
        "Cho never claimed that the talks had failed completely.",
        "The spokesman refused to tell reporters whether the talks had failed.",
        "Ms Levin avoided saying whether the summit had been a success.",
    ],
)
def test_framing_refusals_and_negations_are_not_indirect_quotes(nlp: Any, text: str) -> None:
    assert [q.text for q in run(nlp, text)] == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Xi sought to argue that the island's return was inevitable.", "Xi"),
        ("The senator tried to claim that the election had been stolen from her.", "The senator"),
        ("Xi used the call to argue that the island's return was inevitable.", "Xi"),
        ("Ms Levin went on to say that the summit had been a success.", "Levin"),
    ],
)
def test_reporting_verbs_of_effort_still_report(nlp: Any, text: str, speaker: str) -> None:
    q = find(run(nlp, text), "", "indirect")
    assert q.speaker == speaker, q


def test_a_report_holding_an_unsaid_one_is_the_quote(nlp: Any) -> None:
    quotes = run(nlp, "Analysts say the governor is likely to argue that rates must rise soon.")
    q = find(quotes, "likely to argue", "indirect")
    assert q.speaker == "Analysts"
    assert [x.text for x in quotes] == [q.text]


def test_the_one_who_declines_to_say_still_speaks_the_quote_after(nlp: Any) -> None:
    text = "The spokesman for the ministry declined to say how many people were held. “We never discuss numbers.”"
    quotes = run(nlp, text)
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker == "The spokesman for the ministry"


@pytest.mark.parametrize(
    "text",
    [
        "Premier Cho rejected the idea of any “return” to the mainland and stressed that the island is sovereign.",
        "Premier Cho dismissed the proposal, saying there is no such option as “return”.",
        "She scoffed at talk of a “reset” with Moscow, saying relations were poor.",
        "The minister ruled out a “return” to the old rules.",
        "Premier Cho told reporters that a “return” to the mainland is not an option for the island.",
    ],
)
def test_a_rejected_term_is_not_the_rejecters_partial_quote(nlp: Any, text: str) -> None:
    quotes = run(nlp, text)
    assert not [q for q in quotes if q.kind == "partial"], quotes
    assert all(q.kind == "indirect" for q in quotes)


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        ("Mr Hale dismissed the report as “fake news” on Monday.", "fake news", "Hale"),  # his name for it
        ("Mr Hale dismissed the “absurd” claims on Monday.", "absurd", "Hale"),  # his word for them
        ("The director said her staff had no “direct evidence” of a breach.", "direct evidence", "The director"),
        ("Premier Cho said the island would never accept “reunification” on those terms.", "reunification", "Cho"),
        # a negated clause that does not call it no option: the arguer's own
        ("Mr Hale argued that the “new deal” is not just a tax plan but a way of life.", "new deal", "Hale"),
        ("Mr Hale said the “dirty tricks” he named were not the same.", "dirty tricks", "Hale"),
        # prepared remarks: the paraphrase is a prediction, the marked words are his
        ("Mr Hale is expected to call for “a new chapter in our history” in his speech.", "a new chapter", "Hale"),
        ("Ms Levin may have said it best when she wrote: “The summit changed nothing.”", "changed nothing", "Levin"),
    ],
)
def test_quoted_words_that_stay_their_speakers(nlp: Any, text: str, words: str, speaker: str) -> None:
    assert find(run(nlp, text), words).speaker == speaker


def test_no_span_is_filed_twice(nlp: Any) -> None:
    text = (
        "Premier Cho rejected the idea of any “return” to China and said the island is sovereign. "
        "He told reporters that a “return” was “not an option” for the island. “We decide,” he said."
    )
    quotes = run(nlp, text)
    assert len({(q.start, q.end) for q in quotes}) == len(quotes)


# ------------------------------------------------------------------------------------ the seeds


@pytest.fixture(scope="module")
def seed_quotes(seeds_dir: Path, nlp: Any) -> dict[str, list[Quote]]:
    from storyline.ingest.readers import read_file
    from storyline.pipeline import analyse, build_article

    out: dict[str, list[Quote]] = {}
    for path in sorted(seeds_dir.iterdir()):
        docs, _ = read_file(path)
        art = build_article(docs[0])
        analyse([art], nlp)
        qs = quotes_from_doc(nlp(art.text), art.mentions)
        for q in qs:
            assert art.text[q.start : q.end] == q.text
            if q.speaker_start is not None and q.speaker_end is not None:
                assert art.text[q.speaker_start : q.speaker_end] == q.speaker
        out[path.name[:3]] = qs
    return out


def spoke(quotes: list[Quote], words: str, speaker: str, kind: str | None = None) -> None:
    q = find(quotes, words, kind)
    assert q.speaker == speaker, (words, q)


def test_seed_000_levin(seed_quotes: dict[str, list[Quote]]) -> None:
    qs = seed_quotes["000"]
    spoke(qs, "So, it is quite surprising", "Henrietta Levin", "direct")
    spoke(qs, "The outcome of the summit in Korea", "Henrietta Levin", "direct")
    spoke(qs, "Beijing will feel that additional US concessions", "Henrietta Levin", "direct")
    spoke(qs, "overreacting as a matter of choice", "Henrietta Levin", "partial")
    # "The senior fellow in China studies at …" describes her anew: a described role may introduce itself
    spoke(qs, "this was a notable omission", "Henrietta Levin", "indirect")


def test_seed_001_analysts_and_officials(seed_quotes: dict[str, list[Quote]]) -> None:
    qs = seed_quotes["001"]
    spoke(qs, "China does not expect the United States", "Neil Thomas", "direct")
    spoke(qs, "She’s facing travel advisories", "Ryan Fedasiuk", "direct")
    spoke(qs, "President Trump would be well within his rights", "Ryan Fedasiuk", "direct")
    spoke(qs, "The U.S. should handle the Taiwan issue very carefully", "Wu Xinbo", "direct")
    spoke(qs, "No one is contemplating that", "Marco Rubio", "direct")
    spoke(qs, "Beijing likely used the call", "Jeremy Chan", "direct")
    spoke(qs, "under the sword", "Scott Bessent", "partial")
    spoke(qs, "extremely strong", "Donald Trump", "partial")
    assert not [q for q in qs if q.text == "Worrisome"]  # a section heading, not a quote


def test_seed_003_xi_brands_trump(seed_quotes: dict[str, list[Quote]]) -> None:
    qs = seed_quotes["003"]
    spoke(qs, "Confrontation and conflict should not be an option", "Xi Jinping", "direct")
    spoke(qs, "So, I think it is a sign", "Hal Brands", "direct")
    spoke(qs, "He certainly isn’t a cold warrior", "Hal Brands", "direct")
    spoke(qs, "President Xi and I will do everything possible", "Donald Trump", "direct")
    spoke(qs, "differences are inevitable", "Xi Jinping", "indirect")


def test_seed_004_cho_jung_tai(seed_quotes: dict[str, list[Quote]]) -> None:
    spoke(seed_quotes["004"], "there is no such option as return", "Cho Jung-tai", "partial")


def test_seed_002_framing_and_a_rejected_term(seed_quotes: dict[str, list[Quote]]) -> None:
    qs = seed_quotes["002"]
    # "rejected the idea of any “return”" (twice) and "told reporters that a “return” … is not an option" are not
    # his word (a negated clause calling it no option; not any negated clause: "the “dirty tricks” he named are
    # not the same" are his words)
    assert [q.cue for q in qs if q.text == "return" and q.speaker and q.speaker.startswith("Cho")] == []
    assert not [q for q in qs if "opposing Beijing’s claim would undermine" in q.text]  # "allows Xi to argue …"
    spoke(qs, "is not just a domestic issue", "Xi Jinping", "indirect")  # "Xi used the call to argue …"


def test_seed_spans_are_filed_once(seed_quotes: dict[str, list[Quote]]) -> None:
    for qs in seed_quotes.values():
        assert len({(q.start, q.end) for q in qs}) == len(qs)


def test_he_after_a_role_speaker_is_that_speaker_not_a_ship_in_the_words(nlp: Any) -> None:
    # the people (or ships) of the reported words are what the speaker talks about, never who "he" is; a
    # speaker named by a role ("Navy spokesperson") is who the next "he said" stands for
    text = (
        "The pirates had surrounded the merchant vessel when INS Mysore intervened, Navy spokesperson said.\n"
        "The pirates had fired at the vessel with small arms, he said.\n"
        "Last month, Navy warship INS Tabar had sunk a mother ship of the pirates.\n"
        "After the attack, INS Mysore escorted MV Gibe to safety, the Navy spokesperson said."
    )
    quotes = run(nlp, text)
    for words in ("surrounded the merchant vessel", "fired at the vessel", "escorted MV Gibe"):
        assert find(quotes, words).speaker == "Navy spokesperson"


def test_an_attribution_parsed_under_the_verb_of_its_words_is_no_ones_words(nlp: Any) -> None:
    text = (
        "President-elect Barack Obama has asked neurosurgeon and CNN medical correspondent Dr. Sanjay Gupta to be "
        "U.S. surgeon general, a senior Democrat said on Tuesday."
    )
    quotes = run(nlp, text)
    assert [(q.text[:24], q.speaker) for q in quotes] == [("President-elect Barack O", "Democrat")]


def test_a_quote_given_to_the_person_the_sentence_before_is_about_has_no_cue(nlp: Any) -> None:
    text = (
        "Nancy O'Higgins attended Ben's wedding a couple of years ago on Hornby Island.\n\n"
        "“They weren't married very long, just a couple of years.”"
    )
    q = find(run(nlp, text), "married very long")
    assert q.speaker == "Nancy O'Higgins" and q.cue is None  # not what she "attended"


def test_reported_words_stay_in_the_paragraph_of_their_cue_unless_it_ends_on_a_colon(nlp: Any) -> None:
    text = (
        "As recently as a season ago, Stefanski said, “we are excited about the future under this direction.”\n"
        "That changed dramatically on Saturday.\n"
        "The team lost again."
    )
    assert not [q for q in run(nlp, text) if q.kind == "indirect"]


def test_reported_words_in_a_relative_clause_start_at_what_they_are_said_of(nlp: Any) -> None:
    # what he said is of the order ("the order was shaped …"); what it said is of the cutting ("cutting 300 jobs was
    # needed": a plural noun with a singular verb), so the claim reads whole, never from "was"
    text = (
        "The minister defended the new order, which he said was shaped through years of talks with the unions. "
        "The company cut 300 jobs, which it said was needed to stay afloat."
    )
    quotes = [q.text for q in run(nlp, text) if q.kind == "indirect"]
    assert quotes == [
        "the new order, which he said was shaped through years of talks with the unions",
        "The company cut 300 jobs, which it said was needed to stay afloat",
    ]


@pytest.mark.parametrize(
    "text, is_name",
    [
        ("Ms Reyes said on WXYZ's “Sunday Table Talk.” that she would run.", True),  # a programme after a possessive
        ("Mr Lund told the network’s “Morning Desk” on Friday that he was ready.", True),
        ("She spoke on “Meet the Mayor” last week.", True),
        ("In an episode of “The Harbor Hour,” the host asked her.", True),  # a work noun, then "of"
        ("There were calls of “Free the Vote” and cheers all night.", False),  # "of" alone: a crowd's words
        ("Mr Lund called it “a disaster for the county” on Friday.", False),  # not title case
        ("He went on “This Will Never Work Because Budgets Are Late Again” for an hour.", False),  # a sentence
    ],
)
def test_title_case_words_after_a_possessive_or_on_name_a_programme(text: str, is_name: bool) -> None:
    open_mark = text.index("“")
    assert names_a_thing(text, open_mark, text.index("”")) == is_name


def test_reported_clause_ending_on_a_double_apostrophe_mark_keeps_both(nlp: Any) -> None:
    text = (
        "In speeches before the vote, the mayor said the town would be ready. In the aftermath of the storm, she "
        "said, the town must be ready to face ``a flood, a fire or a drought.''"
    )
    reported = find(run(nlp, text), "must be ready to face", kind="indirect")
    assert reported.text.endswith("drought.''") and text[reported.start : reported.end] == reported.text
