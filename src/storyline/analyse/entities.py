"""Named entities: mentions per article (from spaCy), then canonical entities across the corpus.

Two levels, as everywhere in Storyline:

* :func:`mentions_from_doc` turns one spaCy ``Doc`` into :class:`~storyline.model.Mention` objects, trimming
  what the small model over-extends (newlines, possessives, leading "the"), relabelling ORG/GPE
  names that are the subject of a speech verb ("Hal Brands said") and noting titles ("Prime Minister").
* :func:`canonicalize` works on all mentions of all articles at once: it votes on each name's type
  across documents (the small model tags "Trump" as ORG about half the time), links short forms to
  full names ("Xi", "Mr Xi", "Chinese President Xi Jinping" → Xi Jinping), folds country aliases
  ("U.S.", "US", "the United States") and drops headline fragments ("Xi Raises").

Example:
    >>> from storyline.model import Article, Mention
    >>> a = Article(id="a", path="a.txt", raw="", text="Xi Jinping called. Mr Xi said.")
    >>> a.mentions = [Mention(0, 10, "Xi Jinping", "PERSON"), Mention(22, 24, "Xi", "PERSON")]
    >>> [e.name for e in canonicalize([a])]
    ['Xi Jinping']
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .. import lexicon
from ..config import Config
from ..model import Article, Cite, Entity, Mention
from .entity_types import KNOWN_NAMES, corrected_type, variant_of
from .event_actors import country_of
from .nlp import doc_text

#: spaCy labels we keep as entities (dates, numbers etc. are handled by their own stages).
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
#: Types shown as "key people, organisations and places".
KEY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")

#: The commonest reporting verbs in their plain forms: the subject of one is a person (``speech.verbs``).
SPEECH_VERBS = lexicon.words("speech.verbs")
HONORIFICS = lexicon.words("roles.honorifics")
#: Title words that may precede a person's name inside (or just before) a mention.
ROLE_WORDS = lexicon.words("roles.offices")
#: Lower-case job words that may stand before a name: "American Enterprise Institute senior fellow Hal Brands".
JOB_WORDS = lexicon.words("roles.jobs")
#: Words of organisations' names: head words, bodies, company suffixes and outlets' names.
ORG_WORDS = (
    lexicon.words("entities.org_heads") | lexicon.words("entities.bodies") | lexicon.words("entities.org_name_words")
)
#: Nationality adjectives that may lead an organisation's name ("Chinese Foreign Ministry").
NATIONALITIES = lexicon.words("entities.nationalities")
#: Country and bloc aliases folded to one name (the most common English forms; extend as needed).
GPE_ALIASES: dict[str, str] = lexicon.table("entities.gpe_aliases")
ALIAS_TYPES: dict[str, str] = lexicon.table("entities.alias_types")
#: Single words the small model tags as entities but that never are one on their own.
NEVER_ENTITIES = lexicon.words("entities.never_entities")
#: Time zones as written ("UTC", "HKT"): never an entity on their own.
TIME_ZONES = lexicon.words("entities.time_zones")
#: Prefixes of ships' names, case as written ("INS Mysore", "MV Gibe"): the name is a vessel's (PRODUCT).
VESSEL_PREFIXES = lexicon.words("entities.vessel_prefixes")
TYPE_PRIORITY = {"GPE": 0, "ORG": 1, "LOC": 2, "FAC": 3, "NORP": 4, "PERSON": 5}

_POSSESSIVE = re.compile(r"['’]s?$")
_INNER_POSSESSIVE = re.compile(r"['’]s\s+\S+$")
_SPACE = re.compile(r"\s+")
_SPACED_DASH = re.compile(r"\s+[-–—]+\s")
_KEY_STRIP = re.compile(r"[^\w\s]")
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)(?!s\b)")  # O'Brien, D’Souza; not a possessive "People's"
#: Words that may lead a person's name and are not part of it.
OCCUPATIONS = lexicon.words("roles.occupations")
_LEADING = HONORIFICS | ROLE_WORDS | JOB_WORDS | OCCUPATIONS | lexicon.words("roles.tenure")


def titlecase_line(text: str, start: int, end: int, ratio: float) -> bool:
    """True when the paragraph around ``start`` looks like a headline (``ratio`` of its words capitalised, no
    period)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    line = text[ls : le if le >= 0 else len(text)].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    if len(words) < 3 or len(words) > 25 or line.endswith("."):
        return False
    caps = sum(
        1
        for w in words
        if w[0].isupper() or w.lower() in {"a", "an", "the", "of", "in", "on", "and", "to", "for", "with", "as", "at"}
    )
    return caps / len(words) >= ratio


