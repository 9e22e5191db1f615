"""Which language an article is written in, from its commonest function words and its script.

Storyline's quote and event rules read English cue words over an English parse; :func:`language_of` tells an
article they cannot read (:mod:`storyline.pipeline` gives it no quotes and no events). It is conservative: a
text is English unless another language's function words clearly outnumber English ones, or most of its letters
are of a script other than the Latin one; a short or list-like English text (a box score) stays English.

Example:
    >>> language_of("The minister said on Monday that the talks had failed and that he was leaving.")
    'en'
    >>> language_of("O ministro disse que as conversas falharam e que ele vai deixar o cargo em breve.")
    'pt'
    >>> language_of("Министр заявил, что переговоры провалились.")
    'und'
"""

from __future__ import annotations

import re
import unicodedata

from .. import lexicon

__all__ = ["language_of"]

_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(str(v).split()) for lang, v in lexicon.table("language.function_words").items()
}
_WORD = re.compile(r"[^\W\d_]+")
#: Another language is the text's when its function words are this many times the English ones...
_OUTNUMBER = 2.0
#: ... and make up at least this share of the text's words.
_MIN_SHARE = 0.08
#: A text is in another script when fewer than this share of its letters are Latin.
_LATIN_SHARE = 0.5
#: Letters read to tell the script (enough for a page, quick for a long one).
_SAMPLE = 20_000


def language_of(text: str) -> str:
    """The text's language: ``en``, another code of ``language.function_words``, or ``und`` (another script)."""
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "en"
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    if latin / len(letters) < _LATIN_SHARE:
        return "und"
    words = [w.lower() for w in _WORD.findall(sample)]
    counts = {lang: sum(1 for w in words if w in ws) for lang, ws in _WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if best != "en" and counts[best] >= _OUTNUMBER * counts["en"] and counts[best] >= _MIN_SHARE * len(words):
        return best
    return "en"
