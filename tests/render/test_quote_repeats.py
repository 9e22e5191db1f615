"""The same words by the same speaker in several articles (a wire story's later versions) are one quote entry."""

from __future__ import annotations

from storyline.render.dossier import same_words_once
from storyline.render.dossier_base import SourceCite
from storyline.render.dossier_model import QuoteEntry

WORDS = "The bridge will stay shut until the spring"


def _entry(article: str, text: str = WORDS, speaker: str | None = "Lena Ortiz", kind: str = "direct") -> QuoteEntry:
    return QuoteEntry(text, kind, speaker, cue="said", cite=SourceCite(article, 10, 10 + len(text), "Valmera Post"))


def test_a_later_versions_repeat_is_one_entry_with_both_cites() -> None:
    first, later = _entry("a1"), _entry("a2", text="the bridge will  stay shut until the spring")
    other = _entry("a2", text="Repairs will take a year")
    shown = same_words_once([first, other, later])
    assert [q.text for q in shown] == [WORDS, "Repairs will take a year"]
    assert [c.article_id for c in shown[0].also] == ["a2"]
    assert QuoteEntry.from_json(shown[0].to_json()) == shown[0]


def test_other_speaker_or_kind_stays_apart() -> None:
    shown = same_words_once([_entry("a1"), _entry("a2", speaker="Sam Okafor"), _entry("a3", kind="indirect")])
    assert len(shown) == 3
    assert all(not q.also for q in shown)