def mentions_from_doc(doc: Any, titlecase_ratio: float | None = None) -> list[Mention]:
    """Mentions of named entities in one parsed article, trimmed and lightly relabelled.

    Args:
        doc: a spaCy ``Doc`` of the article's cleaned text.
        titlecase_ratio: the share of capitalised words that makes a line headline-like (a mention there is
            ``titlecase``); None: ``entities.titlecase_ratio``.
    """
    ratio = Config().entities_titlecase_ratio if titlecase_ratio is None else titlecase_ratio
    text: str = doc_text(doc)
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        span_text = text[start:end]
        # Never across lines: keep the part after the last newline (a headline/paragraph break).
        if "\n" in span_text:
            cut = span_text.rfind("\n") + 1
            start += cut
            span_text = text[start:end]
        # Never across a dash written with spaces ("Minnesota Vikings - while", "Bank of America Stadium -"): the
        # part before it.
        dash = _SPACED_DASH.search(span_text + " ")
        if dash:
            end = start + dash.start()
            span_text = text[start:end]
        # "the White House" -> "White House"; "a United Auto Workers (negotiator)" -> "United Auto Workers"
        m = re.match(r"(?i:the)\s+|an?\s+", span_text)
        if m:
            start += m.end()
            span_text = text[start:end]
        # "Nvidia Corp.’s AI" -> "Nvidia Corp."; "Trump’s" -> "Trump"
        m2 = _INNER_POSSESSIVE.search(span_text)
        if m2 and ent.label_ != "PERSON":
            end = start + m2.start()
        span_text = text[start:end]
        m3 = _POSSESSIVE.search(span_text)
        if m3 and m3.start() > 0:
            end = start + m3.start()
        # whitespace tokens at either end ("Xi \t Xi \t "): the cite covers only the name it shows
        span_text = text[start:end].strip()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end = start + len(span_text)
        if not span_text or not any(c.isupper() for c in span_text) or not any(c.isalpha() for c in span_text):
            continue
        if span_text in TIME_ZONES:
            continue  # "12:00 UTC": a clock's zone, not an organisation
        if all(w.lower() in _LEADING for w in span_text.split()):
            continue  # "Const." or "Lt." tagged alone: a title, not a name
        if span_text.split()[-1].lower() in _TRAILING_FUNCTION_WORDS:
            continue  # "Ukraine War And": a headline run-on, not a name
        label = ent.label_
        root = ent.root
        if (
            label in ("ORG", "GPE", "FAC")
            and root.dep_ in ("nsubj", "nsubjpass")
            and root.head.text.lower() in SPEECH_VERBS
            and len(span_text.split()) in (2, 3)
            and not any(w.lower().strip(".,") in ORG_WORDS for w in span_text.split())
        ):
            label = "PERSON"
        if span_text in VESSEL_PREFIXES:  # "INS" tagged alone before "Tabar": the ship's whole name
            j = ent.end
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            end = doc[j - 1].idx + len(doc[j - 1].text)
            span_text = text[start:end]
        if _vessel_name(span_text) is not None:
            label = "PRODUCT"  # "INS Mysore", "the Indian INS Mysore": a ship, tagged PERSON or ORG by the model
        role = _role_before(doc, ent) if label in ("PERSON", "ORG") else None
        description = _apposition(doc, ent) if label in ("PERSON", "ORG") else None
        out.append(
            Mention(
                start=start,
                end=end,
                text=span_text,
                label=label,
                role=role,
                titlecase=titlecase_line(text, start, end, ratio),
                description=description,
            )
        )
    return _vessels_named_again(out)


