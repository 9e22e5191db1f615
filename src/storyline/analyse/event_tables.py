"""The event tables: the verb patterns of ``data/plover_verbs.toml`` (lemma + dependency shape → PLOVER type, mode
and context), the intent maps and the status words, loaded once; read by :mod:`.events` and :mod:`.event_status`.

Example:
    >>> [r.type for r in tables().rules[("impose", "VERB")] if "sanction" in r.obj]
    ['SANCTION', 'COERCE']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any


def lemma_of(t: Any) -> str:
    """A token's lemma (its text where it has none), lower-cased."""
    return str(t.lemma_ or t.text).lower()


@dataclass(frozen=True, slots=True)
class Rule:
    """One verb pattern of ``data/plover_verbs.toml``."""

    type: str
    lemma: str
    pos: str = "VERB"
    prep: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    obj_entity: bool = False
    obj_aimed: bool = False  # the object is a punitive measure aimed at a party, or a rise in one (event_measures)
    obj_kind: str | None = None  # "party": the direct object is a party ("held the villagers"); "thing": it is not
    no_obj: bool = False  # the trigger has no direct object ("the army mobilized", not "mobilized voters")
    no_comp: bool = False  # nor a clause it takes ("the number declined", not "declined to attend")
    subj: tuple[str, ...] = ()  # the subject (or passive subject) must have one of these lemmas
    party_subj: bool = False  # a subject it has is a party ("the minister flew", not "a helicopter flying")
    undergo: bool = False  # the subject undergoes the act ("faced sanctions from X"): its target; X the actor
    mode: str | None = None
    context: tuple[str, ...] = ()
    priority: int = 1


@dataclass(frozen=True, slots=True)
class Tables:
    rules: dict[tuple[str, str], list[Rule]]  # (lemma, pos) → rules, most specific first
    intent: dict[str, str]
    expressed: dict[str, str]  # the intent map of an act under a verb of will ("ready to meet", "offered to mediate")
    status: dict[str, frozenset[str]] = field(default_factory=dict)
    domestic: frozenset[str] = frozenset()  # types whose untargeted act is aimed at home ("demonstrators rioted")
    passive_actor: frozenset[str] = frozenset()  # types whose agentless passive subject acts ("troops were deployed")
    third_place: frozenset[str] = frozenset()  # types held at a place that is no party ("talks in Nairobi")
    mutual_lemmas: frozenset[str] = frozenset()  # acts two named sides do with each other ("signed a treaty")


@cache
def tables() -> Tables:
    """The verb patterns, intent map and status words (``data/plover_verbs.toml``), loaded once."""
    data = tomllib.loads(files("storyline.data").joinpath("plover_verbs.toml").read_text(encoding="utf-8"))
    rules: dict[tuple[str, str], list[Rule]] = {}
    for r in data["rule"]:
        cond = any(
            r.get(k) for k in ("prep", "obj", "obj_entity", "obj_aimed", "obj_kind", "no_obj", "no_comp", "subj")
        )
        for lemma in r["lemmas"]:
            rule = Rule(
                type=r["type"],
                lemma=lemma,
                pos=r.get("pos", "VERB"),
                prep=tuple(r.get("prep", ())),
                obj=tuple(r.get("obj", ())),
                obj_entity=bool(r.get("obj_entity", False)),
                obj_aimed=bool(r.get("obj_aimed", False)),
                obj_kind=r.get("obj_kind"),
                no_obj=bool(r.get("no_obj", False)),
                no_comp=bool(r.get("no_comp", False)),
                subj=tuple(r.get("subj", ())),
                party_subj=bool(r.get("party_subj", False)),
                undergo=bool(r.get("undergo", False)),
                mode=r.get("mode"),
                context=tuple(r.get("context", ())),
                priority=int(r.get("priority", 2 if cond else 1)),
            )
            rules.setdefault((lemma, rule.pos), []).append(rule)
    for lst in rules.values():
        lst.sort(key=lambda x: -x.priority)  # stable: file order among equals
    return Tables(
        rules,
        dict(data["intent"]),
        {**data["intent"], **data.get("expressed", {})},
        {k: frozenset(v) for k, v in data["status"].items()},
        frozenset(data.get("domestic", {}).get("types", ())),
        frozenset(data.get("passive", {}).get("actor_types", ())),
        frozenset(data.get("place", {}).get("third_place_types", ())),
        frozenset(data.get("mutual", {}).get("lemmas", ())),
    )


__all__ = ["Rule", "Tables", "lemma_of", "tables"]
