"""Account comparisons: what one party's own account of an event leaves out, against another party's account.

Reporters often point out omissions themselves: "Trump made no mention of Taiwan in his statement on the
call", "Beijing's statement did not mention a date". Such a sentence names a party (whose account), an
account (statement, read-out, post, remarks…) or a public act, and an omission cue ("did not mention",
"made no mention of", "no public reference to"). Sentences of the other outlets saying the same omission
are grouped, and set beside the story's sentences attributing an account to *another* party that do speak
of the topic ("According to the Chinese read-out, Xi told Trump that Taiwan…").

Example:
    >>> bool(OMISSION.search("Trump made no mention of Taiwan in his statement."))
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Cite, Claim, Entity, Mention
from .claims import Unit, content_stems

OMISSION = re.compile(
    r"\b(?:did not|didn[’']t|does not|doesn[’']t|has not|have not|had not|never)\s+(?:publicly\s+|even\s+)?"
    r"(?:mention(?:ed)?|refer(?:red)? to|address(?:ed)?|raise[d]?|include[d]?|cite[d]?)\b"
    r"|\bmade no (?:public )?mention of\b|\bno (?:public |explicit )?(?:mention|reference|indication)\b"
    r"|\bomitted\b|\bleft out\b|\bwas silent on\b|\babsence of any (?:public )?(?:mention|reference)\b",
    re.IGNORECASE,
)
ACCOUNT = re.compile(
    r"\b(?:statements?|accounts?|read-?outs?|posts?|summar(?:y|ies)|versions?|transcripts?|announcements?|"
    r"communiqu[eé]s?|briefings?|public(?:ly)?)\b",
    re.IGNORECASE,
)
ATTRIBUTION = re.compile(
    r"\baccording to (?:the |a )?[^,.;]{0,40}?(?:read-?out|statement|foreign ministry|ministry|state media|"
    r"account|government)\b|\bstated that\b|\bsaid in a statement\b|\b(?:read-?out|statement) (?:said|says)\b"
    r"|\bstate media\b",
    re.IGNORECASE,
)
_PARTY_TYPES = ("PERSON", "GPE", "ORG", "NORP")
_TOPIC_END = re.compile(r"\s+(?:in|on|during|after|from|by|which|while|but|and said|as)\s+|[,.;]")


def _mentions(u: Unit) -> list[Mention]:
    return [m for m in u.article.mentions if u.start <= m.start < u.end and m.entity_id]


def party_of(u: Unit, cue_start: int, types: dict[str, str] | None = None) -> Mention | None:
    """Whose account: "by the White House" after the cue, else the nearest person, else place/organisation, before it.

    ``types`` maps entity ids to their canonical type (the corpus vote is surer than one mention's label).
    """
    types = types or {}
    ms = _mentions(u)
    after = u.article.text[cue_start : u.end]
    by = re.search(r"\bby (?:the )?", after)
    if by:
        for m in ms:
            if m.start == cue_start + by.end():
                return m
    before = [m for m in ms if m.end <= cue_start]
    for wanted in (("PERSON",), _PARTY_TYPES):
        cands = [m for m in before if types.get(m.entity_id or "", m.label) in wanted]
        if cands:
            return cands[-1]
    return None


def topic_span(u: Unit, cue_end: int) -> tuple[int, int]:
    """What is left out: the words after the cue, up to the next preposition phrase or punctuation."""
    text = u.article.text
    lead = re.compile(r"\s*(?:(?:of|to|that)\s+)?").match(text, cue_end, u.end)
    s = lead.end() if lead else cue_end
    m = _TOPIC_END.search(text, s, u.end)
    e = m.start() if m and m.start() > s else u.end
    return s, min(e, s + 80)


def _detect(
    units: Sequence[Unit], types: dict[str, str] | None = None
) -> list[tuple[Unit, str | None, str | None, frozenset[str], str]]:
    """Omission statements: (unit, party entity id, party name, topic entity ids, topic text)."""
    out = []
    for u in units:
        text = u.article.text[u.start : u.end]
        m = OMISSION.search(text)
        if not m or not ACCOUNT.search(text):
            continue
        cue_s, cue_e = u.start + m.start(), u.start + m.end()
        party = party_of(u, cue_s, types)
        ts, te = topic_span(u, cue_e)
        topic_ents = frozenset(x.entity_id for x in _mentions(u) if ts <= x.start < te and x.entity_id)
        topic = u.article.text[ts:te].strip()
        if not topic:
            continue
        out.append((u, party.entity_id if party else None, party.text if party else None, topic_ents, topic))
    return out


_Found = tuple[Unit, str | None, str | None, frozenset[str], str]


def _joins(group: Sequence[_Found], f: _Found) -> bool:
    """Same party, and a topic entity (or, without entities, a topic word) in common with the group."""
    if group[0][1] != f[1]:
        return False
    ents = frozenset().union(*(g[3] for g in group))
    if ents and f[3]:
        return bool(ents & f[3])
    words = set().union(*(set(content_stems(g[4])) for g in group))
    return bool(words & set(content_stems(f[4])))


def _merge_groups(groups: list[list[_Found]]) -> list[list[_Found]]:
    """Merge groups that a later member bridged, so the grouping does not depend on article order."""
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if any(_joins(groups[i], f) for f in groups[j]):
                    groups[i].extend(groups.pop(j))
                    merged = True
                    break
            if merged:
                break
    return groups


def account_claims(story_id: str, units: Sequence[Unit], entities: Sequence[Entity] = ()) -> list[Claim]:
    """Group the story's omission statements by party and topic; attach the other party's account."""
    names = {e.id: e.name for e in entities}
    found = _detect(units, {e.id: e.type for e in entities})
    groups: list[list[_Found]] = []
    for f in found:
        for g in groups:
            if _joins(g, f):
                g.append(f)
                break
        else:
            groups.append([f])
    groups = _merge_groups(groups)
    claims: list[Claim] = []
    for g in groups:
        rep = min(g, key=lambda f: (f[0].rank, len(f[0].text)))
        party_id = rep[1]
        topic_ents = frozenset().union(*(f[3] for f in g))
        counter: list[Cite] = []
        seen: set[str] = set()
        for u in units:
            text = u.text
            if OMISSION.search(text) or not ATTRIBUTION.search(text) or u.article.id in seen:
                continue
            ents = {m.entity_id for m in _mentions(u)}
            if not topic_ents or not (ents & topic_ents):
                continue
            attribution = ATTRIBUTION.search(text)
            assert attribution is not None
            first = [m for m in _mentions(u) if m.start < u.start + attribution.end() + 40]
            if party_id and first and first[0].entity_id == party_id:
                continue
            counter.append(u.cite)
            seen.add(u.article.id)
        support, used = [], set()
        for f in sorted(g, key=lambda f: (f[0].article.id != rep[0].article.id, f[0].rank)):
            if f[0].article.id not in used:
                support.append(f[0].cite)
                used.add(f[0].article.id)
        claims.append(
            Claim(
                id="",
                story_id=story_id,
                text=rep[0].text,
                support=support,
                kind="account",
                sources=len({f[0].source for f in g}),
                entities=sorted(topic_ents | ({party_id} if party_id else set())),
                party=names.get(party_id or "", rep[2]) if party_id else rep[2],
                topic=rep[4],
                counter=counter,
                versions=[{**f[0].cite.to_json(), "text": f[0].text, "status": "reported"} for f in g],
            )
        )
    claims.sort(key=lambda c: (-c.sources, -len(c.counter)))
    return claims


__all__ = ["ACCOUNT", "ATTRIBUTION", "OMISSION", "account_claims", "party_of", "topic_span"]
