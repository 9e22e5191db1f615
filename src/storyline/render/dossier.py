"""The dossier of one story, built once from the store as a typed :class:`~storyline.render.dossier_model.Dossier` —
what every renderer (md, html, json, web) draws — and the display rules the renderers share.

Example:
    >>> cite_label("Bloomberg", "2025-11-25")
    'Bloomberg, 25 Nov 2025'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..analyse.entities import KEY_TYPES
from ..model import Article, Cite, Claim, Entity, Quote, Removal, Story, reading_key
from ..outlets import outlet_label
from ..text import names_in_full
from .dossier_model import (
    SCHEMA_VERSION,
    ClaimView,
    Conflict,
    CounterCite,
    Disagreement,
    Dossier,
    DossierArticle,
    DossierEvent,
    EntityRow,
    Figure,
    KeySentence,
    Matrix,
    QuoteEntry,
    SourceCite,
    StoryHeader,
    SummaryEntry,
    TimelineEntry,
    Version,
)
from .dossier_times import act_parts, commitment_entries, commitments_in, period_note, until_note

__all__ = [
    "PARAPHRASE_LABEL",
    "act_parts",
    "SCHEMA_VERSION",
    "Comparison",
    "Dossier",
    "account_label",
    "build_dossier",
    "cite_label",
    "commitments_in",
    "comparison",
    "glossed",
    "is_verbatim",
    "make_dossier",
    "period_note",
    "quote_kind_label",
    "roles_once",
    "takes_the",
    "time_note",
    "until_note",
    "version_label",
]


def cite_label(source: str | None, published: str | None) -> str:
    """Short human label for a citation: outlet and date."""
    parts = [source or "unknown outlet"]
    if published:
        try:
            parts.append(dt.date.fromisoformat(published[:10]).strftime("%-d %b %Y"))
        except ValueError:
            parts.append(published)
    return ", ".join(parts)


def _inside_indirect(q: Quote, quotes: Sequence[Quote]) -> bool:
    """A partial quote lying within an indirect quote of the same speaker in the same article."""
    return q.kind == "partial" and any(
        o.kind == "indirect" and o.start <= q.start and q.end <= o.end and o.speaker == q.speaker for o in quotes
    )


#: The most words an indirect quote may hold before another speaker's reported words that end it, for it to be
#: only their frame ("Mr Xi told Mr Trump that …" according to the read-out): a name, a cue and a listener.
FRAME_WORDS = 8


def _only_a_frame(q: Quote, quotes: Sequence[Quote], text: str) -> bool:
    """An indirect quote that is only the frame of another speaker's reported words ending it ("According to the
    read-out, Mr Xi told Mr Trump that Taiwan's return …"): those words are shown once, as the inner speaker's,
    "according to" the outer one; the frame would repeat them under the outer speaker."""
    return q.kind == "indirect" and any(
        o is not q
        and o.kind == "indirect"
        and o.speaker
        and o.speaker != q.speaker
        and q.start < o.start
        and o.end <= q.end
        and not text[o.end : q.end].strip(" .,;:\"'”’")
        and len(text[q.start : o.start].split()) <= FRAME_WORDS
        for o in quotes
    )


def according_to(q: Quote, quotes: Sequence[Quote]) -> str | None:
    """Whose reported words hold ``q``, the words of another speaker ("China, however, stated that Trump
    acknowledged the importance of the Taiwan issue"): the outer speaker, or None. What Trump acknowledged is
    China's account, not words of his on record; so are words in quotation marks inside it."""
    return next(
        (
            o.speaker
            for o in quotes
            if o is not q and o.speaker and o.speaker != q.speaker and o.start <= q.start and q.end <= o.end
        ),
        None,
    )


def _seen_in(aliases: Sequence[str], story_text: str) -> list[str]:
    """The aliases written in this story's articles (``story_text``, case-folded): a name another story gave
    the entity ("Secretary of State" months later) is not what this story called it."""
    return [x for x in aliases if x.casefold() in story_text]


def make_dossier(story: Story, articles: Sequence[Article], entities: Sequence[Entity]) -> Dossier:
    """Everything a reader of one story needs, with every statement citing article + offsets."""
    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in story.article_ids if i in by_id]
    members.sort(key=reading_key)
    outlets = sorted({outlet_label(a) for a in members})

    def cite(c: Cite) -> SourceCite:
        a = by_id.get(c.article_id)
        if a is None:
            return SourceCite(c.article_id, c.start, c.end, None, "", c.article_id)
        source = outlet_label(a)
        return SourceCite(c.article_id, c.start, c.end, source, a.display_title, cite_label(source, a.published))

    pubs = sorted(a.published for a in members if a.published)
    cmp = comparison(story, members, cite, {e.name: e.type for e in entities})
    return Dossier(
        schema_version=SCHEMA_VERSION,
        generated_by=f"storyline {__version__}",
        events=[DossierEvent(e, [cite(c) for c in e.cites]) for e in story.events],
        story=StoryHeader(
            id=story.id,
            title=story.title,
            event_date=story.event_date,
            event_date_why=story.event_date_why,
            article_count=len(members),
            independent_sources=story.independent_sources,
            outlets=outlets,
            date_range=(pubs[0], pubs[-1]) if pubs else None,
        ),
        articles=[_article(a) for a in members],
        entities=_entity_rows(entities, members, outlets),
        timeline=commitment_entries(
            [
                TimelineEntry(
                    date=t.date,
                    text=t.text,
                    cites=[cite(c) for c in t.cites],
                    sources=t.sources,
                    future=t.future,
                    claim_id=t.claim_id,
                    speaker=t.speaker,
                    commitments=commitments_in(t.cites, members),
                )
                for t in story.timeline
            ],
            story.figures,
            members,
            cite,
        ),
        key_sentences=[KeySentence(s.text, [cite(c) for c in s.cites]) for s in story.key_sentences],
        summary=[SummaryEntry(s.text, [cite(c) for c in s.cites], s.claim_id) for s in story.summary],
        quotes=same_words_once(
            [
                QuoteEntry(
                    q.text,
                    q.kind,
                    q.speaker,
                    q.speaker_role,
                    q.cue,
                    cite(Cite(a.id, q.start, q.end)),
                    according_to(q, a.quotes),
                )
                for a in members
                for q in a.quotes
                # "… against fascism and “militarism”": shown within the indirect quote that holds it
                if not _inside_indirect(q, a.quotes) and not _only_a_frame(q, a.quotes, a.text)
            ]
        ),
        claims=cmp.claims,
        matrix=cmp.matrix,
        conflicts=cmp.conflicts,
        accounts=cmp.accounts,
        quote_groups=cmp.quote_groups,
        figures=cmp.figures,
    )


