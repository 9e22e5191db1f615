"""The user's story corrections as clustering constraints: must-link and cannot-link, in article ids.

A merge, a split or a move names stories, but story ids are the clustering's own numbering; so each
correction is recorded with the article ids it concerns (:class:`~storyline.model.Correction` ``data``), and
here turned into constraints that hold whatever the stories are called later:

- **must-link**: each correction gives the articles it puts together one *label* — a merge, the articles of
  both stories; a split, the articles named (they form one new story); a move, the article and the members of
  the story it joins. A later correction that names an article gives it its own label, so the latest word
  on an article wins and two corrections never contradict each other.
- **cannot-link**: a split keeps the named articles apart from the rest of the story as it was; a move keeps
  the article apart from the story it left. A later correction that gives both sides of such a pair the same
  label lifts it for that pair.

The clustering (:func:`storyline.compare.cluster.assign_stories`) starts from the must-link groups and never
merges across a cannot-link (its ``apart`` matrix); :meth:`Constraints.enforce` then makes any grouping keep
them — stored stories included, so that ingesting more articles, or re-clustering everything, keeps every
correction. :func:`keep_ids` gives re-clustered stories the ids they had before, and :func:`restore` puts the
stories an undone correction changed back as they were.

Example:
    >>> c = Constraints.compile([("merge", 1, {"into": ["a", "b"], "from": ["c"]}),
    ...                          ("split", 2, {"articles": ["b"], "rest": ["a", "c"]})])
    >>> c.enforce({"s1": ["a", "b"], "s2": ["c"]})
    {'s1': ['a', 'c'], 's3': ['b']}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: The correction kinds that constrain story grouping.
STORY_KINDS = ("merge", "split", "move")

Label = tuple[int, str]


@dataclass(slots=True)
class Constraints:
    """Must-link labels and cannot-link pairs of sets, compiled from the active story corrections.

    ``label``: the article's must-link group (the correction that last named it, and which side);
    ``anchor``: for a group that joins an existing story, an article of that story (its story is kept);
    ``cannot``: (leaving side, staying side) per split or move, oldest first.
    """

    label: dict[str, Label] = field(default_factory=dict)
    anchor: dict[Label, str] = field(default_factory=dict)
    cannot: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)
    members: dict[Label, list[str]] = field(default_factory=dict)  # label → its articles (set by compile)

    @classmethod
    def compile(cls, corrections: Iterable[tuple[str, int, Mapping[str, Any]]]) -> Constraints:
        """Constraints from ``(kind, id, data)`` of the active corrections, oldest first (other kinds ignored)."""
        out = cls()
        for kind, cid, data in corrections:
            if kind == "merge":
                out._join((cid, "merge"), [*data.get("into", []), *data.get("from", [])], data.get("into", [])[:1])
            elif kind == "split":
                named = list(data.get("articles", []))
                out._join((cid, "split"), named, [])
                out.cannot.append((frozenset(named), frozenset(data.get("rest", [])) - set(named)))
            elif kind == "move":
                article, members = str(data["article"]), list(data.get("members", []))
                out._join((cid, "move"), [*members, article], members[:1])
                out.cannot.append((frozenset([article]), frozenset(data.get("from_members", [])) - {article}))
        out.members = out.groups(out.label)
        return out

    def _join(self, label: Label, articles: Sequence[str], anchor: Sequence[str]) -> None:
        for a in articles:
            self.label[a] = label
        if anchor:
            self.anchor[label] = anchor[0]

    def __bool__(self) -> bool:
        return bool(self.label or self.cannot)

    def together(self, a: str, b: str) -> bool:
        """Whether a correction keeps ``a`` and ``b`` in one story."""
        la = self.label.get(a)
        return la is not None and la == self.label.get(b)

    def mates(self, article: str) -> list[str]:
        """The other articles a correction keeps in one story with ``article``."""
        lab = self.label.get(article)
        return [] if lab is None else [a for a in self.members.get(lab, []) if a != article]

    def groups(self, ids: Iterable[str]) -> dict[Label, list[str]]:
        """The must-link groups among ``ids`` (in their order)."""
        out: dict[Label, list[str]] = defaultdict(list)
        for i in ids:
            if i in self.label:
                out[self.label[i]].append(i)
        return dict(out)

    # ------------------------------------------------------------------------------- within clustering

    def seed(self, ids: Sequence[str], groups: list[list[int]]) -> list[list[int]]:
        """The clustering's starting groups: ``groups`` (rows of ``ids`` already in stories) plus every other
        row — joined to the group holding a must-link mate, else with its unplaced mates, else alone."""
        out = [list(g) for g in groups]
        home: dict[Label, int] = {}
        for k, g in enumerate(out):
            for i in g:
                lab = self.label.get(ids[i])
                if lab is not None:
                    home.setdefault(lab, k)
        placed = {i for g in out for i in g}
        for i, aid in enumerate(ids):
            if i in placed:
                continue
            lab = self.label.get(aid)
            if lab is not None and lab in home:
                out[home[lab]].append(i)
                continue
            if lab is not None:
                home[lab] = len(out)
            out.append([i])
        return out

    def apart(self, ids: Sequence[str]) -> np.ndarray:
        """Rows × rows of ``ids``: True where a cannot-link keeps the two articles out of one story."""
        index = {a: i for i, a in enumerate(ids)}
        out = np.zeros((len(ids), len(ids)), dtype=bool)
        for leave, stay in self.cannot:
            rows = [index[a] for a in leave if a in index]
            cols = [index[a] for a in stay if a in index]
            if rows and cols:
                out[np.ix_(rows, cols)] = True
        if out.any():
            for members in self.groups(ids).values():  # a later correction put them together
                rows = [index[a] for a in members]
                out[np.ix_(rows, rows)] = False
            out |= out.T
        return out

    # -------------------------------------------------------------------------------- after clustering

    def enforce(self, mapping: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
        """The grouping ``mapping`` (story id → article ids) changed as little as needed to keep every constraint.

        A must-link group is gathered in the story of its anchor (else the story holding most of it); the
        articles a cannot-link sends away from a story leave it together, with their must-link mates, for a
        new story (``s<N>`` after the highest id). Articles not in ``mapping`` are ignored.
        """
        out = {sid: list(ids) for sid, ids in mapping.items()}
        story_of = {a: sid for sid, ids in out.items() for a in ids}
        next_n = 1 + max((int(s[1:]) for s in out if s[1:].isdigit()), default=0)

        def move(articles: Iterable[str], target: str) -> None:
            for a in articles:
                src = story_of[a]
                if src != target:
                    out[src].remove(a)
                    out.setdefault(target, []).append(a)
                    story_of[a] = target

        for lab, members in self.groups(story_of).items():
            if len({story_of[a] for a in members}) < 2:
                continue
            anchor = self.anchor.get(lab)
            if anchor in story_of:
                target = story_of[anchor]
            else:  # the story holding most of the group; on a tie, the first member's
                counts = Counter(story_of[a] for a in members)
                target = max(counts, key=lambda s: counts[s])
            move(members, target)
        for _ in range(len(self.cannot) + 1):
            changed = False
            for leave, stay in self.cannot:
                for sid in sorted({story_of[a] for a in leave if a in story_of}):
                    here = out[sid]
                    staying = [b for b in here if b in stay]
                    going = [a for a in here if a in leave and any(not self.together(a, b) for b in staying)]
                    if not going:
                        continue
                    labels = {self.label[a] for a in going if a in self.label}
                    going += [b for b in here if b not in going and self.label.get(b) in labels]
                    move(going, f"s{next_n}")
                    next_n += 1
                    changed = True
            if not changed:
                break
        return {sid: ids for sid, ids in out.items() if ids}


def keep_ids(new: Mapping[str, Sequence[str]], old: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Stories re-clustered from scratch (``new``) under the ids they had before (``old``) where they match.

    Each new story takes the id of the old story it shares most articles with (the largest overlaps first,
    each old id once); the others get ids after the highest old or new one.

    Example:
        >>> keep_ids({"s1": ["c"], "s2": ["a", "b"]}, {"s7": ["a", "b"], "s9": ["x"]})
        {'s7': ['a', 'b'], 's10': ['c']}
    """
    story_of = {a: sid for sid, ids in old.items() for a in ids}
    pairs = sorted(
        (-n, _sid_num(o), nid, o)
        for nid, ids in new.items()
        for o, n in Counter(story_of[a] for a in ids if a in story_of).items()
    )
    given: dict[str, str] = {}
    used: set[str] = set()
    for _, _, nid, o in pairs:
        if nid not in given and o not in used:
            given[nid] = o
            used.add(o)
    next_n = 1 + max((_sid_num(s) for s in [*old, *new] if s[1:].isdigit()), default=0)
    out: dict[str, list[str]] = {}
    for nid, ids in new.items():
        if nid in given:
            out[given[nid]] = list(ids)
    for nid, ids in new.items():
        if nid not in given:
            out[f"s{next_n}"] = list(ids)
            next_n += 1
    return out


