"""Who said what: direct, partial and indirect quotes in one article, with their speakers.

Pure Python over a parsed spaCy ``Doc`` (tagger + parser + NER; the lemmatizer is not needed) and the
article's entity mentions. Three steps:

1. :func:`quoted_spans` pairs quote marks at the character level, paragraph by paragraph: curly,
   straight, single and double marks and guillemets; apostrophes ("Trump’s", "don’t", "the ’90s") are
   told apart from single quotes by their neighbours; a quote left open at the end of a paragraph and
   reopened at the start of the next is one quote in several pieces (the news convention); unbalanced
   marks never raise — an orphan closing mark is ignored, a quote left open is cut at its paragraph end.
2. Each quoted span is attributed: the nearest cue verb outside quote marks in its sentence ("said",
   "told", "added", inverted "said X", "according to X", "saying", "calling"), preferring one right
   after the closing mark; the speaker is the cue's subject (climbing from participles and conjuncts to
   the verb that has one). A quote with no cue of its own takes the speaker of the quote before it in
   its paragraph, of the other pieces of a multi-paragraph quote, or of the previous paragraph's last
   sentence. Quotes that fill a sentence are ``direct``, quoted fragments inside one are ``partial``.
3. Indirect speech: a cue verb with a content clause ("X said (that) …", "X told Y that …",
   "…, X said.", "according to X, …", "As X noted, …"), with what it said as an object or complement
   ("announced a plan to …", "told Christie to go home", "reported raising …"), or a claim noun's "that"
   clause ("Trump's claim that …"; the shapes are :mod:`.shapes`) gives an ``indirect`` quote of that
   clause — not a cue the writer frames or its subject refuses ("allows Xi to argue …", "declined to say how
   many …"), nor, as anyone's
   partial quote, a term its subject rejects ("rejected the idea of any “return”"): see
   :mod:`storyline.analyse.quotes.frames`.

Speakers are named in their fullest form in the article: a surname or title ("Wu", "Ms Levin") goes to
the full name mentioned elsewhere ("Wu Xinbo", "Henrietta Levin"); "he"/"she" go to the most recent
compatible person (speakers first, then subjects, then other mentions, sentence by sentence backwards;
gender from honorifics, gendered titles, common first names and earlier pronouns); "the Chinese
leader" goes to the person who was the subject just before; "the Chinese ministry" goes to the
organisation mention it abbreviates.

Example:
    >>> from storyline.analyse.nlp import load_nlp            # doctest: +SKIP
    >>> doc = load_nlp()("“We will win,” Ms Levin said.")      # doctest: +SKIP
    >>> [(q.text, q.kind, q.cue) for q in quotes_from_doc(doc, [])]  # doctest: +SKIP
    [('We will win', 'direct', 'said')]

Two levels, as elsewhere: :func:`quotes_from_doc` gives :class:`~storyline.model.Quote` objects;
:func:`attributions_from_doc` also says how each was attributed (the speaker as written next to the
cue, the cue's offsets) — what ``bench/quotes.py`` scores.

The package is split by concern: :mod:`.cues` (the word tables), :mod:`.marks` (quote marks and
sentences), :mod:`.doc` (the article index: tokens, names, genders), :mod:`.speakers` (cue words,
subjects and speaker resolution), :mod:`.find` (the cue and speaker of one quoted span),
:mod:`.shapes` (the indirect-speech shapes, spaCy ``DependencyMatcher`` patterns read from
``shapes.toml``), :mod:`.attribute` (direct and indirect attributions), :mod:`.frames` (cues the writer
frames or their subject refuses) and :mod:`.extract`, which joins them.
"""

from __future__ import annotations

from .doc import Attribution
from .extract import attributions_from_doc, quotes_from_doc
from .marks import QuotedSpan, paragraphs, quoted_spans

__all__ = ["Attribution", "QuotedSpan", "attributions_from_doc", "paragraphs", "quoted_spans", "quotes_from_doc"]
