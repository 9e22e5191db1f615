"""Coding event actors: the country (ISO 3166-1 alpha-3) and sector (PLOVER/CAMEO agent) of an actor phrase.

The words are data: ``data/countries.tsv`` (names, demonyms and capitals per ISO-3 code, ``IGO`` for international
organisations) and ``data/actor_sectors.toml`` (role words per sector, context words per PLOVER context). A phrase
is coded from its own words: "Chinese President Xi Jinping" → CHN GOV, "Burundian militiamen" → BDI MIL; a phrase
that names only a country or its capital is that country's government ("Beijing" → CHN GOV).

Example:
    >>> code_phrase("Chinese President Xi Jinping")
    ('CHN', 'GOV')
    >>> code_phrase("Burundian militiamen")
    ('BDI', 'MIL')
    >>> code_phrase("the U.S.")
    ('USA', 'GOV')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from .. import lexicon

#: Longest country name, in words ("democratic republic of the congo").
MAX_NAME_WORDS = 6
_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*[A-Za-z.]|[A-Za-z]")
#: Short names that are also English words: they code only when written as the name ("US", "UN", "WHO").
CASE_SENSITIVE = lexicon.words("entities.case_sensitive_countries")
#: Words before a nationality that make it a people, not a country ("ethnic Albanians").
PEOPLE_WORDS = lexicon.words("events.people_words")


def _code_table(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    text = files("storyline.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, names = line.partition("\t")
        for n in names.split("|"):
            if n.strip():
                out.setdefault(n.strip().lower(), code.strip())
    return out


@cache
def countries() -> dict[str, str]:
    """Lower-cased name, demonym or capital → ISO-3 code (``data/countries.tsv``)."""
    return _code_table("countries.tsv")


@cache
def places() -> dict[str, str]:
    """Lower-cased province, region or (non-capital) city → ISO-3 code of its country (``data/places.tsv``)."""
    return {k: v for k, v in _code_table("places.tsv").items() if k not in countries()}


@cache
def _names() -> dict[str, str]:
    return {**places(), **countries()}


@cache
def _sector_tables() -> tuple[dict[str, str], dict[str, list[str]]]:
    data = tomllib.loads(files("storyline.data").joinpath("actor_sectors.toml").read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for sector, ws in data["sector"].items():
        for w in ws:
            words.setdefault(w.lower(), sector)
    return words, {k: [w.lower() for w in v] for k, v in data["context"].items()}


@cache
def party_words() -> dict[str, frozenset[str]]:
    """The words that name a party though no sector ("both sides", "allies") and the pronouns that stand for one
    (``[party]`` of ``data/actor_sectors.toml``)."""
    data = tomllib.loads(files("storyline.data").joinpath("actor_sectors.toml").read_text(encoding="utf-8"))
    return {k: frozenset(w.lower() for w in v) for k, v in data["party"].items()}


def sector_words() -> dict[str, str]:
    """Lower-cased role word → sector code (``data/actor_sectors.toml``)."""
    return _sector_tables()[0]


def context_words() -> dict[str, list[str]]:
    """PLOVER context → the words that put a clause in it."""
    return _sector_tables()[1]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _name_ok(name: str, written: str) -> bool:
    """A name that is also a common word counts only as written with capitals ("US", not "us"); so does a place."""
    return (name not in CASE_SENSITIVE and name not in places()) or written[:1].isupper()


def countries_in(text: str) -> list[tuple[int, str, str]]:
    """Every country named in ``text``, as ``(word index, code, name as written)``, longest names first, in order.

    Example:
        >>> [c for _, c, _ in countries_in("Hungarian and Romanian officials")]
        ['HUN', 'ROU']
    """
    table = _names()
    words = _words(text)
    out: list[tuple[int, str, str]] = []
    i = 0
    while i < len(words):
        if i and words[i - 1].lower() in PEOPLE_WORDS:  # "ethnic Albanians": a people, not a country
            i += 1
            continue
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            written = " ".join(words[i : i + n])
            key = written.lower()
            code = table.get(key) or (table.get(key.rstrip(".")) if n == 1 else None)
            if code is None and key.endswith("'s"):
                code = table.get(key[:-2])
            if code is not None and _name_ok(key.rstrip("."), written):
                out.append((i, code, written))
                i += n
                break
        else:
            i += 1
    return out


def country_of(text: str) -> str | None:
    """The first country ``text`` names, or None."""
    found = countries_in(text)
    return found[0][1] if found else None


def _word_sector(word: str) -> str | None:
    """The sector a role word says ("doctors": MED), or CVL for a people's plural name ("Palestinians")."""
    return sector_words().get(word) or ("CVL" if word in peoples() else None)


