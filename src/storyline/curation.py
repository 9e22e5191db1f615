"""The user's curation applied to what is shown: outlets renamed, claims marked wrong, quotes hidden.

Pure functions over the model; the corrections come from the store (:mod:`storyline.store.corrections`).
Outlet renames are applied to the articles before the corpus stages (so a renamed outlet is one independent
source everywhere), keeping the name as read in ``Article.meta`` so an undo restores it. Claims marked wrong
and hidden quotes are applied where a story is read (:meth:`storyline.api.Corpus.story`, the dossier, the
export): the claims themselves are rebuilt by the corpus stages every time, and numbered anew, so a claim is
recognised by the passages it cites, not by its id.

Example:
    >>> from storyline.model import Article, Correction
    >>> a = Article(id="a", path="a.txt", raw="", text="x", source="AP")
    >>> cur = Curation.from_corrections([Correction(1, "outlet", "", "", {"old": "AP", "new": "Associated Press"})])
    >>> cur.rename_outlets([a]), a.source, a.meta[SOURCE_AS_READ]
    (['a'], 'Associated Press', ['AP', None])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Article, Cite, Claim, Correction, Story, SummarySentence
from .outlets import outlet_label

#: ``Article.meta`` key holding ``[source, source_how]`` as read, while a rename is in force.
SOURCE_AS_READ = "source_as_read"
#: Claim kinds shown only while two or more independent sources report them.
NEEDS_TWO = frozenset({"fact", "quote"})

Span = tuple[str, int, int]


def quote_id(article_id: str, start: int, end: int) -> str:
    """How a quote is named: its article and offsets, ``<article_id>:<start>-<end>`` (as search hits are)."""
    return f"{article_id}:{start}-{end}"


def parse_quote_id(value: str) -> Span | None:
    """``(article_id, start, end)`` from a quote id, or None when it is not one.

    Example:
        >>> parse_quote_id("ead23646d8900899:5371-5417"), parse_quote_id("s1")
        (('ead23646d8900899', 5371, 5417), None)
    """
    aid, _, span = value.strip().rpartition(":")
    start, _, end = span.partition("-")
    if not aid or not start.isdigit() or not end.isdigit() or int(start) >= int(end):
        return None
    return aid, int(start), int(end)


def cite_spans(cites: Iterable[Cite | Mapping[str, Any]]) -> list[Span]:
    """Cites (objects or their JSON) as ``(article_id, start, end)``."""
    out: list[Span] = []
    for c in cites:
        if isinstance(c, Cite):
            out.append((c.article_id, c.start, c.end))
        else:
            out.append((str(c["article_id"]), int(c["start"]), int(c["end"])))
    return out


def _row_spans(c: Claim) -> set[Span]:
    return set(cite_spans(c.support)) | set(cite_spans(c.conflicts))


@dataclass(slots=True)
class Curation:
    """The curation corrections in force, oldest first."""

    renames: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)  # claim corrections' data
    hidden: set[Span] = field(default_factory=set)

    @classmethod
    def from_corrections(cls, corrections: Iterable[Correction]) -> Curation:
        """The curation in force from the active corrections (story corrections are ignored here)."""
        out = cls()
        for c in corrections:
            if not c.active:
                continue
            if c.kind == "outlet":
                out.renames.append((str(c.data["old"]), str(c.data["new"])))
            elif c.kind == "claim":
                out.wrong.append(c.data)
            elif c.kind == "quote":
                out.hidden.add((str(c.data["article_id"]), int(c.data["start"]), int(c.data["end"])))
        return out

    def __bool__(self) -> bool:
        return bool(self.renames or self.wrong or self.hidden)

    # ---------------------------------------------------------------------------------------- outlets

    def outlet(self, name: str) -> str:
        """What an outlet is called after the renames (applied in order: "AP" → "Associated Press" → …)."""
        for old, new in self.renames:
            if name == old:
                name = new
        return name

    def rename_outlets(self, articles: Iterable[Article]) -> list[str]:
        """Give each article its outlet's name after the renames (or back the one it was read with, once a
        rename is undone); returns the ids of the articles changed."""
        changed: list[str] = []
        for a in articles:
            before = (a.source, a.source_how)
            source, how = a.meta.get(SOURCE_AS_READ, [a.source, a.source_how])
            read = dataclasses.replace(a, source=source, source_how=how, meta={})
            name = self.outlet(outlet_label(read))
            if name != outlet_label(read):
                a.meta[SOURCE_AS_READ] = [source, how]
                a.source, a.source_how = name, "user"
            else:
                a.meta.pop(SOURCE_AS_READ, None)
                a.source, a.source_how = source, how
            if (a.source, a.source_how) != before:
                changed.append(a.id)
        return changed

    # ------------------------------------------------------------------------------ quotes and claims

    def articles(self, articles: Sequence[Article]) -> list[Article]:
        """The articles with hidden quotes left out (changed articles are copies; the others as given)."""
        if not self.hidden:
            return list(articles)
        out = []
        for a in articles:
            kept = [q for q in a.quotes if (a.id, q.start, q.end) not in self.hidden]
            out.append(a if len(kept) == len(a.quotes) else dataclasses.replace(a, quotes=kept))
        return out

    def touches(self, story: Story) -> bool:
        """Whether any claim mark or hidden quote may concern this story (cheap: by article ids)."""
        ids = set(story.article_ids)
        return any(s[0] in ids for s in self.hidden) or any(
            any(s[0] in ids for s in cite_spans(w.get("row", []))) for w in self.wrong
        )

    def story(self, story: Story, members: Sequence[Article] = ()) -> Story:
        """The story with the claims marked wrong left out, the alignments marked wrong taken off their rows,
        and hidden quotes taken out of the quote claims. ``members`` (the story's articles) let the independent
        sources of a changed row be counted again; a fact or quote row left with fewer than two is left out.

        A summary or key sentence keeps its own cite but loses the other outlets' passages that a row marked
        wrong (or an alignment marked wrong) had given it.
        """
        if not (self.wrong or self.hidden) or not self.touches(story):
            return story
        by_id = {a.id: a for a in members}
        claims: list[Claim] = []
        gone: set[Span] = set()  # passages no longer aligned with the rest of their row
        for c in story.claims:
            fixed = self._claim(c, by_id)
            if fixed is not None:
                claims.append(fixed)
            if fixed is not c:
                gone |= _row_spans(c) - (set() if fixed is None else _row_spans(fixed))
        kept = {c.id for c in claims}
        return dataclasses.replace(
            story,
            claims=claims,
            timeline=[t if t.claim_id in kept or t.claim_id is None else dataclasses.replace(t, claim_id=None)
                      for t in story.timeline],
            summary=[_trimmed(s, kept, gone) for s in story.summary],
            key_sentences=[_trimmed(s, kept, gone) for s in story.key_sentences],
        )  # fmt: skip

    def _claim(self, c: Claim, by_id: Mapping[str, Article]) -> Claim | None:
        drop: set[Span] = set()
        for w in self.wrong:
            if w.get("kind", c.kind) != c.kind or not same_row(c, cite_spans(w.get("row", []))):
                continue
            if not w.get("article_id"):
                return None  # the whole row is wrong
            drop |= {s for s in _row_spans(c) if s[0] == w["article_id"]}
        if c.kind == "quote" and self.hidden:
            drop |= {s for s in _row_spans(c) if any(_inside(s, h) for h in self.hidden)}
        if not drop:
            return c
        support = [x for x in c.support if (x.article_id, x.start, x.end) not in drop]
        conflicts = [x for x in c.conflicts if cite_spans([x])[0] not in drop]
        versions = [v for v in c.versions if "article_id" not in v or cite_spans([v])[0] not in drop]
        sources = c.sources
        if by_id:
            from .compare.claims import source_key  # the comparison stage's count (a curated claim only)

            sources = len({source_key(by_id[x.article_id], dict(by_id)) for x in support if x.article_id in by_id})
        if not support or (c.kind in NEEDS_TWO and sources < 2):
            return None
        return dataclasses.replace(c, support=support, conflicts=conflicts, versions=versions, sources=sources)


def _trimmed(s: SummarySentence, kept: set[str], gone: set[Span]) -> SummarySentence:
    """A summary sentence without the other outlets' passages in ``gone`` (its own, the first, always stays)."""
    keep = [i for i, c in enumerate(s.cites) if i == 0 or (c.article_id, c.start, c.end) not in gone]
    claim_id = s.claim_id if s.claim_id in kept else None
    if len(keep) == len(s.cites) and claim_id == s.claim_id:
        return s
    sources = [s.sources[i] for i in keep if i < len(s.sources)] if s.sources else []
    return dataclasses.replace(s, cites=[s.cites[i] for i in keep], sources=sources, claim_id=claim_id)


def _inside(cite: Span, quote: Span) -> bool:
    return cite[0] == quote[0] and cite[1] < quote[2] and quote[1] < cite[2]


def same_row(claim: Claim, recorded: Sequence[Span]) -> bool:
    """Whether ``claim`` is the row recorded as ``recorded`` (its cites): at least half of the claim's passages
    are among them. Rebuilt from the same articles a row cites the same passages; a row that gained a new
    article since still matches.

    Example:
        >>> c = Claim("s1-c1", "s1", "x", [Cite("a", 0, 5), Cite("b", 3, 9)])
        >>> same_row(c, [("a", 0, 5), ("b", 3, 9)]), same_row(c, [("a", 0, 5)]), same_row(c, [("c", 0, 5)])
        (True, True, False)
    """
    mine = _row_spans(claim)
    shared = len(mine & set(recorded))
    return shared > 0 and 2 * shared >= len(mine)


__all__ = ["SOURCE_AS_READ", "Curation", "cite_spans", "parse_quote_id", "quote_id", "same_row"]
