"""Multi-document summary quality: ROUGE-2 and ROUGE-1 recall against hand-written references, 100 words.

    python bench/summary.py [--data DIR] [--no-cache] [--out FILE]

Data: 8 stories of ECB+ development (../shared/data/ecbplus-dev, Cybulska & Vossen 2014), one per topic: a story
is the documents ``T_Necb.xml`` or ``T_Necbplus.xml`` of topic T (texts rebuilt from the tokens as in
``bench/cluster.py``). References: bench/data/summary/references.json, one ~100-word abstractive summary per
story in the assessor's own words, written after reading the articles and before any system ran on them (as a
DUC 2004 task 2 assessor would). One reference per story: figures are lower than DUC's four-reference ones.

Each story's articles go through Storyline as a user's .txt files would (``Corpus(":memory:").ingest`` of a temp
folder; all its articles are taken as one story, as ``storyline summarize`` does). Systems, all cut to 100 words:

* ``ours (ILP)`` / ``ours (greedy)``: :func:`storyline.compare.summary.summarize` with HiGHS, or with the greedy
  selection forced; whole sentences, never over 100 words;
* ``previous``: the release before (commit 2779349): claims (statements two or more sources report) by number of
  sources, falling back to the key sentences — its logic is copied below;
* ``lead``: the first 100 words of the earliest article (DUC's baseline);
* ``LexRank`` (Erkan & Radev 2004): TF-IDF cosine graph over the sentences (edges at cosine ≥ 0.1), PageRank by
  power iteration (damping 0.85), sentences taken by rank, skipping any with cosine > 0.5 to one already taken,
  until 100 words (the last one cut). Its settings are the paper's, not tuned here.

Scorer: our ROUGE-N recall following ROUGE-1.5.5 as run for DUC (``-n 2 -m -l 100``, stop words kept): each
summary and the reference cut to their first 100 whitespace words, lower-cased, every run of characters other
than a-z0-9 a separator, Porter-stemmed (words over 3 characters), n-gram recall = clipped matches / reference
n-grams, averaged over the stories. ``rouge-score`` (Google's re-implementation), when installed, is run on the
same cut texts as a cross-check.

Settings of ours (``single_weight``, ``lead_bonus``, ``copies_once``: 40 settings; the greedy also its
``cost_exponent``: 160) are swept over a grid.
``tuned`` is the best setting on all 8 stories, scored on the same 8 (optimistic). ``held out`` is
leave-one-topic-out: for each story the setting best on the other 7 is scored on it; the mean over the 8 is the
honest figure. Prints the tables and writes bench/results/summary.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import platform
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from cluster import DEFAULT_DATA, doc_key, doc_text, gold_label, load_docs, shown_path, write_files  # noqa: E402

REFERENCES = HERE / "data" / "summary" / "references.json"
WORDS = 100
SINGLE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)
LEAD_BONUSES = (0.0, 0.5, 1.0, 2.0, 4.0)
COPIES_ONCE = (False, True)
# the greedy's cost scaling r (Lin & Bilmes 2010 sweep r in [0, 1]); the ILP has no such setting
COST_EXPONENTS = (0.3, 0.5, 0.7, 1.0)

# ------------------------------------------------------------------------------------------ ROUGE


class Porter:
    """The Porter (1980) stemmer, original algorithm, as ROUGE-1.5.5 applies it."""

    _VOWELS = frozenset("aeiou")

    def _cons(self, w: str, i: int) -> bool:
        if w[i] in self._VOWELS:
            return False
        if w[i] == "y":
            return i == 0 or not self._cons(w, i - 1)
        return True

    def _m(self, stem: str) -> int:
        form = "".join("c" if self._cons(stem, i) else "v" for i in range(len(stem)))
        return len(re.findall(r"vc", re.sub(r"(.)\1+", r"\1", form)))

    def _has_vowel(self, stem: str) -> bool:
        return any(not self._cons(stem, i) for i in range(len(stem)))

    def _double_c(self, w: str) -> bool:
        return len(w) > 1 and w[-1] == w[-2] and self._cons(w, len(w) - 1)

    def _cvc(self, w: str) -> bool:
        if len(w) < 3:
            return False
        return (
            self._cons(w, len(w) - 3)
            and not self._cons(w, len(w) - 2)
            and self._cons(w, len(w) - 1)
            and w[-1] not in "wxy"
        )

    def _replace(self, w: str, rules: Sequence[tuple[str, str]], m_min: int) -> str:
        for suf, rep in rules:
            if w.endswith(suf):
                stem = w[: len(w) - len(suf)]
                return stem + rep if self._m(stem) > m_min else w
        return w

    def stem(self, w: str) -> str:
        if len(w) <= 2:
            return w
        # step 1a
        if w.endswith("sses"):
            w = w[:-2]
        elif w.endswith("ies"):
            w = w[:-2]
        elif w.endswith("ss"):
            pass
        elif w.endswith("s"):
            w = w[:-1]
        # step 1b
        again = False
        if w.endswith("eed"):
            if self._m(w[:-3]) > 0:
                w = w[:-1]
        elif w.endswith("ed") and self._has_vowel(w[:-2]):
            w, again = w[:-2], True
        elif w.endswith("ing") and self._has_vowel(w[:-3]):
            w, again = w[:-3], True
        if again:
            if w.endswith(("at", "bl", "iz")):
                w += "e"
            elif self._double_c(w) and w[-1] not in "lsz":
                w = w[:-1]
            elif self._m(w) == 1 and self._cvc(w):
                w += "e"
        # step 1c
        if w.endswith("y") and self._has_vowel(w[:-1]):
            w = w[:-1] + "i"
        # steps 2-4
        w = self._replace(w, _STEP2, 0)
        w = self._replace(w, _STEP3, 0)
        for suf in _STEP4:
            if w.endswith(suf):
                stem = w[: len(w) - len(suf)]
                if self._m(stem) > 1 and (suf != "ion" or stem.endswith(("s", "t"))):
                    w = stem
                break
        # step 5
        if w.endswith("e"):
            stem = w[:-1]
            if self._m(stem) > 1 or (self._m(stem) == 1 and not self._cvc(stem)):
                w = stem
        if self._m(w) > 1 and self._double_c(w) and w.endswith("l"):
            w = w[:-1]
        return w


_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
    ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
    ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
    ("iviti", "ive"), ("biliti", "ble"),
)  # fmt: skip
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""))
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
    "iti", "ous", "ive", "ize",
)  # fmt: skip
# step 2 and 4 match the longest suffix first within a group, as the original's switch on the penultimate letter
_STEP2 = tuple(sorted(_STEP2, key=lambda r: -len(r[0])))
_STEP4 = tuple(sorted(_STEP4, key=len, reverse=True))
_PORTER = Porter()
_STEMS: dict[str, str] = {}


def cut(text: str, words: int = WORDS) -> str:
    """ROUGE's ``-l``: the first ``words`` whitespace-separated words."""
    return " ".join(text.split()[:words])