def _words_key(q: QuoteEntry) -> tuple[str, str, str, str]:
    return (" ".join(q.text.casefold().split()), (q.speaker or "").casefold(), q.kind, q.according_to or "")


def same_words_once(quotes: Sequence[QuoteEntry]) -> list[QuoteEntry]:
    """One entry per quote: the same words by the same speaker, of the same kind, in several articles (a wire
    story's later versions repeat its paragraphs) are the first article's entry, the others' cites in ``also``."""
    first: dict[tuple[str, str, str, str], QuoteEntry] = {}
    out: list[QuoteEntry] = []
    for q in quotes:
        seen = first.get(_words_key(q))
        if seen is None:
            first[_words_key(q)] = q
            out.append(q)
        elif q.cite is not None:
            seen.also.append(q.cite)
    return out


def build_dossier(story: Story, articles: Sequence[Article], entities: Sequence[Entity]) -> dict[str, Any]:
    """The dossier's JSON form (:meth:`Dossier.to_json` of :func:`make_dossier`)."""
    return make_dossier(story, articles, entities).to_json()


def _article(a: Article) -> DossierArticle:
    return DossierArticle(
        id=a.id,
        title=a.display_title,
        title_how=a.title_how,
        source=a.source,
        outlet=outlet_label(a),  # what to show: the source, or a short file name when none is known
        author=a.author,
        published=a.published,
        published_how=a.published_how,
        published_why=a.published_why,
        path=a.path,
        url=a.url,
        words=len(a.text.split()),
        duplicate_of=a.duplicate_of,
        text=a.text,
        paragraphs=[(p[0], p[1]) for p in a.paragraphs],
        removed=[Removal(r.text, r.reason) for r in a.removed],
    )


