"""The dossier of one story as a plain, JSON-ready dict — what every renderer (md, html, json, web) draws.

Example:
    >>> cite_label("Bloomberg", "2025-11-25")
    'Bloomberg, 25 Nov 2025'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .. import __version__
from ..analyse.entities import KEY_TYPES
from ..compare.claims import outlet_label
from ..compare.matrix import claim_matrix
from ..model import Article, Cite, Claim, Entity, Quote, Story

SCHEMA_VERSION = "1"


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


def _seen_in(aliases: Sequence[str], story_text: str) -> list[str]:
    """The aliases written in this story's articles (``story_text``, case-folded): a name another story gave
    the entity ("Secretary of State" months later) is not what this story called it."""
    return [x for x in aliases if x.casefold() in story_text]


def build_dossier(story: Story, articles: Sequence[Article], entities: Sequence[Entity]) -> dict[str, Any]:
    """Everything a reader of one story needs, with every statement citing article + offsets."""
    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in story.article_ids if i in by_id]
    members.sort(key=lambda a: (a.published or "9999", a.path))
    outlets = sorted({outlet_label(a) for a in members})

    def cite(c: Cite) -> dict[str, Any]:
        a = by_id.get(c.article_id)
        return {
            **c.to_json(),
            "source": outlet_label(a) if a else None,
            "title": a.display_title if a else "",
            "label": cite_label(outlet_label(a), a.published) if a else c.article_id,
        }

    member_ids = {a.id for a in members}
    story_text = "\n".join(a.text for a in members).casefold()
    ent_rows: list[dict[str, Any]] = []
    for e in entities:
        if e.type not in KEY_TYPES:
            continue
        per: Counter[str] = Counter()
        for m in e.mentions:
            if m.article_id in member_ids:
                per[outlet_label(by_id[m.article_id])] += 1
        total = sum(per.values())
        if total == 0:
            continue
        ent_rows.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": _seen_in(e.aliases, story_text),
                "aliases_elsewhere": [x for x in e.aliases if x.casefold() not in story_text],
                "roles": _seen_in(e.roles, story_text),
                "descriptions": e.descriptions,
                "mentions": total,
                "per_outlet": {o: per.get(o, 0) for o in outlets},
            }
        )
    ent_rows.sort(key=lambda r: (-int(r["mentions"]), str(r["name"])))
    pubs = sorted(a.published for a in members if a.published)
    quotes = []
    for a in members:
        for q in a.quotes:
            if _inside_indirect(q, a.quotes):
                continue  # "… against fascism and “militarism”": shown within the indirect quote that holds it
            quotes.append(
                {
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_role": q.speaker_role,
                    "cue": q.cue,
                    "cite": cite(Cite(a.id, q.start, q.end)),
                }
            )
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_by": f"storyline {__version__}",
        "events": [dict(e.to_json(), cites=[cite(c) for c in e.cites]) for e in story.events],
        "story": {
            "id": story.id,
            "title": story.title,
            "event_date": story.event_date,
            "event_date_why": story.event_date_why,
            "article_count": len(members),
            "independent_sources": story.independent_sources,
            "outlets": outlets,
            "date_range": [pubs[0], pubs[-1]] if pubs else None,
        },
        "articles": [
            {
                "id": a.id,
                "title": a.display_title,
                "title_how": a.title_how,
                "source": a.source,
                "outlet": outlet_label(a),  # what to show: the source, or a short file name when none is known
                "author": a.author,
                "published": a.published,
                "published_how": a.published_how,
                "published_why": a.published_why,
                "path": a.path,
                "url": a.url,
                "words": len(a.text.split()),
                "duplicate_of": a.duplicate_of,
                "text": a.text,
                "paragraphs": [list(p) for p in a.paragraphs],
                "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
            }
            for a in members
        ],
        "entities": ent_rows,
        "timeline": [
            {
                "date": t.date,
                "text": t.text,
                "cites": [cite(c) for c in t.cites],
                "sources": t.sources,
                "future": t.future,
                "claim_id": t.claim_id,
                "speaker": t.speaker,
                "commitments": commitments_in(t.cites, members),
            }
            for t in story.timeline
        ],
        "key_sentences": [{"text": s.text, "cites": [cite(c) for c in s.cites]} for s in story.key_sentences],
        "summary": [
            {"text": s.text, "cites": [cite(c) for c in s.cites], "claim_id": s.claim_id} for s in story.summary
        ],
        "quotes": quotes,
        **comparison(story, members, cite, {e.name: e.type for e in entities}),
    }


def commitments_in(cites: Sequence[Cite], members: Sequence[Article]) -> list[dict[str, Any]]:
    """The figures with a period or a deadline inside the cited passages ("for one year" → its dates)."""
    by_id = {a.id: a for a in members}
    out: list[dict[str, Any]] = []
    for c in cites:
        a = by_id.get(c.article_id)
        for n in a.numbers if a else []:
            if (n.period or n.deadline) and c.start <= n.start < c.end:
                out.append({"text": n.text, "period": n.period, "deadline": n.deadline})
    return out


def time_note(item: Mapping[str, Any]) -> str:
    """A commitment's time in words: "2025-11-10 to 2026-11-10" for a period, "by 2025-11-27" for a deadline.

    Example:
        >>> time_note({"period": "2025-11-10/2026-11-10"}), time_note({"deadline": "2025-11-27"})
        ('2025-11-10 to 2026-11-10', 'by 2025-11-27')
    """
    parts = []
    period = item.get("period")
    if isinstance(period, str) and "/" in period:
        parts.append(" to ".join(period.split("/", 1)))
    deadline = item.get("deadline")
    if isinstance(deadline, str) and deadline:
        parts.append(f"by {deadline}")
    return ", ".join(parts)


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


def comparison(
    story: Story, members: Sequence[Article], cite: Any, types: dict[str, str] | None = None
) -> dict[str, Any]:
    """The cross-outlet sections: claims and their matrix, conflicts, account comparisons, figures, quotes.

    ``cite`` turns a :class:`Cite` into the dossier's cite dict (outlet, title, label); ``types`` maps
    entity names to their type (for how an account is named).
    """
    types = types or {}

    by_id = {a.id: a for a in members}

    def text_of(c: Cite) -> str:
        a = by_id.get(c.article_id)
        return a.text[c.start : c.end] if a else ""

    def cites(xs: Sequence[Any]) -> list[dict[str, Any]]:
        return [cite(x if isinstance(x, Cite) else Cite(x["article_id"], x["start"], x["end"])) for x in xs]

    def view(c: Claim) -> dict[str, Any]:
        return {
            "id": c.id,
            "kind": c.kind,
            "text": c.text,
            "sources": c.sources,
            "support": cites(c.support),
            "conflicts": [
                {**cite(Cite(x["article_id"], x["start"], x["end"])), "why": x.get("why", "")} for x in c.conflicts
            ],
            "versions": [{**v, **cite(Cite(v["article_id"], v["start"], v["end"]))} for v in c.versions],
            "dates": c.dates,
            "numbers": c.numbers,
            "speaker": c.speaker,
            "party": c.party,
            "account_label": account_label(
                c.party, types.get(c.party or ""), takes_the(c.party, [a.text for a in members]) if c.party else False
            )
            if c.kind == "account"
            else None,
            "topic": c.topic,
            "counter": [{**cite(x), "quote": text_of(x)} for x in c.counter],
        }

    facts = [c for c in story.claims if c.kind == "fact"]
    accounts = [c for c in story.claims if c.kind == "account"]
    quotes = [c for c in story.claims if c.kind == "quote"]
    matrix = claim_matrix([*facts, *[a for a in accounts if a.sources >= 2]], members)
    for row in matrix["rows"]:  # type: ignore[attr-defined]
        for cell in row["cells"]:
            cell["cites"] = cites(cell["cites"])
    conflicts = [
        {
            "text": c.text,
            "why": x["why"],
            "claim_id": c.id,
            "cites": [*cites(c.support[:1]), cite(Cite(x["article_id"], x["start"], x["end"]))],
        }
        for c in story.claims
        for x in c.conflicts
    ]
    conflicts += [
        {
            "text": f"{f.get('about')}: " + " vs ".join(str(v["text"]) for v in f["values"]),
            "why": f["why"],
            "claim_id": None,
            "cites": cites(f["values"]),
        }
        for f in story.figures
        if f.get("status") == "conflict"
    ]
    return {
        "claims": [view(c) for c in facts],
        "matrix": matrix,
        "conflicts": conflicts,
        "accounts": [view(c) for c in accounts],
        "quote_groups": [view(c) for c in quotes],
        "figures": [
            {**f, "values": [{**v, **cite(Cite(v["article_id"], v["start"], v["end"]))} for v in f["values"]]}
            for f in story.figures
        ],
    }


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


def roles_once(quotes: Sequence[Mapping[str, Any]]) -> list[str]:
    """The speaker role to print beside each quote: on a speaker's first quote only ("" elsewhere)."""
    seen: set[str] = set()
    out: list[str] = []
    for q in quotes:
        speaker, role = q.get("speaker"), q.get("speaker_role")
        show = bool(speaker and role and str(speaker) not in seen)
        if show:
            seen.add(str(speaker))
        out.append(str(role) if show else "")
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


def quote_kind_label(kind: object) -> str:
    """ "direct quote", "partial quote", "reported speech" (an unknown kind as written)."""
    return QUOTE_KIND_LABELS.get(str(kind or "direct"), str(kind))


def canonical_kind(group: Mapping[str, Any]) -> str:
    """The kind of a quote group's canonical wording (its version marked ``canonical``), "direct" when unknown."""
    versions = group.get("versions")
    for v in versions if isinstance(versions, list) else []:
        if isinstance(v, Mapping) and v.get("relation") == "canonical":
            return str(v.get("kind") or "direct")
    return "direct"


def version_label(version: Mapping[str, Any]) -> str:
    """How an outlet's version of a quote is labelled: its relation ("truncated"), or for reported speech
    "paraphrase (reported speech)"."""
    if not is_verbatim(version.get("kind")):
        return PARAPHRASE_LABEL
    return str(version.get("relation") or "")