def restore(mapping: Mapping[str, Sequence[str]], before: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """``mapping`` with the stories ``before`` (id → members, as a correction found them) put back.

    Each story of ``before`` goes home to the current story with its own id when that still holds some of its
    articles, else to the one holding most of them (each current story taken once); one with no home left is
    opened again, under its old id when free. Articles added since stay where they are.

    Example:
        >>> restore({"s1": ["a", "b", "n"]}, {"s1": ["a"], "s2": ["b"]})
        {'s1': ['a', 'n'], 's2': ['b']}
    """
    out = {sid: list(ids) for sid, ids in mapping.items()}
    story_of = {a: sid for sid, ids in out.items() for a in ids}
    pairs = sorted(
        (cur != bid, -n, bid, cur)
        for bid, ids in before.items()
        for cur, n in Counter(story_of[a] for a in ids if a in story_of).items()
    )
    home: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, bid, cur in pairs:
        if bid not in home and cur not in taken:
            home[bid] = cur
            taken.add(cur)
    next_n = 1 + max((_sid_num(s) for s in [*out, *before] if s[1:].isdigit()), default=0)
    for bid, ids in before.items():
        target = home.get(bid)
        if target is None:
            target = bid if bid not in out else f"s{next_n}"
            next_n += target != bid
            out[target] = []
        for a in ids:
            src = story_of.get(a)
            if src is not None and src != target:
                out[src].remove(a)
                out[target].append(a)
                story_of[a] = target
    return {sid: ids for sid, ids in out.items() if ids}


def _sid_num(sid: str) -> int:
    return int(sid[1:]) if sid[1:].isdigit() else 0


__all__ = ["STORY_KINDS", "Constraints", "keep_ids", "restore"]