def rouge_tokens(text: str) -> list[str]:
    toks = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    out = []
    for t in toks:
        if len(t) > 3:
            t = _STEMS.setdefault(t, _PORTER.stem(t))
        out.append(t)
    return out


def ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def rouge_recall(summary: str, reference: str, n: int) -> float:
    """ROUGE-N recall (×100) of one summary against one reference, both cut to 100 words."""
    s, r = ngrams(rouge_tokens(cut(summary)), n), ngrams(rouge_tokens(cut(reference)), n)
    total = sum(r.values())
    return 100.0 * sum(min(c, s[g]) for g, c in r.items()) / total if total else 0.0


def rouge_score_check(summary: str, reference: str) -> tuple[float, float] | None:
    """ROUGE-1 and ROUGE-2 recall from the ``rouge-score`` package on the same cut texts, if installed."""
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        return None
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True).score(cut(reference), cut(summary))
    return 100.0 * sc["rouge1"].recall, 100.0 * sc["rouge2"].recall


# ------------------------------------------------------------------------------------------ data


def story_texts(data: Path, story: str) -> dict[str, str]:
    docs = load_docs(data)
    return {d: doc_text(s) for d, s in docs.items() if gold_label(d) == story}


def analysed(texts: dict[str, str], cache: Path | None) -> tuple[list[Any], list[Any]]:
    """Articles and canonical entities of one story, by ``Corpus.ingest`` of its texts as .txt files."""
    from storyline import model
    from storyline.api import Corpus
    from storyline.config import Config

    shape = ";".join(f"{c.__name__}:{','.join(f.name for f in fields(c))}" for c in (model.Article, model.Entity))
    key = hashlib.sha256((shape + "\0" + json.dumps(texts, sort_keys=True)).encode("utf-8")).hexdigest()[:16]
    hit = cache / f"{key}.pkl" if cache else None
    if hit and hit.exists():
        arts, ents = pickle.loads(hit.read_bytes())
        return list(arts), list(ents)
    with tempfile.TemporaryDirectory() as tmp:
        write_files(texts, Path(tmp))
        with Corpus(":memory:", Config()) as corpus:
            corpus.ingest([tmp])
            arts, ents = corpus.articles(), corpus.entities()
    arts.sort(key=lambda a: doc_key(Path(a.path).stem + ".xml"))
    if hit:
        hit.parent.mkdir(parents=True, exist_ok=True)
        hit.write_bytes(pickle.dumps((arts, ents)))
    return arts, ents


