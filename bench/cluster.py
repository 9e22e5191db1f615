"""Story-clustering accuracy on two dev sets, held out by nested cross-validation, and on a third never seen,
beside a TF-IDF baseline.

    python bench/cluster.py [--data DIR] [--keep-urls] [--no-cache] [--skip-ingest] [--no-ablations]
                            [--fit ecb|joint] [--stream SIZES] [--out FILE]
                            [--never-seen-only | --three-sets [--balanced]]

Data:

* ECB+ dev (../shared/data/ecbplus-dev; Cybulska & Vossen 2014, topics 2, 5, 12, 18, 21, 23, 34, 35). Each topic
  holds two events of the same kind (two Oscar hosts announced, two Chargers players arrested for drunk
  driving…); the gold story of a document is (topic, "ecb" | "ecbplus") from its name. Texts are rebuilt from
  the tokens (one sentence per line, the first usually the headline; URL lines dropped unless
  ``--keep-urls``: they would tell the halves apart by "http" alone). No publication date is given.
* TBAQ (../shared/data/tempeval3-train/TBAQ-cleaned): 256 AQUAINT and TimeBank documents (AP, NYT, Xinhua and
  WSJ wire, ABC/CBS/CNN/PRI/VOA transcripts, 1989–2000) with their creation time as publication date, grouped
  by hand into stories (bench/data/cluster/tbaq.tsv and its README): four stories of 10–25 articles running
  over weeks and months (the 1998 embassy bombings, the Slepian murder, NATO's enlargement, Elián González),
  eleven of 2–4, 159 single articles — many of them same-kind WSJ company news of the same days.
* PolNeAR (../shared/data/polnear/data, train and dev texts), never seen: no weight, setting or threshold is
  fitted or chosen on it. 375 US campaign articles of Nov 2015 – Oct 2016 from seven outlets, the metadata's
  date as publication date, grouped by hand into 211 stories (bench/data/cluster/polnear.tsv and its README):
  the email investigation over ten months (31 articles), both conventions (21, 16), the debates, primaries
  and shootings with their reactions, 173 single articles of the same days naming the same candidates.
  Each protocol's final model and the baseline's distance cluster all of it; ``--never-seen-only`` scores it
  alone with the stored model (the baseline's distance chosen as the joint protocol chooses it; no refit)
  and adds its rows to ``--out``, the others kept. Stored model, whole set: B3 P 0.749, R 0.680, F1 0.713,
  213 stories for 211 (0.707 / 0.645 / 0.674 before the named-happening features and the widest-window rule
  of :meth:`cluster_fit.Protocol.choose`); baseline 0.767 / 0.637 / 0.696, 240 stories; at its best threshold
  on PolNeAR itself (tuned on it) 0.750 and 0.733 — the same-story pairs share few words and names (a
  convention's speeches, the investigation's steps), and the candidates every article names join different
  happenings. Held out, ECB+ dev / TBAQ whole set / PolNeAR never seen, without → with ``same_happening`` and
  ``happening_apart``: the narrowest window among ties (the rule before, unstable: one fold flipped to 120
  days inside the tie tolerance) 0.936 / 0.929 / 0.667 → 0.936 / 0.911 / 0.713; the widest window (taken)
  0.936 / 0.929 / 0.667 → 0.931 / 0.938 / 0.713; no window counted as the widest (not taken) 0.913 / 0.905 /
  0.663 → 0.937 / 0.917 / 0.719.
  ``--three-sets`` measures what fitting on it too would do: the joint protocol with PolNeAR as a third set
  (a quarter of its stories in each outer fold), beside the two-set protocol on the same code
  (``bench/cluster_never_seen.py``; saved as ``three_sets``); with ``--balanced``, also the three-set protocol
  with each set's candidate pairs weighing alike in the fit (``Protocol.balance``: PolNeAR's 375 articles give
  most of the pairs, and would pull the weights their way).

Protocols (every setting — the logistic regression's C, the linkage ``top``, the date window, the threshold —
chosen by cross-validation; the baseline's distance threshold the same way):

* ``ecb``: weights and settings from ECB+ dev alone, nested leave-topics-out (4 folds of 2 topics; inner
  leave-one-fold-out); TBAQ never seen: the final ECB+ model applied to all of it;
* ``joint``: weights fitted on the pairs of both sets, settings chosen on the mean F1 of both; 4 outer folds,
  each 2 ECB+ topics and a quarter of TBAQ's stories (whole stories), nested the same way.

The stored model (``--fit``) is the protocol's final one: settings by leave-one-fold-out over all four
folds, weights fitted on everything. Also printed: the in-sample scores of that model, the user's code path
(``Corpus(":memory:").ingest(folder)`` on ECB+ dev with the stored model), feature ablations (held out),
and per-story confusions, and the same model filing each article alone in date order through the streaming
index (:mod:`storyline.compare.storyindex`). ``--stream 1000,10000,100000`` times adding one article to
synthetic stores of those sizes (``cluster_fit.stream_bench``: real profiles copied with shifted dates).

Scores: B-cubed precision, recall, F1 (per-document averages; F1 of the averages), pairwise P/R/F1, and
predicted/gold story counts. A held-out fold is clustered alone, with fewer stories to confuse than a store
holds; ``whole_set`` gives, for the joint protocol, each outer fold's model clustering the whole of both sets,
only its held-out documents scored (B-cubed against the whole clustering). Writes bench/results/cluster.json.
Analysed articles are cached in the system temp folder (keyed by the texts and their metadata, the model, the
data model's fields and the analysis code and its data files).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import pickle
import platform
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus-dev"
GOLD_STORIES = 16

# ------------------------------------------------------------------------------------------ data


def shown_path(path: Path) -> str:
    """A data path as the results show it: relative to the repository's parent ("../shared/…"), else its name."""
    p = path.resolve()
    if p.is_relative_to(ROOT):
        return str(p.relative_to(ROOT))
    return f"../{p.relative_to(ROOT.parent)}" if p.is_relative_to(ROOT.parent) else path.name