def _vessel_name(text: str) -> str | None:
    """The ship's name after its prefix in a name ("Mysore" in "Indian INS Mysore"), or None: no prefix."""
    words = text.split()
    k = next((i for i, w in enumerate(words[:-1]) if w in VESSEL_PREFIXES), None)
    return None if k is None else " ".join(words[k + 1 :])


def _vessels_named_again(mentions: list[Mention]) -> list[Mention]:
    """A ship named once with its prefix ("INS Mysore") and after without it ("Mysore closed the vessels"):
    the later mentions are the vessel's too, whatever the small model tagged them (a person, a city)."""
    names = {n for m in mentions if m.label == "PRODUCT" and (n := _vessel_name(m.text)) is not None}
    if not names:
        return mentions
    return [replace(m, label="PRODUCT", role=None, description=None) if m.text in names else m for m in mentions]


_APPOS_STOP = frozenset(',;:()—–"“”')


def _apposition(doc: Any, ent: Any) -> str | None:
    """The description set off after a name: "Henrietta Levin, the director of …," → "the director of …".

    Only a noun phrase in apposition to the name (by the parse), on the same line, that is not itself a
    name ("Xi Jinping, China's president" yes; "Beijing, China" no), up to the next comma, at most 22 tokens.
    """
    root = ent.root
    for c in root.rights:
        if c.dep_ != "appos" or c.i <= ent.end - 1 or c.ent_type_ in ("GPE", "LOC", "DATE", "NORP", "PERSON"):
            continue
        if c.pos_ not in ("NOUN", "PROPN") or (c.pos_ == "PROPN" and not any(t.pos_ == "NOUN" for t in c.subtree)):
            continue
        first = ent.end
        if first < len(doc) and doc[first].text in (",", "—", "–", "("):
            first += 1
        last = first
        while last < len(doc) and last <= c.right_edge.i and doc[last].text not in _APPOS_STOP:
            if "\n" in doc[last].text_with_ws and last < c.right_edge.i:
                return None
            last += 1
        words = doc[first:last]
        if not 2 <= len(words) <= 22 or not any(t.i == c.i for t in words):
            return None
        return str(words.text).strip() or None
    return None


_TRAILING_FUNCTION_WORDS = lexicon.words("entities.trailing_function_words")


def _role_before(doc: Any, ent: Any) -> str | None:
    """Title-case role words right before a person's name: "Japanese Prime Minister" Sanae Takaichi."""
    i = ent.start - 1
    words: list[str] = []
    while i >= 0 and len(words) < 7:
        tok = doc[i]
        low = tok.text.lower()
        if (
            tok.text[:1].isupper()
            and (low in ROLE_WORDS or low in HONORIFICS or tok.ent_type_ in ("NORP", "GPE", "ORG"))
        ) or (low in JOB_WORDS and tok.pos_ in ("NOUN", "ADJ", "PROPN")):
            words.insert(0, tok.text)
            i -= 1
            continue
        # "Secretary of State": "of" joins two title words
        if low == "of" and words and i > 0 and doc[i - 1].text.lower() in ROLE_WORDS and doc[i - 1].text[:1].isupper():
            words.insert(0, tok.text)
            i -= 1
            continue
        break
    words_l = [w.lower() for w in words]
    if not words or all(w in HONORIFICS for w in words_l) or not any(w in ROLE_WORDS | JOB_WORDS for w in words_l):
        return None
    return " ".join(words)


def _key(name: str) -> str:
    """The comparison key of a name: case, punctuation and hyphens folded; an apostrophe inside a word dropped
    ("O'Brien" -> "obrien", one word like "Brien" is not)."""
    k = _KEY_STRIP.sub(" ", _APOSTROPHE.sub("", name).replace("-", " ").replace("’", " ").replace("'", " "))
    return _SPACE.sub(" ", k).strip().casefold()