def _entity_rows(entities: Sequence[Entity], members: Sequence[Article], outlets: Sequence[str]) -> list[EntityRow]:
    """The story's people, organisations and places, most mentioned first, with their mentions per outlet."""
    by_id = {a.id: a for a in members}
    story_text = "\n".join(a.text for a in members).casefold()
    named: dict[str, Counter[str]] = {}  # an entity read without its cites: the members' own mentions of it
    for a in members:
        for m in a.mentions:
            if m.entity_id:
                named.setdefault(m.entity_id, Counter())[outlet_label(a)] += 1
    rows: list[EntityRow] = []
    for e in entities:
        if e.type not in KEY_TYPES:
            continue
        if e.mentions:
            per = Counter(outlet_label(by_id[m.article_id]) for m in e.mentions if m.article_id in by_id)
        else:
            per = named.get(e.id, Counter())
        total = sum(per.values())
        if total == 0:
            continue
        shown = names_in_full(_seen_in(e.aliases, story_text), [e.name, *e.aliases], story_text)
        rows.append(
            EntityRow(
                id=e.id,
                name=e.name,
                type=e.type,
                aliases=shown,
                aliases_elsewhere=[x for x in e.aliases if x not in shown],  # and those the tagger cut short
                roles=_seen_in(e.roles, story_text),
                descriptions=e.descriptions,
                mentions=total,
                per_outlet={o: per.get(o, 0) for o in outlets},
            )
        )
    rows.sort(key=lambda r: (-r.mentions, r.name))
    return rows


def time_note(item: Mapping[str, Any]) -> str:
    """:func:`period_note` of a figure or commitment in its JSON form.

    Example:
        >>> time_note({"period": "2025-11-10/2026-11-10"}), time_note({"deadline": "2025-11-27"})
        ('10 Nov 2025 until 10 Nov 2026', 'by 27 Nov 2025')
    """
    period, deadline = item.get("period"), item.get("deadline")
    return period_note(period if isinstance(period, str) else None, deadline if isinstance(deadline, str) else None)


def account_label(party: str | None, type_: str | None = None, the: bool = False) -> str:
    """Whose account, as a reader says it: "Donald Trump’s account", "the Chinese account".

    ``the``: the articles write the name with "the" ("the White House").

    Example:
        >>> account_label("Chinese", "NORP"), account_label("Beijing"), account_label(None)
        ('the Chinese account', 'Beijing’s account', "one party's account")
        >>> account_label("White House", "ORG", the=True)
        'the White House’s account'
    """
    if not party:
        return "one party's account"
    if type_ == "NORP":
        return f"the {party} account"
    name = f"the {party}" if the else party
    return f"{name}’ account" if party.endswith("s") else f"{name}’s account"


def takes_the(name: str, texts: Sequence[str]) -> bool:
    """Whether the articles mostly write ``name`` with a leading "the" ("the White House", not "Beijing")."""
    pattern = re.compile(rf"(\bthe\s+)?\b{re.escape(name)}\b", re.IGNORECASE)
    hits = [m for t in texts for m in pattern.finditer(t)]
    return bool(hits) and sum(1 for m in hits if m.group(1)) >= len(hits) / 2


@dataclass(slots=True)
class Comparison:
    """The cross-outlet sections of a dossier."""

    claims: list[ClaimView]
    matrix: Matrix
    conflicts: list[Conflict]
    accounts: list[ClaimView]
    quote_groups: list[ClaimView]
    figures: list[Figure]