def load_docs(data: Path) -> dict[str, list[list[str]]]:
    """doc_id → sentences → tokens, from ``dev_text.txt`` (doc_id, sentence, token, word per line)."""
    docs: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with (data / "dev_text.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            doc, sent, _tok, word = parts[:4]
            docs[doc][int(sent)].append(word)
    return {d: [s[k] for k in sorted(s)] for d, s in sorted(docs.items(), key=lambda kv: doc_key(kv[0]))}


def doc_key(doc_id: str) -> tuple[int, int, int]:
    m = re.match(r"(\d+)_(\d+)(ecbplus|ecb)", doc_id)
    if not m:
        return (10**6, 0, 0)
    return (int(m[1]), 1 if m[3] == "ecbplus" else 0, int(m[2]))


def gold_label(doc_id: str) -> str:
    """(topic, ecb | ecbplus) from "T_Necb.xml" / "T_Necbplus.xml"."""
    topic, rest = doc_id.split("_", 1)
    return f"{topic}/{'ecbplus' if 'ecbplus' in rest else 'ecb'}"


_NO_SPACE_BEFORE = set(". , ; : ! ? ) ] } % 's 'S n't 're 'll 've 'm 'd ’s … '' ” ’".split())
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "#", "‘"}
_CLITICS = {"s", "m", "d", "ll", "re", "ve", "t"}
_URL = re.compile(r"^(?:https?|www)\b")


def detokenise(words: Sequence[str]) -> str:
    """Rebuild a sentence from ECB+ tokens: "San Diego 's Jackson , 9 : 25" → "San Diego's Jackson, 9:25"."""
    out = ""
    quote_open = False
    prev = ""
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w == "``":
            w = "“"
        elif w == "''":
            w = "”"
        space = bool(out)
        if w in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER or prev == "“":
            space = False
        if w == '"':
            # straight quotes: opening if none open, closing otherwise
            if quote_open:
                space = False
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            space = False
        if w in ("'", "’") and prev[-1:].isalpha() and nxt.lower() in _CLITICS:
            space = False  # It ’ s → It’s
        if prev in ("'", "’") and out.endswith(prev) and len(out) > 1 and out[-2].isalpha() and w.lower() in _CLITICS:
            space = False
        if w in ("-", "/", ":") and prev[-1:].isalnum() and nxt[:1].isalnum() and (w != ":" or prev.isdigit()):
            space = False  # anti - piracy, 9 : 25, 24 / 7
        if prev in ("-", "/") and out.endswith(prev) and len(out) > 1 and out[-2].isalnum() and w[:1].isalnum():
            space = False
        if prev == ":" and out.endswith(":") and len(out) > 1 and out[-2].isdigit() and w[:1].isdigit():
            space = False
        out += (" " if space else "") + w
        prev = w
    return out.strip()


