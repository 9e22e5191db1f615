"""Who is who across articles: person-name canonicalisation on ECB+ dev, ours beside string baselines, in one run.

    python bench/entities.py [--data DIR] [--no-cache] [--show N] [--fuzzy-cutoff R] [--out FILE]

Data: ../shared/data/ecbplus-dev (ECB+, Cybulska & Vossen 2014, development split: topics 2, 5, 12, 18, 21,
23, 34, 35; 196 documents with text). ``dev_entity_gold_mentions.json`` gives each entity mention its
tokens, a type (HUM = human participant, which in ECB+ also covers groups: "Navy", "Chargers", "CNN")
and ``coref_chain``, a cross-document coreference chain: the gold cluster. Topics pair two events of
the same kind, so different people can share a surname ("Mark Vinar" and "Miles Vinar", two climbers;
"A.J. Smith" and "Stephen A. Smith" in two topics), and the same person is named several ways
("Dr. Sanjay Gupta", "Sanjay Gupta", "Gupta", "Dr Gupta").

Texts: rebuilt from the tokens exactly as bench/cluster.py does (``doc_text``: one sentence per line,
detokenised, URL lines dropped), then run through Storyline's own stages (read → clean → spaCy →
dates, with mentions from ``mentions_from_doc``; ``analysed_articles``, cached in the temp folder), and
``storyline.analyse.entities.canonicalize`` over all articles at once, as a user's corpus would be.

Gold named person mentions: HUM, not ``is_pronoun``, with at least one *name token*: a token that starts
with a capital, has two or more characters besides dots, and is never written in lower case anywhere in
the corpus ("Jackson", "Obama", "CNN" yes; "Woman", "Driver", "Police", "Surgeon General", "I" no: those
are headline capitals or titles). The looser rule "any capitalised token" is counted too, for coverage.

Alignment: every sentence is rebuilt, token offsets noted, and the sentence is looked up in
``Article.text`` in order. A sentence that is not there was taken as the title (the cleaner may use the
first line; the title is not analysed), cut by the cleaner (``Article.removed``), or not found: each
count is printed.

Measures:

* **coverage**: share of located gold named mentions whose head word (the last word before a comma,
  "of" or "who", possessives aside: "Obama" is not the head of "Obama team") is overlapped by one of our
  mentions whose canonical entity is a PERSON (a mention the entity stage dropped counts by its spaCy
  label); also by a mention of any type, by a PERSON anywhere in the gold span, and over the loose gold;
* **clustering** on the gold mentions we detect (each labelled with the entity id of that PERSON
  mention, the largest overlap if several): B-cubed P/R/F1 (per-mention averages), pairwise
  P/R/F1 over all pairs and over pairs from different documents only, predicted vs gold clusters;
* **cross-document view**: gold chains whose detected mentions span ≥ 2 documents, how many of them we
  unify completely (one entity for all their mentions), and how many also hold no other chain; how many
  of our entities merge two or more gold chains, printed with the names involved, and the worst splits.

Peers, scored on exactly the same detected mentions (the text of our overlapping PERSON mention):

* ``exact string``: same name after stripping leading titles/honorifics, possessives, punctuation and case;
* ``last token``: same last word of that name, corpus-wide ("Jackson" = "Vincent Jackson" = "Michael Jackson");
* ``rapidfuzz``: when rapidfuzz is installed, ``fuzz.token_set_ratio`` ≥ ``--fuzzy-cutoff`` (default 90,
  not tuned) between the distinct names of all PERSON mentions of the corpus, linked transitively.

Caveats: this set is NOT held out for the entity code. Its first run scored ours at B-cubed F1 0.955
(P 1.000, R 0.914; last token 0.983, rapidfuzz 0.984); the errors it printed were read and five general
faults fixed (apostrophes inside names, middle initials and names, leading job words and "Former", titles
stripped from organisations, a name ending in a title taken for a full name). The figure after those fixes
is therefore optimistic. The same dev texts are used by bench/cluster.py, whose person signals read
canonical entities (its score did not move with these fixes). The
gold covers only the annotated sentences (ECB+ annotates a subset of each document), HUM mixes people
with groups (which our PERSON type rightly leaves out: they lower coverage, not clustering), and the
small spaCy model's spans decide what we detect: clustering is scored only where detection succeeded.
Names in a line the cleaner took as the title are not analysed by Storyline and count as not located.
Singleton gold chains make B-cubed generous to systems that split; the cross-document figures do not.
Eight topics hold few people who share a surname, which flatters the ``last token`` peer: its two
wrong merges here are the whole test of it, and a broad corpus ("Jackson", "Smith", "Li") has far more.

Prints the tables and error examples and writes bench/results/entities.json.
"""