def comparison(
    story: Story, members: Sequence[Article], cite: Callable[[Cite], SourceCite], types: dict[str, str] | None = None
) -> Comparison:
    """The cross-outlet sections: claims and their matrix, conflicts, account comparisons, figures, quotes.

    ``cite`` labels a :class:`Cite` the dossier way (outlet, title, label); ``types`` maps entity names to their
    type (for how an account is named).
    """
    from ..compare.matrix import claim_matrix  # building a dossier compares; rendering a stored one does not

    types = types or {}
    by_id = {a.id: a for a in members}
    texts = [a.text for a in members]

    def text_of(c: Cite) -> str:
        a = by_id.get(c.article_id)
        return a.text[c.start : c.end] if a else ""

    def cited(x: Mapping[str, Any]) -> SourceCite:
        return cite(Cite(x["article_id"], x["start"], x["end"]))

    def view(c: Claim) -> ClaimView:
        the = takes_the(c.party, texts) if c.party and c.kind == "account" else False
        return ClaimView(
            id=c.id,
            kind=c.kind,
            text=c.text,
            sources=c.sources,
            support=[cite(x) for x in c.support],
            conflicts=[Disagreement(cited(x), str(x.get("why", ""))) for x in c.conflicts],
            versions=[Version.from_json({**v, **cited(v).to_json()}) for v in c.versions],
            dates=list(c.dates),
            numbers=list(c.numbers),
            speaker=c.speaker,
            party=c.party,
            account_label=account_label(c.party, types.get(c.party or ""), the) if c.kind == "account" else None,
            topic=c.topic,
            counter=[CounterCite(cite(x), text_of(x)) for x in c.counter],
        )

    facts = [c for c in story.claims if c.kind == "fact"]
    accounts = [c for c in story.claims if c.kind == "account"]
    quotes = [c for c in story.claims if c.kind == "quote"]
    matrix = Matrix.from_json(claim_matrix([*facts, *[a for a in accounts if a.sources >= 2]], members))
    for row in matrix.rows:
        for cell in row.cells:
            cell.cites = [cite(x.cite) for x in cell.cites]
            cell.near = [cite(x.cite) for x in cell.near]  # labelled as every other cite ("unnamed outlet (…)")
    conflicts = [
        Conflict(c.text, x["why"], c.id, [*(cite(s) for s in c.support[:1]), cited(x)])
        for c in story.claims
        for x in c.conflicts
    ]
    conflicts += [
        Conflict(
            f"{f.get('about')}: " + " vs ".join(str(v["text"]) for v in f["values"]),
            f["why"],
            None,
            [cited(v) for v in f["values"]],
        )
        for f in story.figures
        if f.get("status") == "conflict"
    ]
    return Comparison(
        claims=[view(c) for c in facts if c.sources >= 2 or c.conflicts],  # as its heading says; the matrix has all
        matrix=matrix,
        conflicts=conflicts,
        accounts=[view(c) for c in accounts],
        quote_groups=[view(c) for c in quotes],
        figures=[
            Figure.from_json({**f, "values": [{**v, **cited(v).to_json()} for v in f["values"]]}) for f in story.figures
        ],
    )


_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They)\b")


def glossed(text: str, speaker: object) -> str:
    """A timeline text with its speaker made explicit: "“…,” he [Marco Rubio] said …", or "Marco Rubio: “…”"
    when no pronoun stands for them. ``speaker`` is the item's ``speaker`` key (``None`` leaves the text as is)."""
    if not speaker or not isinstance(speaker, str):
        return text
    m = _PRONOUN.search(text)
    if m is None:
        return f"{speaker}: {text}"
    return f"{text[: m.end()]} [{speaker}]{text[m.end() :]}"


def roles_once(quotes: Sequence[QuoteEntry]) -> list[str]:
    """The speaker role to print beside each quote: on a speaker's first quote only ("" elsewhere)."""
    seen: set[str] = set()
    out: list[str] = []
    for q in quotes:
        show = bool(q.speaker and q.speaker_role and q.speaker not in seen)
        if show and q.speaker:
            seen.add(q.speaker)
        out.append((q.speaker_role or "") if show else "")
    return out


#: Quote kinds whose words stand inside quotation marks in the source: only these are shown in quotation marks.
VERBATIM_KINDS = frozenset({"direct", "partial"})
#: How each kind of quote is labelled; reported speech is the outlet's paraphrase, shown plain so that it is never
#: read (or copied) as a quotation.
QUOTE_KIND_LABELS = {"direct": "direct quote", "partial": "partial quote", "indirect": "reported speech"}
PARAPHRASE_LABEL = "paraphrase (reported speech)"


def is_verbatim(kind: object) -> bool:
    """Whether a quote of this kind is the source's own words in quotation marks (a missing kind counts as direct)."""
    return not kind or kind in VERBATIM_KINDS


def quote_kind_label(kind: object, according_to: str | None = None) -> str:
    """ "direct quote", "partial quote", "reported speech" (an unknown kind as written); words within another
    speaker's reported words say whose account they are ("reported speech, according to China")."""
    label = QUOTE_KIND_LABELS.get(str(kind or "direct"), str(kind))
    return f"{label}, according to {according_to}" if according_to else label


def version_label(version: Version) -> str:
    """How an outlet's version of a quote is labelled: its relation ("truncated"), or for reported speech
    "paraphrase (reported speech)"."""
    if not is_verbatim(version.kind):
        return PARAPHRASE_LABEL
    return version.relation or ""