def doc_text(sentences: Sequence[Sequence[str]], keep_urls: bool = False) -> str:
    lines = []
    for s in sentences:
        if not keep_urls and s and _URL.match(s[0]):
            continue
        line = "".join(s) if _URL.match(s[0] if s else "") else detokenise(s)
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------- metrics


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (per-item averages; F1 of the averages)."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for d, c in pred.items():
        pc[c].add(d)
    for d, c in gold.items():
        gc[c].add(d)
    p = r = 0.0
    for d in gold:
        same = len(pc[pred[d]] & gc[gold[d]])
        p += same / len(pc[pred[d]])
        r += same / len(gc[gold[d]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(
    pred: dict[str, str], gold: dict[str, str], apart: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Precision, recall, F1 over same-story document pairs (with ``apart``, only over pairs of items in
    different groups of it: mentions from different documents, say)."""
    ids = list(gold)
    tp = fp = fn = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if apart is not None and apart[a] == apart[b]:
                continue
            sp, sg = pred[a] == pred[b], gold[a] == gold[b]
            tp += sp and sg
            fp += sp and not sg
            fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {
        "b3_p": round(bp, 4), "b3_r": round(br, 4), "b3_f1": round(bf, 4),
        "pair_p": round(pp, 4), "pair_r": round(pr, 4), "pair_f1": round(pf, 4),
        "stories": len(set(pred.values())),
    }  # fmt: skip


# --------------------------------------------------------------------------------------- systems


def write_files(texts: dict[str, str], folder: Path) -> None:
    for doc, text in texts.items():
        (folder / f"{doc.removesuffix('.xml')}.txt").write_text(text, encoding="utf-8")


def doc_of(path: str) -> str:
    return Path(path.split("#", 1)[0]).stem + ".xml"


def run_ingest(folder: Path) -> tuple[dict[str, str], dict[str, object]]:
    """The user's path: ``Corpus(":memory:").ingest([folder])``; returns doc → story id and a few counts."""
    from storyline.api import Corpus
    from storyline.config import Config

    with Corpus(":memory:", Config()) as corpus:
        t = time.perf_counter()
        rep = corpus.ingest([str(folder)])
        secs = time.perf_counter() - t
        pred = {doc_of(a.path): a.story_id or f"none-{a.id}" for a in corpus.articles()}
        arts = corpus.articles()
        info: dict[str, object] = {
            "seconds": round(secs, 1),
            "added": len(rep.added),
            "errors": [str(e) for e in rep.errors],
            "titled_from_text": sum(a.title_how == "text" for a in arts),
            "published_known": sum(a.published is not None for a in arts),
        }
    return pred, info


def _analysis_code() -> str:
    """A fingerprint of the per-article stages' code and the data files they read (word lists, tables): the
    corpus stages under compare/ and render/ re-run, and the stored story model is theirs."""
    h = hashlib.sha256()
    for p in sorted((ROOT / "src" / "storyline").rglob("*")):
        path = p.as_posix()
        if p.suffix not in ANALYSIS_FILES or p.name == "cluster.json":
            continue
        if "/compare/" not in path and "/render/" not in path and "/web/" not in path:
            h.update(p.relative_to(ROOT).as_posix().encode("utf-8") + b"\0" + p.read_bytes())
    return h.hexdigest()[:12]


#: The files whose change makes a cached analysis stale: the code, and the word lists and tables it reads
#: (lexicon/*.toml, data/*.toml, *.tsv …): a changed word list changed the analysis without a new cache key.
ANALYSIS_FILES = frozenset({".py", ".toml", ".tsv", ".json", ".txt"})


def analysed_articles(folder: Path, cache: Path | None) -> list[object]:
    """The per-article stages (read → clean → spaCy → dates) exactly as ``Corpus.ingest`` runs them."""
    from storyline.config import Config
    from storyline.ingest.readers import discover, read_file
    from storyline.pipeline import analyse_new

    cfg = Config()
    docs = []
    for f in discover([str(folder)])[0]:
        got, _errs = read_file(f, display_path=f.name, max_bytes=cfg.ingest_max_bytes)
        docs += got
    from dataclasses import fields

    from storyline import model

    # the pickles hold model objects: a field added to them makes old pickles stale
    shape = ";".join(
        f"{c.__name__}:{','.join(f.name for f in fields(c))}"
        for c in (model.Article, model.Mention, model.DateMention, model.NumberMention, model.Quote, model.Sentence)
    )
    key = hashlib.sha256(
        (
            cfg.nlp_model
            + "\0"
            + shape
            + "\0"
            + _analysis_code()
            + "\0"
            + "\0".join(f"{d.path}\1{d.text}\1{d.published}\1{d.title}\1{d.source}" for d in docs)
        ).encode("utf-8")
    ).hexdigest()[:16]
    if cache is not None:
        hit = cache.parent / f"{cache.name}-{key}.pkl"
        if hit.exists():
            return list(pickle.loads(hit.read_bytes()))
    arts = analyse_new([(d, {"keep_all": cfg.ingest_keep_all}) for d in docs], cfg)
    if cache is not None:
        hit.write_bytes(pickle.dumps(arts))
    return list(arts)


# ------------------------------------------------------------------------------------------ report


def confusion(pred: dict[str, str], gold: dict[str, str]) -> list[str]:
    """Per ECB+ topic: each predicted story with how many ECB and ECB+ documents it holds."""
    lines = []
    topics = sorted({g.split("/")[0] for g in gold.values()}, key=int)
    for t in topics:
        members: dict[str, Counter[str]] = defaultdict(Counter)
        for d, g in gold.items():
            if g.startswith(t + "/"):
                members[pred[d]][g.split("/")[1]] += 1
        outside = Counter(pred[d] for d, g in gold.items() if not g.startswith(t + "/") and pred[d] in members)
        parts = []
        for sid, c in sorted(members.items(), key=lambda kv: -sum(kv[1].values())):
            tag = f"{c['ecb']}e+{c['ecbplus']}p"
            if c["ecb"] and c["ecbplus"]:
                tag += " MIXED"
            if outside[sid]:
                tag += f" (+{outside[sid]} other topic)"
            parts.append(tag)
        lines.append(f"  topic {t:>2}: " + ", ".join(parts))
    return lines


def story_confusion(pred: dict[str, str], gold: dict[str, str], least: int = 2) -> list[str]:
    """Per gold story of ``least`` documents or more: the predicted stories it is split into, and strays."""
    lines = []
    by_gold: dict[str, list[str]] = defaultdict(list)
    for d, g in gold.items():
        by_gold[g].append(d)
    for g, ds in sorted(by_gold.items(), key=lambda kv: -len(kv[1])):
        if len(ds) < least:
            continue
        parts = Counter(pred[d] for d in ds)
        strays = sum(1 for d, p in pred.items() if p in parts and gold[d] != g)
        lines.append(f"  {g:<28} {len(ds):>3} docs → {len(parts)} stories {sorted(parts.values(), reverse=True)}"
                     + (f", {strays} other docs with them" if strays else ""))  # fmt: skip
    size = Counter(pred.values())
    alone = [d for d in gold if len(by_gold[gold[d]]) < least]
    lines.append(f"  {sum(size[pred[d]] > 1 for d in alone)} of {len(alone)} single-document stories put with others")
    return lines


def fmt_row(label: str, thr: object, s: dict[str, Any]) -> str:
    return (
        f"{label:<52} {thr!s:>6}  {s['b3_p']:.3f} {s['b3_r']:.3f} {s['b3_f1']:.3f}   "
        f"{s['pair_p']:.3f} {s['pair_r']:.3f} {s['pair_f1']:.3f}   {s['stories']:>3}/{s['gold_stories']}"
    )


ABLATIONS = {
    "words only (content, lead, keywords)": (
        "entities", "people", "people_conflict", "places", "place_conflict", "actor_conflict", "date_near",
        "date_gap", "date_unknown", "same_trigger", "kind_apart", "people_missing", "event_clash", "count_same",
        "count_clash"),
    "no dates": ("date_near", "date_gap", "date_unknown", "kind_apart"),
    "no participants/people": ("entities", "people", "people_conflict", "people_missing"),
    "no places": ("places", "place_conflict", "kind_apart"),
    "no trigger": ("same_trigger", "kind_apart"),
    "no lead actions and counts": ("event_clash", "count_same", "count_clash"),
    "no keywords": ("keywords",),
    "no headline people missing": ("people_missing",),
}  # fmt: skip
#: Ablations of the fit rather than of the features: one set of weights for dated and undated pairs alike.
ONE_WEIGHT_SET = "one set of weights (dated and undated pairs alike)"


def masked(ds: Any, off: Sequence[str]) -> Any:
    from storyline.compare.storypairs import FEATURES

    other = copy.copy(ds)
    other.feats = ds.feats.copy()
    for name in off:
        other.feats[..., FEATURES.index(name)] = 0.0
    return other


def protocols(ecb: Any, tbaq: Any, topics: Sequence[str]) -> dict[str, tuple[Any, list[dict[str, list[str]]]]]:
    """The two ways of choosing settings and fitting weights (see the module docstring), with their folds."""
    from cluster_fit import FOLDS, Protocol, split

    pairs = split(topics, FOLDS)
    quarters = [[f"q{k}"] for k in range(FOLDS)]
    return {
        "ecb": (Protocol([ecb, tbaq], ["ecbplus-dev"], ["ecbplus-dev"]), [{"ecbplus-dev": p} for p in pairs]),
        "joint": (
            Protocol([ecb, tbaq], ["ecbplus-dev", "tbaq"], ["ecbplus-dev", "tbaq"]),
            [{"ecbplus-dev": p, "tbaq": q} for p, q in zip(pairs, quarters, strict=True)],
        ),
    }


def evaluate(ecb: Any, tbaq: Any, topics: Sequence[str]) -> dict[str, Any]:
    """Held-out figures of ours and the baseline under both protocols, and each protocol's final model."""
    from cluster_fit import baseline_cuts, ours_cuts, scores

    out: dict[str, Any] = {}
    every = np.arange(len(tbaq.docs))
    for name, (proto, folds) in protocols(ecb, tbaq, topics).items():
        model, distance, cv_f1 = proto.final(folds)
        res: dict[str, Any] = {"model": model, "distance": distance, "cv_f1": cv_f1}
        for system in ("ours", "baseline"):
            res[system] = proto.held_out(folds, system, whole=name == "joint")
        if name == "ecb":  # TBAQ never seen: the final model and the baseline's distance, applied to all of it
            t = model.threshold
            res["ours"]["pooled"]["tbaq"] = scores(tbaq, every, ours_cuts(tbaq, every, model, [t])[t])
            res["baseline"]["pooled"]["tbaq"] = scores(tbaq, every, baseline_cuts(tbaq, every, [distance])[distance])
        out[name] = res
    return out


def main() -> None:
    from cluster_fit import TBAQ, Dataset, load_polnear, load_tbaq, ours_cuts, scores
    from cluster_never_seen import never_seen_only, never_seen_rows, polnear_block, three_sets

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--keep-urls", action="store_true", help="keep the URL lines ECB+ documents start with")
    ap.add_argument("--no-cache", action="store_true", help="re-run spaCy instead of reading cached articles")
    ap.add_argument("--skip-ingest", action="store_true", help="skip the Corpus.ingest run")
    ap.add_argument("--no-ablations", action="store_true", help="skip the feature ablations")
    ap.add_argument(
        "--fit", choices=["ecb", "joint"], help="write that protocol's model to src/storyline/data/cluster.json"
    )
    ap.add_argument(
        "--stream",
        default="",
        metavar="SIZES",
        help="also time adding one article to synthetic stores of these sizes, e.g. 1000,10000,100000",
    )
    ap.add_argument("--out", type=Path, default=HERE / "results" / "cluster.json", help="where to save the figures")
    ap.add_argument(
        "--never-seen-only",
        action="store_true",
        help="score only the never-seen set (PolNeAR) with the stored model and the baseline (its distance chosen"
        " on ECB+ dev and TBAQ); its rows are added to --out, the others kept",
    )
    ap.add_argument(
        "--three-sets",
        action="store_true",
        help="only the joint protocol with PolNeAR as a third set (whole stories held out), beside the two-set"
        " protocol: held-out figures of all three (PolNeAR then seen in training); added to --out",
    )
    ap.add_argument(
        "--balanced",
        action="store_true",
        help="with --three-sets, also the three-set protocol with each set's candidate pairs weighing alike in the"
        " fit (PolNeAR has most of them)",
    )
    ap.add_argument(
        "--fit-three",
        action="store_true",
        help="fit the three-set protocol's final model, each set's pairs weighing alike (settings chosen by"
        " leave-one-fold-out over its 4 folds), and write it to src/storyline/data/cluster.json; no held-out runs",
    )
    ap.add_argument(
        "--before",
        type=Path,
        metavar="FILE",
        help="an earlier results file (e.g. from git show COMMIT:bench/results/cluster.json): its rows are kept"
        " beside the new ones ('before') and printed before → after",
    )
    args = ap.parse_args()
    if not (args.data / "dev_text.txt").is_file():
        sys.exit(f"no ECB+ dev data at {args.data}: pass --data DIR (a folder with dev_text.txt)")

    from storyline.compare.storypairs import FEATURES

    docs = load_docs(args.data)
    texts = {d: doc_text(s, args.keep_urls) for d, s in docs.items()}
    gold = {d: gold_label(d) for d in docs}
    cache = None if args.no_cache else Path(tempfile.gettempdir()) / "storyline-bench-cluster"
    if args.never_seen_only or args.three_sets or args.fit_three:
        (three_sets if args.three_sets or args.fit_three else never_seen_only)(args, docs, texts, gold, cache)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_files(texts, folder)
        t = time.perf_counter()
        arts = analysed_articles(folder, cache)
        print(f"ECB+ dev: analysed {len(arts)} articles in {time.perf_counter() - t:.1f} s (cached when fast)")
        by_doc = {doc_of(a.path): a for a in arts}  # type: ignore[attr-defined]
        ids = list(docs)
        topic = {d: gold[d].split("/")[0] for d in ids}
        ecb = Dataset("ecbplus-dev", ids, gold, topic, texts, [by_doc[d] for d in ids])
        t = time.perf_counter()
        tbaq = load_tbaq(cache=cache)
        print(f"TBAQ: analysed {len(tbaq.arts)} articles in {time.perf_counter() - t:.1f} s (cached when fast)")
        t = time.perf_counter()
        pol = load_polnear(cache=cache)
        print(f"PolNeAR: analysed {len(pol.arts)} articles in {time.perf_counter() - t:.1f} s (cached when fast)")
        for ds in (ecb, tbaq, pol):
            ds.prepare()
        topics = sorted(set(topic.values()), key=int)
        results = evaluate(ecb, tbaq, topics)
        if args.fit:
            model = results[args.fit]["model"]
            model.about = ABOUT[args.fit].format(C=model.extra["C"], top=model.top, t=model.threshold)
            target = ROOT / "src" / "storyline" / "data" / "cluster.json"
            target.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
            from storyline.compare import storypairs

            storypairs.stored_model.cache_clear()
            print(f"wrote {target.relative_to(ROOT)} (protocol {args.fit})")
        ingest_pred, ingest_info = (None, {}) if args.skip_ingest else run_ingest(folder)

    rows: dict[str, dict[str, Any]] = {}
    for name, res in results.items():
        for system in ("ours", "baseline"):
            for ds_name, sc in res[system]["pooled"].items():
                seen = "held out" if name == "joint" or ds_name == "ecbplus-dev" else "never seen"
                thr = "cv" if seen == "held out" else (res["model"].threshold if system == "ours" else res["distance"])
                rows[f"[{name}] {ds_name} {seen}: {system}"] = {"thr": thr, **sc}
    stored_name = args.fit or "joint"
    model = results[stored_name]["model"]
    every_e, every_t = np.arange(len(ecb.docs)), np.arange(len(tbaq.docs))
    thr = model.threshold
    pred_e = ours_cuts(ecb, every_e, model, [thr])[thr]
    pred_t = ours_cuts(tbaq, every_t, model, [thr])[thr]
    rows[f"[{stored_name}] ecbplus-dev in-sample (its final model)"] = {"thr": thr, **scores(ecb, every_e, pred_e)}
    rows[f"[{stored_name}] tbaq in-sample (its final model)"] = {"thr": thr, **scores(tbaq, every_t, pred_t)}
    for ds in (ecb, tbaq):
        rows[f"[{stored_name}] {ds.name} streamed one by one, date order (its final model)"] = {
            "thr": thr, **streamed(ds, model)}  # fmt: skip
        for k in (4, 10):
            for recluster in (False, True):
                how = "neighbourhood re-clustered" if recluster else "stored stories frozen"
                rows[f"[{stored_name}] {ds.name} in {k} date-ordered ingests, {how} (its final model)"] = {
                    "thr": thr, **batched(ds, model, k, bridge=False, recluster=recluster)}  # fmt: skip
    polnear_conf: list[str] = []
    for name, res in results.items():  # PolNeAR: never seen by either protocol
        got, conf = never_seen_rows(pol, res["model"], res["distance"], name)
        rows |= got
        polnear_conf = conf if name == stored_name else polnear_conf
    if ingest_pred is not None:
        rows["ecbplus-dev via Corpus.ingest (stored model)"] = {
            "thr": "stored", **score(ingest_pred, gold), "gold_stories": len(set(gold.values()))}  # fmt: skip

    ablations: dict[str, Any] = {}
    if not args.no_ablations:
        for name, off in ABLATIONS.items():
            e, q = masked(ecb, off), masked(tbaq, off)
            proto, folds = protocols(e, q, topics)[stored_name]
            ablations[name] = proto.held_out(folds, "ours")["pooled"]
        proto, folds = protocols(ecb, tbaq, topics)[stored_name]
        proto.regimes = False
        ablations[ONE_WEIGHT_SET] = proto.held_out(folds, "ours")["pooled"]

    stream: dict[str, Any] = {}
    if args.stream:
        from cluster_fit import stream_bench

        print("\nstreaming: add one article to a store of synthetic articles (real texts, shifted dates):")
        stream = stream_bench([ecb, tbaq], [int(x) for x in args.stream.split(",")])

    header = (
        f"{'':<52} {'thr':>6}  {'B3 P':>5} {'B3 R':>5} {'B3 F1':>5}   {'pr P':>5} {'pr R':>5} {'pr F1':>5}   #st/gold"
    )
    print()
    print(header)
    print("-" * len(header))
    for label, r in rows.items():
        print(fmt_row(label, r["thr"], r))
    for name, pooled in ablations.items():
        for ds_name, sc in pooled.items():
            print(fmt_row(f"[{stored_name}] ablation {name}: {ds_name}", "cv", sc))
    whole = {
        f"[joint] {ds_name} held out, whole set clustered: {system}": sc
        for system in ("ours", "baseline")
        for ds_name, sc in results["joint"][system]["whole"].items()
    }
    print("\neach outer fold's model clustering the whole set, its held-out documents scored (B3 P / R / F1):")
    for label, sc in whole.items():
        print(f"  {label:<60} {sc['b3_p']:.3f} {sc['b3_r']:.3f} {sc['b3_f1']:.3f}")
    for name, res in results.items():
        m = res["model"]
        print(f"\n[{name}] final model: C={m.extra['C']}, top={m.top}, threshold {m.threshold} "
              f"(CV F1 {res['cv_f1']:.3f}),"
              f" baseline distance {res['distance']}; weights: "
              + ", ".join(f"{n} {m.weights[n]:+.2f}" for n in FEATURES) + f", bias {m.bias:+.2f}")  # fmt: skip
        if m.undated:
            print("  undated pairs' weights: " + ", ".join(f"{n} {m.undated[n]:+.2f}" for n in FEATURES)
                  + f", bias {m.undated_bias:+.2f}")  # fmt: skip
        for system in ("ours", "baseline"):
            print(f"  {system} folds: " + "; ".join(
                f"{f['setting']} thr {f['threshold']} → " + " ".join(f"{k[3:]} {v:.3f}" for k, v in f.items()
                                                                  if k.startswith("f1_"))
                for f in res[system]["folds"]))  # fmt: skip
    pe = {ecb.docs[i]: str(lab) for i, lab in enumerate(pred_e)}
    pt = {tbaq.docs[i]: str(lab) for i, lab in enumerate(pred_t)}
    print(f"\nECB+ dev, [{stored_name}] final model (in-sample), each predicted story: ECB docs e + ECB+ docs p:")
    print("\n".join(confusion(pe, gold)))
    print(f"\nTBAQ, [{stored_name}] final model (in-sample), each gold story of 2+ documents, split into:")
    print("\n".join(story_confusion(pt, tbaq.gold)))
    print(f"\nPolNeAR, [{stored_name}] final model (never seen), each gold story of 2+ documents, split into:")
    print("\n".join(polnear_conf))

    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": {
            "ecbplus-dev": {
                "path": shown_path(args.data / "dev_text.txt"),
                "documents": len(docs),
                "topics": topics,
                "gold_stories": len(set(gold.values())),
                "gold": "(topic, ecb | ecbplus) from the doc id",
                "folds": "4 folds of 2 topics",
                "text": "detokenised; URL lines "
                + ("kept" if args.keep_urls else "dropped")
                + "; no publication dates given",
            },
            "tbaq": {
                "path": shown_path(TBAQ),
                "documents": len(tbaq.docs),
                "gold_stories": len(set(tbaq.gold.values())),
                "gold": "bench/data/cluster/tbaq.tsv (by hand)",
                "folds": "4 folds of whole stories",
                "text": "title + TEXT; creation time as publication date",
            },
            "polnear": polnear_block(pol, results[stored_name]["distance"]),
        },  # fmt: skip
        "protocols": PROTOCOLS,
        "stored": stored_name,
        "rows": rows,
        "whole_set": whole,
        "models": {name: res["model"].to_json() for name, res in results.items()},
        "folds": {name: {s: res[s]["folds"] for s in ("ours", "baseline")} for name, res in results.items()},
        "ablations": ablations,
        "ecb_confusion": [line.strip() for line in confusion(pe, gold)],
        "tbaq_confusion": [line.strip() for line in story_confusion(pt, tbaq.gold)],
        "polnear_confusion": [line.strip() for line in polnear_conf],
        "ingest": ingest_info or None,
        "stream": stream or None,
    }
    if args.before:
        out["before"] = before_block(args.before, rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    shown = args.out.resolve().relative_to(ROOT) if args.out.resolve().is_relative_to(ROOT) else args.out
    print(f"\nsaved {shown}")


def before_block(path: Path, rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An earlier results file's rows (and when they were made), printed before → after for the rows both have."""
    old = json.loads(path.read_text(encoding="utf-8"))
    print(f"\nbefore ({path.name}, {old.get('when')}) → now, B3 F1:")
    for label, r in rows.items():
        if label in old.get("rows", {}):
            print(f"  {label:<86} {old['rows'][label]['b3_f1']:.3f} → {r['b3_f1']:.3f}")
    return {"when": old.get("when"), "file": path.name, "rows": old.get("rows", {}), "models": old.get("models")}


def streamed(ds: Any, model: Any) -> dict[str, Any]:
    """B-cubed of the streaming index: each article added alone, in order of its event date, none re-filed."""
    from cluster_fit import scores

    from storyline.compare.cluster import ClusterConfig
    from storyline.compare.storyindex import StoryIndex
    from storyline.compare.storypairs import profile

    profiles = [profile(a) for a in ds.arts]
    index = StoryIndex(ClusterConfig(model=model))
    order = sorted(range(len(profiles)), key=lambda i: (profiles[i].event[0] if profiles[i].event else 0, i))
    for i in order:
        index.add(profiles[i])
    labels = np.array([index.story_of[p.article_id] for p in profiles])  # after any story a bridge joined
    return scores(ds, np.arange(len(profiles)), labels)


PROTOCOLS = {
    "ecb": "weights fitted and every setting (C, top, threshold) chosen on ECB+ dev alone, by nested leave-topics-out"
    " (4 folds of 2 topics; inner leave-one-fold-out); TBAQ is never seen: the final model and the baseline's"
    " distance chosen on ECB+ dev are applied to all of it",
    "joint": "weights fitted on ECB+ dev and TBAQ pairs, settings chosen on the mean F1 of both; 4 outer folds, each"
    " 2 ECB+ topics + a quarter of TBAQ's stories (whole stories), nested; figures are the held-out folds pooled",
}
ABOUT = {
    "ecb": "Logistic weights over compare.storypairs.FEATURES, fitted by bench/cluster.py --fit ecb on all pairs of"
    " ECB+ dev articles (196 documents, 8 topics); C={C}, top={top} and threshold {t} chosen by leave-topics-out"
    " cross-validation; held-out figures in bench/results/cluster.json",
    "joint": "Logistic weights over compare.storypairs.FEATURES, two sets (pairs whose event dates are both known:"
    " weights, bias; the others: undated_weights, undated_bias), fitted by bench/cluster.py --fit joint on the pairs"
    " of ECB+ dev (196 documents, 8 topics) and of TBAQ (256 AP/NYT/Xinhua/WSJ/broadcast documents, stories by hand"
    " in bench/data/cluster); C={C}, top={top} and threshold {t} chosen by cross-validation over held-out topics and"
    " stories of both; held-out figures in bench/results/cluster.json",
}


def batched(ds: Any, model: Any, batches: int, bridge: bool, recluster: bool = True) -> dict[str, Any]:
    """B-cubed when the articles arrive in ``batches`` ingests, in order of their event dates: each ingest
    files its articles among the stories already stored (``bridge``: a new article that links two stored
    stories may join them; off, stored stories never merge; ``recluster``: the new articles' neighbourhood is
    clustered afresh)."""
    from cluster_fit import scores

    from storyline.compare.cluster import ClusterConfig, assign_stories
    from storyline.compare.storypairs import profile

    profiles = [profile(a) for a in ds.arts]
    order = sorted(range(len(profiles)), key=lambda i: (profiles[i].event[0] if profiles[i].event else 0, i))
    cfg = ClusterConfig(model=model, bridge=bridge, recluster=recluster)
    existing: dict[str, list[str]] = {}
    size = -(-len(order) // batches)
    for k in range(0, len(order), size):
        arrived = [ds.arts[i] for i in order[: k + size]]
        existing = assign_stories(arrived, existing, cfg)
    story_of = {aid: sid for sid, ids in existing.items() for aid in ids}
    labels = np.array([story_of[a.id] for a in ds.arts])
    return scores(ds, np.arange(len(ds.arts)), labels)


if __name__ == "__main__":
    main()
