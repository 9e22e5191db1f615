"""Quote alignment: the same quotation across outlets — verbatim, truncated or paraphrased — under one speaker.

Each quote group becomes a :class:`~storyline.model.Claim` of kind ``quote``: the canonical text is an outlet's
verbatim wording (its fullest direct quote, else its longest partial one; never reported speech, which is the
outlet's paraphrase), each outlet's best version is kept in ``versions`` with how it relates to it (reported
speech always as a ``paraphrase``); a version must carry the canonical quote's distinctive content
(``quote_content``: the same speaker on the same topic is not enough), and a version that puts the words in
another speaker's mouth is a conflict ("different speaker: X vs Y"). A group with no quoted words at all is no
quotation: reported speech alone is left to the claims.

Example:
    >>> relation("we must keep up the momentum", "keep up the momentum")
    'truncated'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from .. import lexicon
from ..model import Article, Cite, Claim, Entity, Quote, reading_key
from .claims import source_key
from .quote_content import ContentWeights, content

MIN_WORDS = 3
#: Which wording may be canonical, best first: an outlet's own quoted words, whole before a fragment.
VERBATIM_RANK = {"direct": 2, "partial": 1}
_WORD = re.compile(r"\w+")
#: The least share of the canonical quote's content (``quote_content.ContentWeights.shared``: idf-weighted, over
#: the lighter of the two) a version must carry to be a version of it; 0: no check (measured in
#: bench/quote_groups.py).
MIN_SHARED = 0.55
#: The least content share (as :data:`MIN_SHARED`) at which the same known speaker's reported speech that no
#: group took joins the group whose canonical quote it carries most (:func:`_attach`); 0: none joins.
JOIN_SHARED = 0.67
#: The fewest words of a report, and content words of the canonical quote, for a report to join by content alone.
MIN_JOIN_WORDS, MIN_JOIN_CONTENT = 4, 2
#: Each outlet shown once in a group, by its best version (the canonical, the group speaker's, verbatim, the most
#: of the canonical's content, the longest); False: one per passage of an article.
ONE_PER_OUTLET = True


@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def relation(a: str, b: str) -> str | None:
    """How quote ``b`` relates to quote ``a``: verbatim, truncated (one is part of the other), paraphrase, or None.

    Truncation and paraphrase need four words in the shorter quote: "return to China" alone matches only itself.
    """
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return None
    if na == nb:
        return "verbatim"
    shorter = min(len(na.split()), len(nb.split()))
    if shorter < 4:
        return None
    if na in nb or nb in na or fuzz.partial_ratio(na, nb, score_cutoff=92) >= 92:
        return "truncated"
    if fuzz.token_set_ratio(na, nb, score_cutoff=72) >= 72:
        return "paraphrase"
    return None


#: Words too common to say two quotes are related.
_COMMON = lexicon.words("conflicts.quote_common_words")


def _keywords(text: str) -> frozenset[str]:
    """The quote's words less the commonest: two quotes that relate (:func:`relation`) share one of them."""
    return frozenset(_norm(text).split()) - _COMMON


def _joins(rep: Quote, q: Quote) -> bool:
    """Same words and compatible speakers; a known different speaker only for clearly the same words."""
    rel = relation(rep.text, q.text)
    if rel is None:
        return False
    same_speaker = (
        rep.speaker_entity_id is None or q.speaker_entity_id is None or rep.speaker_entity_id == q.speaker_entity_id
    )
    return same_speaker or (rel != "paraphrase" and min(len(rep.text.split()), len(q.text.split())) >= 6)


def quote_claims(story_id: str, articles: Sequence[Article], entities: Sequence[Entity] = ()) -> list[Claim]:
    """Quotes reported by two or more independent sources, grouped, with each outlet's version cited.

    Quotes are taken longest first; each joins the first group whose longest quote it relates to (no
    chaining through short fragments).
    """
    by_id = {a.id: a for a in articles}
    names = {e.id: e.name for e in entities}
    items = sorted(
        ((a, q) for a in articles for q in a.quotes if len(q.text.split()) >= MIN_WORDS),
        key=lambda t: (-len(t[1].text), t[0].id, t[1].start),
    )
    weights = ContentWeights.of_articles(articles) if items else ContentWeights({}, 0.0)
    groups = _attach([part for g in _greedy(items) for part in _split(g, weights)], weights)
    out = [c for g in groups if (c := _group_claim(story_id, g, by_id, names, weights)) is not None]
    out.sort(key=lambda c: -c.sources)
    return out