# ------------------------------------------------------------------------------------------ systems


def previous_summary(claims: Sequence[Any], articles: Sequence[Any], fallback: Sequence[Any], words: int) -> list[str]:
    """The summary of the release before the concept ILP (compare/summary.py at commit 2779349), copied."""
    from storyline.compare.claims import content_stems
    from storyline.compare.summary import as_sentence

    ranked = sorted(
        (c for c in claims if c.kind in ("fact", "account") and c.support),
        key=lambda c: (-c.sources, c.kind == "account"),
    )
    candidates = [as_sentence(c.text) for c in ranked] or [s.text for s in fallback]
    out: list[str] = []
    chosen: list[set[str]] = []
    used = 0
    for text in candidates:
        n = len(text.split())
        if out and used + n > words:
            continue
        w = set(content_stems(text))
        if any(w and c and len(w & c) / min(len(w), len(c)) > 0.35 for c in chosen):
            continue
        out.append(text)
        chosen.append(w)
        used += n
    return out


def earliest(articles: Sequence[Any]) -> Any:
    originals = [a for a in articles if not a.duplicate_of] or list(articles)
    return min(originals, key=lambda a: (a.published or "9999", originals.index(a)))


def lead(articles: Sequence[Any], words: int) -> list[str]:
    a = earliest(articles)
    return [cut(a.text[s.start : s.end], words) for s in a.sentences][:1] + [
        a.text[s.start : s.end] for s in a.sentences[1:]
    ]


def lexrank(
    articles: Sequence[Any], words: int, threshold: float = 0.1, damping: float = 0.85, redundancy: float = 0.5
) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    originals = [a for a in articles if not a.duplicate_of] or list(articles)
    sents: list[str] = []
    for a in originals:
        for s in a.sentences:
            t = " ".join(a.text[s.start : s.end].split())
            if len(t.split()) >= 5 and t not in sents:
                sents.append(t)
    if not sents:
        return []
    x = TfidfVectorizer(sublinear_tf=True).fit_transform(sents)
    sim = (x @ x.T).toarray()
    adj = (sim >= threshold).astype(float)
    adj /= adj.sum(axis=1, keepdims=True)
    n = len(sents)
    p = np.full(n, 1.0 / n)
    for _ in range(200):
        q = (1 - damping) / n + damping * adj.T @ p
        if np.abs(q - p).sum() < 1e-8:
            p = q
            break
        p = q
    out: list[int] = []
    used = 0
    for i in np.argsort(-p):
        if used >= words:
            break
        if any(sim[i, j] > redundancy for j in out):
            continue
        out.append(int(i))
        used += len(sents[i].split())
    return [sents[i] for i in out]


# ------------------------------------------------------------------------------------------ runs


def ours(claims: Sequence[Any], articles: Sequence[Any], cfg: Any, solver: str) -> tuple[list[str], float]:
    from storyline.compare.summary import summarize

    t = time.perf_counter()
    out = summarize(claims, articles, words=WORDS, config=cfg, solver=solver)
    return [s.text for s in out], time.perf_counter() - t


def scores(sentences: Sequence[str], reference: str) -> dict[str, float]:
    text = " ".join(" ".join(s.split()) for s in sentences)
    row = {"r2": rouge_recall(text, reference, 2), "r1": rouge_recall(text, reference, 1)}
    check = rouge_score_check(text, reference)
    if check:
        row["rs_r1"], row["rs_r2"] = check
    row["words"] = min(len(text.split()), WORDS)
    return row