def sector_of(text: str, head: str | None = None) -> str | None:
    """The sector of an actor phrase: its head word's, else a pair's, else its role word likeliest the head's
    (:func:`_head_first`), else GOV for a bare country (CVL for a bare people, province or city).

    Example:
        >>> sector_of("Swiss doctors", "doctors"), sector_of("Serbia"), sector_of("rebel Kurdish fighters", "fighters")
        ('MED', 'GOV', 'REB')
        >>> sector_of("British Defence Secretary Tom King"), sector_of("Nigerians"), sector_of("Minister of Defence")
        ('GOV', 'CVL', 'GOV')
    """
    table = sector_words()
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in _words(text)]
    low = text.lower()
    if head is not None and _word_sector(head.lower()):  # "the Palestinians", "Iraqi Kurds": a people
        return _word_sector(head.lower())
    pair = next((p for p in (" ".join(words[i : i + 2]) for i in range(len(words) - 1)) if p in table), None)
    if pair is not None:  # the pair ("air force", "white house") before its words
        return table[pair]
    role = next((r for r in map(_word_sector, _head_first(words)) if r), None)
    if role is not None:
        return role
    found = countries_in(text)
    if found and len(found[0][2]) >= len(low.removeprefix("the ").strip(" .,")) - 1:
        name = found[0][2].lower().removeprefix("the ")
        if name in places() or name in peoples():  # a bare province, city or people: its people, not a government
            return "CVL"
        return "IGO" if found[0][1] == "IGO" else "GOV"
    if found and found[0][1] == "IGO":
        return "IGO"
    return None


#: Words after which an actor phrase's head noun is behind it ("Minister of Defence", "doctors from two groups").
_HEAD_ENDS = lexicon.words("events.head_end_prepositions")


def _head_first(words: Sequence[str]) -> list[str]:
    """The words of an actor phrase in the order its head is likeliest among them: the words before its first
    preposition from the right (English puts the head last: "Defence Secretary", "riot police"), then the rest."""
    cut = next((i for i, w in enumerate(words) if w in _HEAD_ENDS), len(words))
    return list(reversed(words[:cut])) + list(words[cut:])


@cache
def peoples() -> frozenset[str]:
    """Lower-cased plural names of a people ("palestinians", "serbs", "filipinos"): a demonym of
    ``data/countries.tsv`` whose singular is one too; not a country's own name ("philippines")."""
    text = files("storyline.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip().lower() for n in line.partition("\t")[2].split("|") if n.strip()]
        out |= {n for n in names[1:] if n.endswith("s") and n[:-1] in names}
    return frozenset(out)


@cache
def office_holders() -> dict[str, str]:
    """Lower-cased name of a well-known office holder → ISO-3 code (``data/actor_names.tsv``)."""
    out: dict[str, str] = {}
    text = files("storyline.data").joinpath("actor_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, names = line.partition("\t")
            for name in names.split("|"):
                if name.strip():
                    out.setdefault(name.strip().lower(), code.strip())
    return out


def office_holder_of(text: str) -> str | None:
    """The country of the first well-known office holder ``text`` names ("President Bush" → USA), or None.

    Example:
        >>> office_holder_of("President Bill Clinton"), office_holder_of("a bush fire")
        ('USA', None)
    """
    table = office_holders()
    words = re.findall(r"[A-Za-zÀ-ÿ][\w.'\-]*", text)
    for i in range(len(words)):
        for n in range(min(4, len(words) - i), 0, -1):
            written = " ".join(words[i : i + n]).removesuffix("'s").removesuffix("’s")
            code = table.get(written.lower())
            if code is not None and all(w[:1].isupper() for w in written.split()):
                return code
    return None


@cache
def _ngo_words() -> frozenset[str]:
    data = tomllib.loads(files("storyline.data").joinpath("actor_sectors.toml").read_text(encoding="utf-8"))
    return frozenset(data["organisation"]["ngo_words"])


def ngo_name(text: str) -> bool:
    """Whether ``text`` names a non-governmental organisation by its form: a capitalised word such as
    "Association", "Forum" or "Foundation" (``[organisation]`` of ``data/actor_sectors.toml``).

    Example:
        >>> ngo_name("the Association of African Lawyers"), ngo_name("a trade association")
        (True, False)
    """
    return any(w in _ngo_words() for w in _words(text))


def code_phrase(text: str, head: str | None = None) -> tuple[str | None, str | None]:
    """``(country, sector)`` of an actor phrase (either None where the words do not say); a well-known office
    holder's bare name is their government ("President Bush" → USA GOV); an organisation that names no country
    and calls itself an association, forum, foundation … is an NGO (the CAMEO code for transnational
    non-governmental organisations)."""
    country = country_of(text)
    sector = sector_of(text, head)
    if country is None:
        country = office_holder_of(text)
        if country is not None and sector is None:
            sector = "IGO" if country == "IGO" else "GOV"
    if country is None and ngo_name(text):
        country = "NGO"
    if country in ("IGO", "NGO", "IMG") and sector is None:
        sector = country
    return country, sector


def contexts_of(words: Sequence[str]) -> list[str]:
    """The PLOVER contexts whose words occur among ``words`` (lower-cased), in table order."""
    have = {w.lower() for w in words}
    return [ctx for ctx, ws in context_words().items() if any(w in have for w in ws)]


__all__ = [
    "code_phrase",
    "contexts_of",
    "countries",
    "countries_in",
    "country_of",
    "ngo_name",
    "office_holder_of",
    "party_words",
    "peoples",
    "places",
    "sector_of",
    "sector_words",
]