def _greedy(items: Sequence[tuple[Article, Quote]]) -> list[list[tuple[Article, Quote]]]:
    """Each quote (longest first) joins the first group whose longest quote it relates to, else starts one."""
    groups: list[list[tuple[Article, Quote]]] = []
    by_word: dict[str, list[int]] = {}  # a word → the groups whose longest quote has it (only those can join)
    for a, q in items:
        words = _keywords(q.text)
        near = sorted({k for w in words for k in by_word.get(w, ())}) if words else range(len(groups))
        for k in near:
            if _joins(groups[k][0][1], q):
                groups[k].append((a, q))
                break
        else:
            for w in words:
                by_word.setdefault(w, []).append(len(groups))
            groups.append([(a, q)])
    return groups


def _canonical(group: Sequence[tuple[Article, Quote]]) -> Quote | None:
    """The group's canonical wording: an outlet's verbatim quote, the fullest, one with a known speaker first."""
    verbatim = [q for _, q in group if q.kind in VERBATIM_RANK]
    if not verbatim:
        return None
    return max(verbatim, key=lambda q: (VERBATIM_RANK[q.kind], q.speaker_entity_id is not None, len(q.text)))


def _split(group: list[tuple[Article, Quote]], weights: ContentWeights) -> list[list[tuple[Article, Quote]]]:
    """The group's versions that carry the canonical quote's content (:data:`MIN_SHARED`), and the rest grouped
    again: a group gathers round its longest quote, and a report that packs two statements ("return is not an
    option … and described the island as a fully sovereign country") draws in reports of either; only those of
    the statement the canonical words give are its versions."""
    rep = _canonical(group)
    if rep is None or MIN_SHARED <= 0:
        return [group]
    keep = [t for t in group if t[1] is rep or weights.shared(rep.text, t[1].text) >= MIN_SHARED]
    if len(keep) == len(group):
        return [group]
    rest = [t for t in group if not any(t is k for k in keep)]
    return [keep, *(part for g in _greedy(rest) for part in _split(g, weights))]


def _attach(groups: list[list[tuple[Article, Quote]]], weights: ContentWeights) -> list[list[tuple[Article, Quote]]]:
    """The groups with an outlet's verbatim words, each reported-speech report that no such group took added to
    one whose canonical quote it carries (:data:`JOIN_SHARED`) when both give the words to the same known speaker:
    reported speech turns "I don't think any charges will be filed" into "he doesn't think charges will be
    filed", too far for :func:`relation`'s character ratios. Of those groups, the one it shares the most content
    with: a report that the mill's "closure" was no option for the town's workers goes with "closure is no
    option for our workers", not with the scare-quoted "closure" it holds too. Groups of reported speech alone
    are no quotation and are left out."""
    quoted = [(g, rep) for g in groups if (rep := _canonical(g)) is not None]
    if JOIN_SHARED <= 0:
        return [g for g, _ in quoted]
    # a canonical of one content word ("had a firearm with him") is carried by any report that names the thing
    joinable = [len(content(rep.text)) >= MIN_JOIN_CONTENT for _, rep in quoted]
    reported = [g for g in groups if not any(g is h for h, _ in quoted)]  # groups of reported speech alone
    for g in reported:
        for a, q in g:
            if q.speaker_entity_id is None or len(q.text.split()) < MIN_JOIN_WORDS:
                continue
            fits = [
                (weights.overlap(rep.text, q.text), i)
                for i, (_, rep) in enumerate(quoted)
                if joinable[i]
                and rep.speaker_entity_id == q.speaker_entity_id
                and weights.shared(rep.text, q.text) >= JOIN_SHARED
            ]
            if fits:
                quoted[max(fits)[1]][0].append((a, q))
    return [g for g, _ in quoted]


def _relation_to(rep: Quote, q: Quote) -> str:
    """How a version relates to the canonical wording; reported speech is a paraphrase, however close its words."""
    if q is rep:
        return "canonical"
    if q.kind not in VERBATIM_RANK:
        return "paraphrase"
    return relation(rep.text, q.text) or "paraphrase"