def _strip_titles(name: str) -> str:
    """'Mr Xi' -> 'Xi'; 'Chinese President Xi Jinping' -> 'Xi Jinping'; 'Former President Barack Obama',
    'Comedian Ellen DeGeneres' -> the name (only leading title, job and "former" words)."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(",") in _LEADING:
        words.pop(0)
    return " ".join(words)


def _surname(key: str, f: _Form, forms: Mapping[str, _Form]) -> bool:
    """A one-word "place" that is a person's surname: no country or capital, and every article that writes it names a
    person whose full name ends with it ("Henderson said" after "Fritz Henderson", tagged a city)."""
    if any(country_of(s) for s in f.surfaces):
        return False
    full = [p for p, g in forms.items() if " " in p and p.rsplit(" ", 1)[-1] == key and g.votes["PERSON"]]
    return bool(full) and all(any(a in forms[p].articles for p in full) for a in f.articles)


def _no_plural(key: str) -> str:
    """A key with each word's final "s" dropped: "general motors" and "general motor" are one spelling."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key.split())


def _initials_dropped(key: str) -> str:
    """A person key without its middle initials: "regina m benjamin" -> "regina benjamin"."""
    toks = key.split()
    if len(toks) < 3:
        return key
    return " ".join([toks[0], *(t for t in toks[1:-1] if len(t) > 1), toks[-1]])


@dataclass
class _Form:
    key: str
    votes: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    raw_forms: set[str] = field(default_factory=set)  # as written, titles included ("Ms Levin")


def _drop_headline_phrases(articles: Sequence[Article], forms: dict[str, _Form], types: dict[str, str]) -> None:
    """Forget "names" seen only in title-case lines that are ordinary words capitalised ("China Japan Diplomatic Row").

    A multi-word organisation or event found only in headline-like lines, with a word that the same
    articles also write in lower case, is a headline phrase, not a name.
    """
    texts = {a.id: a.text for a in articles}
    for k, f in list(forms.items()):
        if types.get(k) not in ("ORG", "EVENT", "WORK_OF_ART", "PRODUCT") or len(k.split()) < 3:
            continue
        if not all(m.titlecase for _, m in f.mentions):
            continue
        words = [w for w in re.findall(r"[A-Za-z]+", f.surfaces.most_common(1)[0][0]) if len(w) > 2]
        body = " ".join(texts.get(aid, "") for aid in f.articles)
        if any(re.search(rf"\b{re.escape(w.lower())}\b", body) for w in words):
            for _, m in f.mentions:
                m.entity_id = None
            del forms[k]
            types.pop(k, None)


#: Words that are names whatever line they are in: first names, nationalities, the known names' words.
_NAME_WORDS = (
    lexicon.words("names.female")
    | lexicon.words("names.male")
    | NATIONALITIES
    | frozenset(GPE_ALIASES)
    | frozenset(w for name in KNOWN_NAMES for w in name.split())
)


def _drop_headline_only(forms: dict[str, _Form], types: dict[str, str]) -> None:
    """Forget "names" of several words found only in title-case lines, none of whose words is a name anywhere else
    ("Release Clause", "Bell Shines", "Smart Watch" from a scraped page's headlines): the model reads capitals as a
    name there. A word is a name when the articles write it in a name outside title-case lines, when it is a first
    name, a nationality, a country or place the tables know, or an acronym; one such word keeps the whole (the
    fragments of a known name are folded below: "Xi Raises", "Chelsea Activate")."""
    named: set[str] = set()
    for k, f in forms.items():
        if not all(m.titlecase for _, m in f.mentions):
            named.update(k.split())
    for k, f in list(forms.items()):
        if len(k.split()) < 2 or not all(m.titlecase for _, m in f.mentions):
            continue
        surface = f.surfaces.most_common(1)[0][0]
        words = re.findall(r"[^\W_]+", surface)
        if any(_a_name_word(w, named) for w in words):
            continue
        for _, m in f.mentions:
            m.entity_id = None
        del forms[k]
        types.pop(k, None)


def _a_name_word(word: str, named: set[str]) -> bool:
    low = _key(word)
    if len(word) < 2 or any(c.isdigit() for c in word) or (word.isupper() and len(word) <= 5):
        return True  # "UN", "iPhone 17": not a capitalised common word
    return low in named or low in _NAME_WORDS or country_of(word) is not None


