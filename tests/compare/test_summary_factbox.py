"""A fact box (label lines each followed by one note-form sentence) restates the body and gives no summary sentence."""

from __future__ import annotations

from storyline.compare.summary import SummaryConfig, candidates, fact_box
from storyline.model import Article, Sentence

PARAS = [
    "Xi Jinping spoke with Donald Trump on Monday about Taiwan, trade and the war in Ukraine.",
    "Key Point",
    "Main focus",
    "Xi framed Taiwan's return to China as part of the post-war international order.",
    "Japan angle",
    "Call took place amid a sharp China Japan diplomatic row over remarks by Japan's prime minister.",
    "Planned visits",
    "Trump says he will visit Beijing in April and host Xi later in the year in Washington.",
    "How Taiwan Responded",
    "Taiwan's premier rejected the idea of any return to China. He said only its people can decide.",
]


def _article() -> Article:
    text = "\n\n".join(PARAS)
    paras, sents, at = [], [], 0
    for p in PARAS:
        paras.append((at, at + len(p)))
        pos = at
        for part in p.split(". "):
            end = text.index(part, pos) + len(part)
            sents.append(Sentence(pos, min(end + 1, at + len(p))))
            pos = min(end + 2, at + len(p))
        at += len(p) + 2
    return Article(id="a", path="a.txt", raw=text, text=text, paragraphs=paras, sentences=sents)


def test_the_value_lines_of_a_fact_box_are_found_and_left_out_of_the_summary() -> None:
    a = _article()
    box = [a.text[s:e] for s, e in fact_box(a)]
    assert box == [PARAS[3], PARAS[5], PARAS[7]]
    texts = [c.text for c in candidates([a], SummaryConfig())]
    assert PARAS[0] in texts and not any(t.startswith("Call took place") for t in texts)
    assert any(t.startswith("Taiwan's premier") for t in texts)  # a section's paragraph after its heading stays


def test_two_label_rows_are_no_fact_box() -> None:
    a = _article()
    a.paragraphs = a.paragraphs[:6]
    assert fact_box(a) == []