def _one_per_passage(
    group: Sequence[tuple[Article, Quote]], speaker_id: str | None, rep: Quote
) -> list[tuple[Article, Quote]]:
    """One version per passage of an article: a nested attribution ("According to the read-out, Xi told Trump
    that …") yields the outer and the inner clause, and reported speech may hold a direct quote ("… said Taiwan
    is sovereign and that “there is no such option”"); each is one report. Kept: the canonical version, then
    the one given to the group's speaker, the verbatim one, the longer."""
    ranked = sorted(
        group,
        key=lambda t: (
            t[1] is not rep,
            t[1].speaker_entity_id != speaker_id,
            t[1].kind not in VERBATIM_RANK,
            -len(t[1].text),
            t[1].start,
        ),
    )
    kept: list[tuple[Article, Quote]] = []
    for a, q in ranked:
        if not any(b.id == a.id and p.start < q.end and q.start < p.end for b, p in kept):
            kept.append((a, q))
    return kept


def _one_name(a: str | None, b: str | None) -> bool:
    """Two speakers' names that may be one person's: the same surname ("Marcelo Claure" and "Claure", entities the
    entity stage left apart when the tagger typed one a place), so no outlet is shown as giving the words to
    another.

    Example:
        >>> _one_name("Marcelo Claure", "Claure"), _one_name("Ann Lee Smith", "Ann Lee Butler")
        (True, False)
    """
    wa, wb = _WORD.findall((a or "").lower()), _WORD.findall((b or "").lower())
    return bool(wa and wb) and wa[-1] == wb[-1]


def _one_per_outlet(
    group: Sequence[tuple[Article, Quote]],
    speaker_id: str | None,
    rep: Quote,
    by_id: dict[str, Article],
    weights: ContentWeights,
) -> list[tuple[Article, Quote]]:
    """Each outlet's best version only: the section answers how each outlet gives the quote, and an outlet's
    second version (a paraphrase in its lead, the direct quote further down) would read as one more outlet.
    Best: the canonical, the one given to the group's speaker, verbatim, the most of the canonical's content,
    the longer, the earlier."""
    ranked = sorted(
        group,
        key=lambda t: (
            t[1] is not rep,
            t[1].speaker_entity_id != speaker_id,
            -VERBATIM_RANK.get(t[1].kind, 0),
            -round(weights.shared(rep.text, t[1].text), 6),
            -len(t[1].text),
            t[1].start,
        ),
    )
    seen: set[str] = set()
    kept: list[tuple[Article, Quote]] = []
    for a, q in ranked:
        if (key := source_key(a, by_id)) not in seen:
            seen.add(key)
            kept.append((a, q))
    return kept


def _group_claim(
    story_id: str,
    group: Sequence[tuple[Article, Quote]],
    by_id: dict[str, Article],
    names: dict[str, str],
    weights: ContentWeights,
) -> Claim | None:
    rep = _canonical(group)
    if len({source_key(a, by_id) for a, _ in group}) < 2 or rep is None:
        return None
    speaker_id = rep.speaker_entity_id or next((q.speaker_entity_id for _, q in group if q.speaker_entity_id), None)
    speaker = names.get(speaker_id) if speaker_id else None
    speaker = speaker or rep.speaker or next((q.speaker for _, q in group if q.speaker), None)
    group = _one_per_passage(group, speaker_id, rep)
    if ONE_PER_OUTLET:
        group = _one_per_outlet(group, speaker_id, rep, by_id, weights)
    support: list[Cite] = []
    conflicts: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    for a, q in sorted(group, key=lambda t: (reading_key(t[0]), t[1].start)):
        cite = Cite(a.id, q.start, q.end)
        other = q.speaker_entity_id
        status = "reported"
        if speaker_id and other and other != speaker_id and not _one_name(names.get(speaker_id), names.get(other)):
            why = f"different speaker: {names.get(speaker_id, speaker_id)} vs {names.get(other, q.speaker or other)}"
            conflicts.append({**cite.to_json(), "why": why})
            status = "differently"
        else:
            support.append(cite)
        versions.append(
            {
                **cite.to_json(),
                "text": q.text,
                "kind": q.kind,
                "relation": _relation_to(rep, q),
                "status": status,
                "speaker": q.speaker,
            }
        )
    return Claim(
        id="",
        story_id=story_id,
        text=rep.text,
        support=support,
        conflicts=conflicts,
        kind="quote",
        sources=len({source_key(by_id[c.article_id], by_id) for c in support}),
        speaker=speaker,
        speaker_entity_id=speaker_id,
        versions=versions,
    )


__all__ = ["MIN_SHARED", "ONE_PER_OUTLET", "VERBATIM_RANK", "quote_claims", "relation"]