def _correct_types(articles: Sequence[Article], forms: dict[str, _Form], types: dict[str, str]) -> set[str]:
    """Correct voted types by the name's head words and what the text does with it (:mod:`.entity_types`); a
    name a dateline gives as the article's place ("HAMILTON, Ohio") is a place. Returns the keys so placed."""
    texts = {a.id: a.text for a in articles}
    places = {_key(a.place.split(",")[0]) for a in articles if a.place and a.place_how == "dateline"}
    placed = set()
    for k, f in forms.items():
        after = [texts.get(aid, "")[m.end : m.end + 30] for aid, m in f.mentions]
        before = [texts.get(aid, "")[max(0, m.start - 30) : m.start] for aid, m in f.mentions]
        types[k] = corrected_type(k, types[k], after, before)
        if k in places and types[k] in ("PERSON", "ORG"):
            types[k] = "GPE"
            placed.add(k)
    return placed


def _fold_variants(forms: dict[str, _Form], types: dict[str, str], target: dict[str, str]) -> None:
    """Fold known variants of one name ("WWII", "World War Two") into one key — the canonical spelling when the
    corpus has it, else its most mentioned variant — taking that key's type."""
    folds: dict[str, list[str]] = defaultdict(list)
    for k in forms:
        if k not in target and (v := variant_of(k, forms)) is not None and v != k:
            folds[v].append(k)
    for v, keys in folds.items():
        if v not in forms and v in KNOWN_NAMES:  # the name as it is known, though no article writes it so
            forms[v] = _Form(v, surfaces=Counter({KNOWN_NAMES[v]: 1}))
            types[v] = types[max(keys, key=lambda k: len(forms[k].mentions))]
        root = v if v in forms else max(keys, key=lambda k: len(forms[k].mentions))
        for k in keys:
            if k != root:
                target[k] = root
                types[k] = types[root]


def entity_id(type_: str, name: str) -> str:
    """A stable id for a canonical entity (same name and type → same id in every run)."""
    return "e" + hashlib.sha1(f"{type_}|{name}".encode()).hexdigest()[:10]


def _alias_order(alias: str) -> tuple[str, str]:
    """Aliases by case-folded spelling, then as written ("MR. TRUMP" before "Mr. Trump" in every process)."""
    return alias.casefold(), alias


_SURNAME_WORDS = 2  # "Eriksson Ek": a surname of two words, after a first name


_GIVEN_NAMES = lexicon.words("names.female") | lexicon.words("names.male")
LEAD_CHARS = int(lexicon.table("names.shared_names")["lead_chars"])  # as quotes.doc reads it


def _two_word_surnames(persons: set[str], forms: Mapping[str, _Form], target: dict[str, str]) -> None:
    """A person named by a surname of two words ("Eriksson Ek", "Garcia Marquez") is the one longer name of the same
    articles that ends with them ("Joel Eriksson Ek"); with two such names, or none, it stays its own. Two words
    opening with a first name are a first name and surname, not a surname, when the longer name opens with no first
    name: "Hillary Clinton" is no part of a nickname "Crooked Hillary Clinton" (names.female, names.male)."""
    tails: dict[str, list[str]] = defaultdict(list)
    for p in sorted(persons):
        toks = p.split()
        if len(toks) > _SURNAME_WORDS and p not in target:
            tails[" ".join(toks[-2:])].append(p)
    for p in sorted(persons):
        if p in target or p not in tails:
            continue
        given = p.split()[0] in _GIVEN_NAMES
        longer = [
            q for q in tails[p] if forms[q].articles & forms[p].articles and (not given or q.split()[0] in _GIVEN_NAMES)
        ]
        if len(longer) == 1:
            target[p] = longer[0]