from __future__ import annotations

import argparse
import copy
import importlib.metadata
import json
import platform
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from cluster import (
    _URL,
    analysed_articles,
    bcubed,
    detokenise,
    doc_of,
    doc_text,
    load_docs,
    pairwise,
    shown_path,
    write_files,
)

from storyline.analyse.entities import HONORIFICS, ROLE_WORDS, canonicalize
from storyline.config import Config
from storyline.model import Article, Entity, Mention

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus-dev"

# ------------------------------------------------------------------------------------------ gold


@dataclass
class Gold:
    """One gold entity mention, and where it lies in the analysed article (``where`` says if it does)."""

    key: str  # doc_id#m_id
    doc: str
    sent: int
    tokens: list[int]
    text: str
    chain: str
    desc: str
    named: bool  # strict rule (name token); the loose rule is "any capitalised token"
    where: str = "text"  # text | title | removed | not found
    start: int = -1  # offsets into Article.text when where == "text"
    end: int = -1
    head_start: int = -1  # the head word's offsets ("Obama team": "team"; "Regina Benjamin, MD": "Benjamin")
    head_end: int = -1


_HEAD_STOP = {",", "(", "of", "who", "-LRB-", "--"}
_POSSESSIVES = {"'s", "'", "’s", "’"}


def head_index(words: Sequence[str]) -> int:
    """Index of the head word of a mention: the last word before a comma, "(", "of" or "who", possessives aside."""
    end = next((i for i, w in enumerate(words) if i > 0 and w in _HEAD_STOP), len(words))
    while end > 1 and words[end - 1] in _POSSESSIVES:
        end -= 1
    return end - 1


def lower_vocab(docs: dict[str, list[list[str]]]) -> set[str]:
    """Every token written starting in lower case anywhere in the corpus (lower-cased), URL lines aside."""
    return {
        w.lower() for sents in docs.values() for s in sents if s and not _URL.match(s[0]) for w in s if w[:1].islower()
    }


def name_token(word: str, lower: set[str]) -> bool:
    return word[:1].isupper() and len(word.replace(".", "")) >= 2 and word.lower() not in lower


def load_gold(data: Path, docs: dict[str, list[list[str]]]) -> tuple[list[Gold], int]:
    """Gold HUM mentions that are not pronouns and hold a capitalised token; and how many are HUM non-pronouns."""
    raw = json.loads((data / "dev_entity_gold_mentions.json").read_text(encoding="utf-8"))
    lower = lower_vocab(docs)
    out: list[Gold] = []
    hum = 0
    for m in raw:
        if m["mention_type"] != "HUM" or m["is_pronoun"] or m["doc_id"] not in docs:
            continue
        hum += 1
        words = m["tokens_str"].split()
        if not any(w[:1].isupper() for w in words):
            continue
        out.append(
            Gold(
                key=f"{m['doc_id']}#{m['m_id']}",
                doc=m["doc_id"],
                sent=int(m["sent_id"]),
                tokens=[int(t) for t in m["tokens_ids"]],
                text=m["tokens_str"],
                chain=m["coref_chain"],
                desc=m.get("cluster_desc") or m["coref_chain"],
                named=any(name_token(w, lower) for w in words),
            )
        )
    return out, hum