def mean(rows: Sequence[dict[str, float]], key: str) -> float:
    return sum(r[key] for r in rows) / len(rows) if rows else math.nan


Setting = tuple[float, float, bool, float]  # single_weight, lead_bonus, copies_once, cost_exponent


def leave_one_out(grid: dict[Setting, list[dict[str, float]]], stories: int) -> list[dict[str, Any]]:
    """For each story, the setting with the best mean ROUGE-2 recall on the other stories, scored on it."""
    settings = sorted(grid)
    folds = []
    for k in range(stories):
        rest = {s: sum(r["r2"] for i, r in enumerate(grid[s]) if i != k) / (stories - 1) for s in settings}
        best = max(settings, key=lambda s: (round(rest[s], 9), -settings.index(s)))
        folds.append({"held_out": k, "setting": best, "r2_rest": rest[best], **grid[best][k]})
    return folds


def shown(s: Setting) -> str:
    return f"single={s[0]} lead={s[1]} copies_once={'yes' if s[2] else 'no'} r={s[3]}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-cache", action="store_true", help="re-run the pipeline instead of reading cached articles")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "summary.json", help="where to save the figures")
    ap.add_argument("--show", action="store_true", help="print each story's summaries")
    args = ap.parse_args()
    if not (args.data / "dev_text.txt").is_file():
        sys.exit(f"no ECB+ dev data at {args.data}: pass --data DIR (a folder with dev_text.txt)")

    from storyline.compare.story import key_sentences, story_claims
    from storyline.compare.summary import SummaryConfig, candidates, concept_weights
    from storyline.compare.timeline import timeline

    refs = json.loads(REFERENCES.read_text(encoding="utf-8"))["stories"]
    cache = None if args.no_cache else Path(tempfile.gettempdir()) / "storyline-bench-summary"
    default = SummaryConfig()
    settings: dict[str, list[Setting]] = {
        solver: [
            (w, b, c, r)
            for c in COPIES_ONCE
            for w in SINGLE_WEIGHTS
            for b in LEAD_BONUSES
            for r in (COST_EXPONENTS if solver == "greedy" else (default.cost_exponent,))
        ]
        for solver in ("ilp", "greedy")
    }
    grid: dict[str, dict[Setting, list[dict[str, float]]]] = {
        solver: {s: [] for s in rows} for solver, rows in settings.items()
    }
    base: dict[str, list[dict[str, float]]] = {"previous": [], "lead": [], "LexRank": []}
    at_default: dict[str, list[dict[str, float]]] = {"ilp": [], "greedy": []}
    per_story: list[dict[str, Any]] = []
    docs_total = 0
    t_all = time.perf_counter()
    for ref in refs:
        texts = story_texts(args.data, ref["story"])
        docs_total += len(texts)
        arts, ents = analysed(texts, cache)
        claims = story_claims("s1", arts, ents, timeline(arts))
        originals = [a for a in arts if not a.duplicate_of] or arts
        outputs: dict[str, list[str]] = {
            "previous": previous_summary(claims, arts, key_sentences(originals), WORDS),
            "lead": lead(arts, WORDS),
            "LexRank": lexrank(arts, WORDS),
        }
        for name in base:
            base[name].append(scores(outputs[name], ref["reference"]))
        secs: dict[str, float] = {}
        for solver in ("ilp", "greedy"):
            for w, b, c, r in settings[solver]:
                cfg = replace(default, single_weight=w, lead_bonus=b, copies_once=c, cost_exponent=r)
                out, _ = ours(claims, arts, cfg, solver)
                grid[solver][(w, b, c, r)].append(scores(out, ref["reference"]))
            outputs[f"ours ({solver})"], secs[solver] = ours(claims, arts, default, solver)
            at_default[solver].append(scores(outputs[f"ours ({solver})"], ref["reference"]))
        cands = candidates(originals, default)
        weights = concept_weights(arts, default)
        per_story.append(
            {
                "story": ref["story"],
                "documents": len(texts),
                "words": sum(len(t.split()) for t in texts.values()),
                "candidates": len(cands),
                "concepts": len({k for c in cands for k in c.concepts if k in weights}),
                "ilp_seconds": round(secs["ilp"], 3),
                "greedy_seconds": round(secs["greedy"], 3),
                "r2": {k: round(v[-1]["r2"], 2) for k, v in {**base, **at_default}.items()},
            }
        )
        if args.show:
            print(f"\n== {ref['story']}")
            for name, sents in outputs.items():
                print(f"  [{name}] " + " ".join(" ".join(s.split()) for s in sents))
    n = len(refs)

    def row(label: str, rows: Sequence[dict[str, float]], note: str = "") -> str:
        has_rs = rows and "rs_r2" in rows[0]
        rs = f"{mean(rows, 'rs_r2'):6.2f} {mean(rows, 'rs_r1'):6.2f}" if has_rs else "     -      -"
        return f"{label:<44} {mean(rows, 'r2'):6.2f} {mean(rows, 'r1'):6.2f}   {rs}  {mean(rows, 'words'):5.1f}  {note}"

    tuned = {s: max(grid[s], key=lambda k: (round(mean(grid[s][k], "r2"), 9), -settings[s].index(k))) for s in grid}
    folds = {s: leave_one_out(grid[s], n) for s in grid}
    print(f"\n{n} ECB+ dev stories, {docs_total} documents; one hand-written reference each; 100 words")
    header = f"{'system':<44} {'R-2':>6} {'R-1':>6}   {'rs R-2':>6} {'rs R-1':>6}  words"
    print(header + "\n" + "-" * len(header))
    for solver in ("ilp", "greedy"):
        print(row(f"ours ({solver}), held out (leave one topic out)", folds[solver]))
        print(row(f"ours ({solver}), tuned on all 8", grid[solver][tuned[solver]], shown(tuned[solver])))
        d = (default.single_weight, default.lead_bonus, default.copies_once, default.cost_exponent)
        print(row(f"ours ({solver}), defaults", at_default[solver], shown(d)))
    for name, rows in base.items():
        print(row(name, rows))
    print("R-2/R-1: our ROUGE-1.5.5-style recall ×100; rs: the rouge-score package on the same 100-word cuts.")
    print("\nsettings chosen per held-out story (ILP):")
    for f in folds["ilp"]:
        print(f"  {refs[f['held_out']]['story']:<11} {shown(f['setting'])}  R-2 {f['r2']:.2f}")
    print("\nper story (defaults):")
    for p in per_story:
        print(
            f"  {p['story']:<11} {p['documents']:>3} docs {p['words']:>5} words {p['candidates']:>4} candidates "
            f"{p['concepts']:>5} concepts  ILP {p['ilp_seconds']:.3f}s greedy {p['greedy_seconds']:.3f}s  "
            + " ".join(f"{k} {v:.1f}" for k, v in p["r2"].items())
        )
    print(f"total {time.perf_counter() - t_all:.1f} s")

    def summary_of(rows: Sequence[dict[str, float]]) -> dict[str, float]:
        keys = [k for k in ("r2", "r1", "rs_r2", "rs_r1", "words") if rows and k in rows[0]]
        return {k: round(mean(rows, k), 3) for k in keys}

    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": {
            "path": shown_path(args.data / "dev_text.txt"),
            "stories": [r["story"] for r in refs],
            "documents": docs_total,
            "references": str(REFERENCES.relative_to(ROOT)),
        },
        "scorer": "ROUGE-N recall ×100 as ROUGE-1.5.5 -n 2 -m -l 100 (stop words kept), one reference per story",
        "caveat": "'tuned' settings are chosen and scored on the same 8 stories; 'held out' is leave-one-topic-out",
        "defaults": asdict(default),
        "grid": {
            "single_weight": list(SINGLE_WEIGHTS),
            "lead_bonus": list(LEAD_BONUSES),
            "copies_once": list(COPIES_ONCE),
            "cost_exponent (greedy only)": list(COST_EXPONENTS),
        },
        "systems": {
            **{
                f"ours ({s})": {
                    "held_out": summary_of(folds[s]),
                    "tuned": {"setting": list(tuned[s]), **summary_of(grid[s][tuned[s]])},
                    "defaults": summary_of(at_default[s]),
                }
                for s in grid
            },
            **{name: summary_of(rows) for name, rows in base.items()},
        },
        "folds_ilp": [
            {"story": refs[f["held_out"]]["story"], "setting": list(f["setting"]), "r2": round(f["r2"], 2)}
            for f in folds["ilp"]
        ],
        "per_story": per_story,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out.name}")


if __name__ == "__main__":
    main()