def canonicalize(articles: Sequence[Article]) -> list[Entity]:
    """Group all mentions of ``articles`` into canonical entities and set ``Mention.entity_id``.

    Returns the entities, most mentioned first.
    """
    forms: dict[str, _Form] = {}
    # titles are stripped from people only ("General Motors", "King County", "Defense Security Cooperation
    # Agency" keep their first word), or from a name that, stripped, is a person's ("President Xi" as ORG). A name
    # written so is a person's only where most of its mentions are tagged PERSON: "General Motors" tagged PERSON
    # twice and ORG 25 times makes no person "Motors".
    written: dict[str, Counter[bool]] = {}
    for art in articles:
        for m in art.mentions:
            written.setdefault(_key(m.text), Counter())[m.label == "PERSON"] += 1

    def a_person(m: Mention) -> bool:
        votes = written[_key(m.text)]
        return m.label == "PERSON" and votes[True] >= votes[False]

    person_keys = {_key(_strip_titles(m.text)) for art in articles for m in art.mentions if a_person(m)}
    for art in articles:
        for m in art.mentions:
            name = _strip_titles(m.text)
            if not a_person(m) and _key(name) not in person_keys:
                name = m.text
            key = _key(name)
            if not key or key in NEVER_ENTITIES or len(key) < 2:
                m.entity_id = None
                continue
            f = forms.setdefault(key, _Form(key))
            f.votes[m.label] += 1
            f.surfaces[name] += 1
            if m.text != name:
                f.raw_forms.add(m.text)
            f.articles.add(art.id)
            f.mentions.append((art.id, m))
            if m.role:
                f.roles[m.role] += 1
            if m.description:
                f.descriptions[m.description] += 1

    # 1. Type by vote; ties go to the more common type of thing (places before people).
    def voted(f: _Form) -> str:
        best = max(f.votes.items(), key=lambda kv: (kv[1], -TYPE_PRIORITY.get(kv[0], 9)))
        return best[0]

    types = {k: voted(f) for k, f in forms.items()}
    _drop_headline_phrases(articles, forms, types)
    _drop_headline_only(forms, types)
    placed = _correct_types(articles, forms, types)
    # 2. Full person names (two or more words, voted PERSON).
    persons = {
        k
        for k, t in types.items()
        if t == "PERSON" and len(k.split()) >= 2 and k.split()[-1] not in _LEADING  # not "bloomington police sgt"
    }
    # Headline fragments: "Xi Raises" → "Xi" when the prefix is itself a known name.
    target: dict[str, str] = {}
    for k in sorted(persons):  # sorted: the same names in any process (sets iterate in hash order)
        f = forms[k]
        if all(m.titlecase for _, m in f.mentions):
            toks = k.split()
            for n in range(len(toks) - 1, 0, -1):
                pre = " ".join(toks[:n])
                if pre in forms and (types.get(pre) == "PERSON" or pre in persons or forms[pre].votes["PERSON"]):
                    target[k] = pre
                    persons.discard(k)
                    break
    # Shorter multi-word names that prefix a longer one: "Cho Jung" → "Cho Jung tai".
    ordered = sorted(persons)  # the names starting with "k " follow each other here: one bisect finds them
    for k in sorted(persons, key=len):
        i = bisect.bisect_left(ordered, k + " ")
        longer = []
        while i < len(ordered) and ordered[i].startswith(k + " "):
            longer.append(ordered[i])
            i += 1
        if longer:
            target[k] = max(longer, key=lambda p: sum(forms[p].votes.values()))
    # The same person with and without a middle initial or name: "Regina M. Benjamin", "LuAnn Marie Johnson"
    # → "Regina Benjamin", "Luann Johnson", when exactly one longer form has that first and last word.
    ends: dict[str, list[str]] = defaultdict(list)
    for p in sorted(persons):
        toks = p.split()
        if len(toks) >= 3 and p not in target:
            ends[f"{toks[0]} {toks[-1]}"].append(p)
    for p in sorted(persons):
        if p in target or len(p.split()) != 2:
            continue
        longer = ends.get(p, [])
        if len(longer) == 1:
            target[p] = longer[0]
    _two_word_surnames(persons, forms, target)
    initials: dict[str, list[str]] = defaultdict(list)
    for p in sorted(persons):
        if p not in target and _initials_dropped(p) != p:
            initials[_initials_dropped(p)].append(p)
    for short, longer in initials.items():
        if short in persons and short not in target and len(longer) == 1:
            target[short] = longer[0]
    full = [p for p in sorted(persons) if p not in target]
    by_token: dict[str, list[str]] = defaultdict(list)
    for p in full:
        toks = p.split()
        by_token[toks[0]].append(p)
        by_token[toks[-1]].append(p)
    # 3. Single words that are the first or last word of a full name: "Trump", "Xi", "Takaichi".
    shared: dict[str, list[str]] = {}  # such a word that several full names share: "Clinton"
    for k, f in forms.items():
        if k in target or k in persons or len(k.split()) != 1:
            continue
        cands = by_token.get(k, [])
        if not cands:
            continue
        if types.get(k) in ("GPE", "LOC") and (k in placed or (not f.votes["PERSON"] and not _surname(k, f, forms))):
            continue  # "Jordan" the country, never tagged a person, beside "Michael Jordan"; a dateline's place
        same_article = [p for p in cands if forms[p].articles & f.articles]
        pool = same_article or (cands if f.votes["PERSON"] else [])
        if not pool:
            continue
        target[k] = max(pool, key=lambda p: (len(forms[p].articles & f.articles), sum(forms[p].votes.values())))
        types[k] = "PERSON"
        if len(cands) > 1:
            shared[k] = cands

    # 3b. An organisation named with and without its country: "Supreme Court" → "US Supreme Court", when the
    #     corpus has exactly one country-prefixed form of it ("Foreign Ministry" with a Chinese and a Japanese
    #     one stays apart).
    prefixed: dict[str, list[str]] = defaultdict(list)
    for k in forms:
        if types.get(k) != "ORG" or k in target:
            continue
        toks = k.split()
        for n in (1, 2, 3):
            if len(toks) > n + 1 and (" ".join(toks[:n]) in GPE_ALIASES or " ".join(toks[:n]) in NATIONALITIES):
                prefixed[" ".join(toks[n:])].append(k)
                break
    for bare, variants in prefixed.items():
        if bare in forms and bare not in target and types.get(bare) == "ORG" and len(variants) == 1:
            target[bare] = variants[0]
    # 3c. An acronym and the name it abbreviates: "APEC" → "Asia Pacific Economic Cooperation", when exactly one
    #     organisation of the corpus has those initials.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in forms:
        words = [w for w in k.split() if w not in ("of", "and", "the", "for", "on", "in", "s")]
        if types.get(k) == "ORG" and len(words) >= 2 and k not in target:
            by_initials["".join(w[0] for w in words)].append(k)
    for k, f in forms.items():
        if k in target or " " in k or types.get(k) != "ORG" or len(k) < 2 or k in GPE_ALIASES:
            continue
        if not all(s.isupper() for s in f.surfaces):
            continue
        full_forms = by_initials.get(k, [])
        if len({_no_plural(x) for x in full_forms}) == 1:
            # one name, though a writer may drop or add a plural "s" ("General Motor's chief" beside "General
            # Motors"): the acronym and the rarer spellings go to the most mentioned one
            main = max(full_forms, key=lambda x: (len(forms[x].mentions), x))
            target[k] = main
            for x in full_forms:
                if x != main:
                    target[x] = main

    # 3d. Headline fragments of other names, as of people above: "Chelsea Activate" (from "Chelsea Activate £71.6m
    #     Release Clause") → "Chelsea", when the longer form is only in title-case lines and the prefix is a name
    #     the articles write outside them.
    for k in sorted(forms):
        f = forms[k]
        if k in target or types.get(k) == "PERSON" or " " not in k or not all(m.titlecase for _, m in f.mentions):
            continue
        toks = k.split()
        for n in range(len(toks) - 1, 0, -1):
            pre = " ".join(toks[:n])
            if pre in forms and not all(m.titlecase for _, m in forms[pre].mentions):
                target[k] = pre
                break

    _fold_variants(forms, types, target)

    def resolve(k: str) -> str:
        seen = set()
        while k in target and k not in seen:
            seen.add(k)
            k = target[k]
        return k

    # 4. Country aliases.
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for k in forms:
        root = resolve(k)
        if root in GPE_ALIASES:
            canon = GPE_ALIASES[root]
            typ = ALIAS_TYPES.get(canon, "GPE")
            gk = (typ, canon.casefold())
            names[gk] = canon
        else:
            typ = types[root]
            gk = (typ, root)
        groups[gk].append(k)

    by_id = {a.id: a for a in articles}
    entities: list[Entity] = []
    for gk, keys in groups.items():
        typ, root = gk
        surf: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        descriptions: Counter[str] = Counter()
        cites: list[Cite] = []
        for k in keys:
            surf.update(forms[k].surfaces)
            roles.update(forms[k].roles)
            descriptions.update(forms[k].descriptions)
        if gk in names:
            name = names[gk]
        else:
            # the most frequent surface form of the root key
            name = forms[root].surfaces.most_common(1)[0][0] if root in forms else surf.most_common(1)[0][0]
        eid = entity_id(typ, name)
        for k in keys:
            for aid, m in forms[k].mentions:
                m.entity_id = eid
                cites.append(Cite(aid, m.start, m.end))
        raw = {r for k in keys for r in forms[k].raw_forms}
        aliases = sorted(
            {s for s in surf if s != name} | raw | _honorific_aliases(by_id, keys, forms), key=_alias_order
        )
        aliases = [a for a in aliases if a != name]
        role_list = [r for r, _ in roles.most_common(5)]
        aliases += [f"{r} {name}" for r in role_list if f"{r} {name}" not in aliases]
        entities.append(
            Entity(
                id=eid,
                name=name,
                type=typ,
                aliases=aliases,
                mentions=cites,
                roles=role_list,
                descriptions=[x for x, _ in descriptions.most_common(5)],
            )
        )
    by_root = {root: e for (_, root), e in zip(groups, entities, strict=True)}
    _shared_words_by_article(shared, forms, resolve, by_root)
    entities = [e for e in entities if e.mentions]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities


def _shared_words_by_article(
    shared: Mapping[str, list[str]],
    forms: Mapping[str, _Form],
    resolve: Callable[[str], str],
    by_root: Mapping[str, Entity],
) -> None:
    """A one-word name that several full names share ("Clinton" of Hillary and Bill Clinton) is, in an article that
    names one of them in its lead before the word (lexicon names.shared_names), the one named first, as a quote's
    speaker is read (quotes.doc._full_person); elsewhere the corpus's choice stays. A name written only in
    title-case lines is not counted ("Derelict Obama" of a headline)."""
    full_keys: dict[str, list[str]] = defaultdict(list)  # a root -> its full names ("donald trump", "donald j trump")
    for k in forms:
        if " " in k:
            full_keys[resolve(k)].append(k)
    for k, cands in shared.items():
        home = by_root.get(resolve(k))
        roots = sorted({resolve(p) for p in cands})
        for aid, m in forms[k].mentions:
            starts = {
                r: sorted(x.start for q in full_keys[r] for a, x in forms[q].mentions if a == aid and not x.titlecase)
                for r in roots
            }
            before = {r: [s for s in ss if s < m.start] for r, ss in starts.items()}
            named = [r for r in roots if before[r]]
            if not named:
                continue
            lead = min(named, key=lambda r: before[r][0])
            new = by_root.get(lead) if before[lead][0] < LEAD_CHARS else None
            if new is None or home is None or new is home:
                continue
            cite = Cite(aid, m.start, m.end)
            if cite in home.mentions:
                home.mentions.remove(cite)
            new.mentions.append(cite)
            m.entity_id = new.id
            surface = _strip_titles(m.text)
            if surface != new.name and surface not in new.aliases:
                new.aliases.append(surface)
                new.aliases.sort(key=_alias_order)


def _honorific_aliases(by_id: dict[str, Article], keys: list[str], forms: dict[str, _Form]) -> set[str]:
    """Surface forms with an honorific in front in the text ("Mr Xi", "Ms Levin")."""
    out: set[str] = set()
    for k in keys:
        for aid, m in forms[k].mentions:
            before = by_id[aid].text[max(0, m.start - 5) : m.start]
            hm = re.search(r"\b(Mr|Mrs|Ms|Dr)\.?\s$", before)
            if hm:
                out.add(f"{hm.group(0)}{m.text}".strip())
    return out