def token_offsets(line: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where each token of a sentence lies in its rebuilt line (``detokenise`` only joins and swaps quotes)."""
    spans = []
    pos = 0
    for w in words:
        form = {"``": "“", "''": "”"}.get(w, w)
        at = line.find(form, pos)
        if at < 0:  # should not happen; keep going with an empty span
            spans.append((pos, pos))
            continue
        spans.append((at, at + len(form)))
        pos = at + len(form)
    return spans


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def align(golds: list[Gold], docs: dict[str, list[list[str]]], arts: dict[str, Article]) -> None:
    """Give each gold mention its offsets in ``Article.text``, or say why it has none."""
    by_doc: dict[str, list[Gold]] = defaultdict(list)
    for g in golds:
        by_doc[g.doc].append(g)
    for doc, gs in by_doc.items():
        art = arts.get(doc)
        sents = docs[doc]
        first_tok = [0]
        for s in sents:
            first_tok.append(first_tok[-1] + len(s))
        placed: dict[int, tuple[str, int, list[tuple[int, int]]]] = {}
        cursor = 0
        for i, words in enumerate(sents):
            if art is None or not words or _URL.match(words[0]):
                placed[i] = ("not found", -1, [])
                continue
            line = detokenise(words)
            at = art.text.find(line, cursor)
            if at < 0:
                at = art.text.find(line)  # out of order (the cleaner moved it): still the same words
            if at >= 0:
                placed[i] = ("text", at, token_offsets(line, words))
                cursor = at + len(line)
            elif art.title and _squash(art.title) == _squash(line):
                placed[i] = ("title", -1, [])
            elif any(_squash(line) in _squash(r.text) or _squash(r.text) in _squash(line) for r in art.removed):
                placed[i] = ("removed", -1, [])
            else:
                placed[i] = ("not found", -1, [])
        for g in gs:
            where, at, spans = placed[g.sent]
            g.where = where
            if where == "text":
                local = sorted(t - first_tok[g.sent] for t in g.tokens)
                g.start = at + spans[local[0]][0]
                g.end = at + spans[local[-1]][1]
                head = local[head_index([sents[g.sent][t] for t in local])]
                g.head_start, g.head_end = at + spans[head][0], at + spans[head][1]


# ------------------------------------------------------------------------------------------ ours


def is_person(m: Mention, types: dict[str, str]) -> bool:
    """A PERSON by its canonical entity's voted type; by its spaCy label when the entity stage dropped it."""
    return types.get(m.entity_id, "") == "PERSON" if m.entity_id else m.label == "PERSON"


def overlapping(g: Gold, art: Article, keep: Callable[[Mention], bool], head: bool = True) -> Mention | None:
    """Our mention over the gold mention's head word (or anywhere in it), the largest overlap first."""
    best, most = None, 0
    for m in art.mentions:
        if head and not (m.start < g.head_end and g.head_start < m.end):
            continue
        ov = min(m.end, g.end) - max(m.start, g.start)
        if ov > most and keep(m):
            best, most = m, ov
    return best


# ------------------------------------------------------------------------------------------ peers

_PUNCT = re.compile(r"[^\w\s]")


def norm_name(text: str) -> str:
    """'Dr. Sanjay Gupta's' → 'sanjay gupta': possessive, leading titles, punctuation and case removed."""
    t = re.sub(r"['’]s?$", "", text.strip())
    words = t.split()
    while len(words) > 1 and words[0].lower() in HONORIFICS | ROLE_WORDS:
        words.pop(0)
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", " ".join(words))).strip().casefold() or text.casefold()


def fuzzy_groups(names: set[str], cutoff: float) -> dict[str, str]:
    """Single-link groups of names with ``token_set_ratio`` ≥ cutoff; name → group representative."""
    from rapidfuzz import fuzz, process

    ordered = sorted(names)
    parent = {n: n for n in ordered}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    scores = process.cdist(ordered, ordered, scorer=fuzz.token_set_ratio, score_cutoff=cutoff)
    for i, j in zip(*np.nonzero(scores >= cutoff), strict=True):
        a, b = find(ordered[i]), find(ordered[j])
        if a != b:
            parent[b] = a
    return {n: find(n) for n in ordered}


# --------------------------------------------------------------------------------------- measures


def chain_view(pred: dict[str, str], gold: dict[str, str], doc: dict[str, str]) -> dict[str, int]:
    """Cross-document chains unified, and predicted clusters that merge gold chains."""
    chains: dict[str, list[str]] = defaultdict(list)
    clusters: dict[str, set[str]] = defaultdict(set)
    for k, c in gold.items():
        chains[c].append(k)
        clusters[pred[k]].add(c)
    cross = [c for c, ks in chains.items() if len({doc[k] for k in ks}) >= 2]
    unified = [c for c in cross if len({pred[k] for k in chains[c]}) == 1]
    pure = [c for c in unified if clusters[pred[chains[c][0]]] == {c}]
    return {
        "gold_cross_doc_chains": len(cross),
        "unified": len(unified),
        "unified_and_pure": len(pure),
        "clusters_merging_chains": sum(len(cs) >= 2 for cs in clusters.values()),
        "chains_in_merged_clusters": sum(len(cs) for cs in clusters.values() if len(cs) >= 2),
    }


def score(pred: dict[str, str], gold: dict[str, str], doc: dict[str, str]) -> dict[str, Any]:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    xp, xr, xf = pairwise(pred, gold, apart=doc)
    r4 = lambda x: round(x, 4)  # noqa: E731
    return {
        "b3_p": r4(bp), "b3_r": r4(br), "b3_f1": r4(bf),
        "pair_p": r4(pp), "pair_r": r4(pr), "pair_f1": r4(pf),
        "xdoc_pair_p": r4(xp), "xdoc_pair_r": r4(xr), "xdoc_pair_f1": r4(xf),
        "clusters": len(set(pred.values())), "gold_clusters": len(set(gold.values())),
        **chain_view(pred, gold, doc),
    }  # fmt: skip


# ------------------------------------------------------------------------------------------ errors


def _names(ks: Sequence[str], surf: dict[str, str], doc: dict[str, str], docs_shown: int = 4) -> str:
    c = Counter(surf[k] for k in ks)
    ds = sorted({doc[k].removesuffix(".xml") for k in ks})
    more = f" +{len(ds) - docs_shown}" if len(ds) > docs_shown else ""
    return f"{', '.join(f'{n!r}×{x}' for n, x in c.most_common(4))} in {', '.join(ds[:docs_shown])}{more}"


def _spread(outer: dict[str, str], inner: dict[str, str]) -> list[tuple[str, list[tuple[str, list[str]]], int]]:
    """Groups of ``outer`` whose mentions fall into two or more groups of ``inner``: (outer group, its inner
    parts biggest first, the mention pairs it puts across parts)."""
    by_outer: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for k, o in outer.items():
        by_outer[o][inner[k]].append(k)
    out = []
    for o, parts in by_outer.items():
        if len(parts) < 2:
            continue
        sizes = [len(ks) for ks in parts.values()]
        across = (sum(sizes) ** 2 - sum(x * x for x in sizes)) // 2
        out.append((o, sorted(parts.items(), key=lambda kv: -len(kv[1])), across))
    return out


def merges(
    pred: dict[str, str],
    gold: dict[str, str],
    doc: dict[str, str],
    surf: dict[str, str],
    desc: dict[str, str],
    label_name: dict[str, str],
) -> list[dict[str, Any]]:
    """Predicted clusters holding two or more gold chains, the biggest first."""
    out = []
    for p, parts, wrong in _spread({k: pred[k] for k in gold}, gold):
        shown = [
            {"gold": desc[c], "name": Counter(surf[k] for k in ks).most_common(1)[0][0], "names": _names(ks, surf, doc)}
            for c, ks in parts
        ]
        mentions = sum(len(ks) for _, ks in parts)
        out.append({"entity": label_name.get(p, p), "mentions": mentions, "wrong_pairs": wrong, "chains": shown})
    return sorted(out, key=lambda e: (-e["wrong_pairs"], e["entity"]))


def splits(
    pred: dict[str, str],
    gold: dict[str, str],
    doc: dict[str, str],
    surf: dict[str, str],
    desc: dict[str, str],
    label_name: dict[str, str],
) -> list[dict[str, Any]]:
    """Gold chains spread over two or more predicted clusters, the most split pairs first."""
    out = []
    for c, parts, missed in _spread(gold, pred):
        shown = [{"entity": label_name.get(p, p), "names": _names(ks, surf, doc)} for p, ks in parts]
        out.append({"gold": desc[c], "missed_pairs": missed, "parts": shown})
    return sorted(out, key=lambda e: (-e["missed_pairs"], e["gold"]))


# ------------------------------------------------------------------------------------------ report


def fmt_row(label: str, s: dict[str, Any]) -> str:
    return (
        f"{label:<26} {s['b3_p']:.3f} {s['b3_r']:.3f} {s['b3_f1']:.3f}   {s['pair_p']:.3f} {s['pair_r']:.3f} "
        f"{s['pair_f1']:.3f}   {s['xdoc_pair_p']:.3f} {s['xdoc_pair_r']:.3f} {s['xdoc_pair_f1']:.3f}   "
        f"{s['clusters']:>4}/{s['gold_clusters']:<4} {s['unified']:>3}/{s['gold_cross_doc_chains']:<3} "
        f"{s['unified_and_pure']:>4} {s['clusters_merging_chains']:>5}"
    )


def version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def share(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-cache", action="store_true", help="re-run spaCy instead of reading cached articles")
    ap.add_argument("--show", type=int, default=8, help="error examples to print per kind")
    ap.add_argument("--fuzzy-cutoff", type=float, default=90.0, help="token_set_ratio cut-off of the rapidfuzz peer")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "entities.json", help="where to save the figures")
    args = ap.parse_args()
    if not (args.data / "dev_text.txt").is_file() or not (args.data / "dev_entity_gold_mentions.json").is_file():
        sys.exit(f"no ECB+ dev data at {args.data}: pass --data DIR (a folder with dev_text.txt and gold mentions)")

    cfg = Config()
    docs = load_docs(args.data)
    texts = {d: doc_text(s) for d, s in docs.items()}
    cache = None if args.no_cache else Path(tempfile.gettempdir()) / "storyline-bench-entities"
    with tempfile.TemporaryDirectory() as tmp:
        write_files(texts, Path(tmp))
        t = time.perf_counter()
        analysed = analysed_articles(Path(tmp), cache)
        print(f"analysed {len(analysed)} articles in {time.perf_counter() - t:.1f} s (cached when fast)")
    arts_list: list[Article] = copy.deepcopy(analysed)  # type: ignore[arg-type]
    t = time.perf_counter()
    entities: list[Entity] = canonicalize(arts_list)
    canon_s = time.perf_counter() - t
    arts = {doc_of(a.path): a for a in arts_list}
    types = {e.id: e.type for e in entities}
    ent_name = {e.id: e.name for e in entities}

    golds, hum = load_gold(args.data, docs)
    align(golds, docs, arts)
    strict = [g for g in golds if g.named]
    where = Counter(g.where for g in strict)
    print(
        f"data: {args.data.name}: {len(docs)} documents; gold HUM non-pronoun mentions {hum}, with a capitalised"
        f" token {len(golds)} (loose), with a name token {len(strict)} (scored) in"
        f" {len({g.chain for g in strict})} gold chains"
    )
    print(
        "located in Article.text: "
        + ", ".join(f"{k} {where[k]}" for k in ("text", "title", "removed", "not found"))
        + " (title: the first line, taken as title and not analysed; removed: cut by the cleaner)"
    )
    print(f"canonicalize: {len(entities)} entities over {len(arts_list)} articles in {canon_s:.2f} s")

    # ---- detection
    located = [g for g in strict if g.where == "text"]
    loose_located = [g for g in golds if g.where == "text"]
    person: dict[str, Mention] = {}
    any_type: dict[str, Mention] = {}
    person_anywhere: set[str] = set()
    for g in golds:
        if g.where != "text":
            continue
        art = arts[g.doc]
        m = overlapping(g, art, lambda m: is_person(m, types))
        if m is not None:
            person[g.key] = m
        m2 = overlapping(g, art, lambda m: True)
        if m2 is not None:
            any_type[g.key] = m2
        if overlapping(g, art, lambda m: is_person(m, types), head=False) is not None:
            person_anywhere.add(g.key)
    detected = [g for g in located if g.key in person]
    n_any = sum(g.key in any_type for g in located)
    n_anywhere = sum(g.key in person_anywhere for g in located)
    n_loose = sum(g.key in person for g in loose_located)
    coverage = {
        "gold_named": len(strict),
        "located": len(located),
        "not_located": {k: where[k] for k in ("title", "removed", "not found")},
        "person_on_head": len(detected),
        "person_coverage": share(len(detected), len(located)),
        "person_anywhere": n_anywhere,
        "any_entity_on_head": n_any,
        "any_entity_coverage": share(n_any, len(located)),
        "loose_gold": len(golds),
        "loose_located": len(loose_located),
        "loose_person_on_head": n_loose,
        "loose_person_coverage": share(n_loose, len(loose_located)),
        "same_span": sum((person[g.key].start, person[g.key].end) == (g.start, g.end) for g in detected),
    }
    print(f"\ncoverage of the {len(located)} located gold named mentions (our mention over the gold head word):")
    print(
        f"  PERSON {len(detected)} ({coverage['person_coverage']:.1%}); any entity type {n_any}"
        f" ({coverage['any_entity_coverage']:.1%}); PERSON anywhere in the gold span {n_anywhere};"
        f" same span as the gold exactly {coverage['same_span']} of {len(detected)}"
    )
    print(
        f"  loose gold (any capitalised token, {len(loose_located)} located): PERSON {n_loose}"
        f" ({coverage['loose_person_coverage']:.1%})"
    )
    missed = Counter(
        f"{g.text} [{types.get(any_type[g.key].entity_id or '', any_type[g.key].label)}]"
        if g.key in any_type
        else f"{g.text} [-]"
        for g in located
        if g.key not in person
    )
    print("  most frequent undetected gold (our type of any overlapping mention in brackets; - = none):")
    print("  " + "; ".join(f"{n} ×{c}" for n, c in missed.most_common(args.show * 2)))

    # ---- clustering on the detected mentions
    gold_lab = {g.key: g.chain for g in detected}
    doc = {g.key: g.doc for g in detected}
    surf = {g.key: g.text for g in detected}
    desc = {g.chain: g.desc for g in detected}
    ours = {g.key: person[g.key].entity_id or f"dropped:{g.key}" for g in detected}
    names = {g.key: norm_name(person[g.key].text) for g in detected}
    systems: dict[str, dict[str, str]] = {
        "ours (canonicalize)": ours,
        "exact string": {k: f"x:{n}" for k, n in names.items()},
        "last token": {k: f"l:{n.split()[-1]}" for k, n in names.items()},
    }
    rf_version = version("rapidfuzz")
    if rf_version:
        corpus_names = {norm_name(m.text) for a in arts_list for m in a.mentions if is_person(m, types)}
        groups = fuzzy_groups(corpus_names | set(names.values()), args.fuzzy_cutoff)
        systems[f"rapidfuzz set≥{args.fuzzy_cutoff:g}"] = {k: f"f:{groups[n]}" for k, n in names.items()}
    scores = {name: score(pred, gold_lab, doc) for name, pred in systems.items()}

    header = (
        f"{'system':<26} {'B3 P':>5} {'B3 R':>5} {'B3 F1':>5}   {'pr P':>5} {'pr R':>5} {'pr F1':>5}   "
        f"{'xd P':>5} {'xd R':>5} {'xd F1':>5}   {'clusters':>9} {'x-doc':>7} {'pure':>4} {'merge':>5}"
    )
    print(
        f"\nclustering of the {len(detected)} detected gold named mentions (gold: {len(set(gold_lab.values()))} chains)"
    )
    print(header)
    print("-" * len(header))
    for name, s in scores.items():
        print(fmt_row(name, s))
    print(
        "pr = all mention pairs; xd = pairs from different documents; clusters = predicted/gold;"
        " x-doc = gold chains over ≥2 documents unified / all;\npure = unified and holding no other chain;"
        " merge = predicted clusters holding ≥2 gold chains"
    )

    for name, pred in systems.items():
        if name.startswith("ours"):
            continue
        wrong_peer = merges(pred, gold_lab, doc, surf, desc, {})
        if wrong_peer:
            print(
                f"  {name} merges: " + "; ".join(" + ".join(repr(c["name"]) for c in e["chains"]) for e in wrong_peer)
            )

    # ---- errors of ours
    label_name = {eid: ent_name.get(eid, eid) for eid in ours.values()}
    wrong = merges(ours, gold_lab, doc, surf, desc, label_name)
    apart = splits(ours, gold_lab, doc, surf, desc, label_name)
    print(f"\nours: {len(wrong)} entities merge different gold chains (gold chain: gold names × count in docs):")
    for e in wrong[: args.show]:
        print(f"  {e['entity']!r} ({e['mentions']} mentions, {e['wrong_pairs']} wrong pairs)")
        for c in e["chains"]:
            print(f"      {c['gold']}: {c['names']}")
    print(f"\nours: {len(apart)} gold chains split over several entities (entity: gold names × count in docs):")
    for e in apart[: args.show]:
        print(f"  {e['gold']} ({e['missed_pairs']} pairs missed)")
        for p in e["parts"]:
            print(f"      {p['entity']!r}: {p['names']}")

    out = {
        "bench": "entities",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": {
            "path": shown_path(args.data),
            "documents": len(docs),
            "gold": "dev_entity_gold_mentions.json: HUM, not pronoun, a name token (capitalised, never lower case "
            "in the corpus); cluster = coref_chain",
            "text": "detokenised as bench/cluster.py, one sentence per line, URL lines dropped",
        },
        "model": cfg.nlp_model,
        "versions": {
            "storyline": version("storyline"),
            "spacy": version("spacy"),
            "model": version(cfg.nlp_model),
            "rapidfuzz": rf_version,
        },
        "caveat": "not held out: errors of a first run (B3 F1 0.955) on this set were read and the faults fixed; "
        "clustering scored only on detected mentions",
        "entities": len(entities),
        "canonicalize_seconds": round(canon_s, 2),
        "coverage": coverage,
        "clustering": scores,
        "peers": {
            "exact string": "same name after stripping leading titles, possessive, punctuation, case",
            "last token": "same last word of that name, corpus-wide",
            "rapidfuzz": f"token_set_ratio >= {args.fuzzy_cutoff:g} between distinct corpus PERSON names, single link",
        },
        "ours_merges": wrong[:20],
        "ours_splits": apart[:20],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shown = args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out
    print(f"\nsaved {shown}")


if __name__ == "__main__":
    main()
