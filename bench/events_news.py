"""Event coding on news sentences, and the cross-validated choice of the coder's fallbacks.

    python bench/events_news.py [--no-cv] [--note TEXT]

``--note`` adds a line to the results' ``news_and_fallbacks.history`` (kept from run to run): the note and each
stratum's news figures; ``--no-cv`` runs the news figures only and keeps the cross-validated ones of the last full run.

Data (read where they are; the repo keeps only offsets and labels):

* ``bench/data/events/news_sentences.jsonl`` — news sentences labelled by hand (see ``bench/data/events/README.md``):
  ``corpus`` ``polnear-dev`` (``../shared/data/polnear/data/dev/text``), ``seeds`` (``../shared/corpus/seeds``) or
  ``tempeval3-aquaint`` (the ``<TEXT>`` of ``../shared/data/tempeval3-train/TBAQ-cleaned/AQUAINT/*.tml``: 1998-2000
  wire copy), ``start`` / ``end`` the sentence's characters in that text, ``stratum`` what the tables made of it
  when it was drawn (``rules-none``: a random draw of the sentences they coded no event in; ``rules-event``: of
  those they coded one in), ``type`` its PLOVER type, ``NONE`` (no event) or ``UNSURE`` (left out of every
  figure), ``source`` / ``target`` the gold ISO-3 codes (empty: the sentence names none).
* the PLOVER gold records' tune half and the hand-made sets, as ``bench/events.py`` loads them — never the
  held-out half, which this script drops on loading.

Measures:

1. ``news``: per stratum, how many sentences ours (the sentence's main event) and the keyword baseline code an event
   in that holds one, the type accuracy and source / target accuracy on the sentences that hold one; and
   ``ours_records``, the same for the sentence's first event with a party (an actor or target phrase), the one a
   story's events table and the exports show (an event with neither is kept in the article for its type, never
   shown as a story event).
2. ``country_fallback``: the settings of ``ACTOR_LAST_RESORT`` (an actor nothing else codes takes the first country
   the sentence names: never, for a named actor, for any event) on the tune and hand-made splits and the news
   events: source accuracy, and the sources coded where the gold has none; the choice is made on four of five folds
   (ties: never) and scored on the fifth.
3. ``learned_fallback``: a logistic regression over the lemmas and dependency shape of a sentence (its root, its
   verbs and nouns, their objects, a preposition's noun with the preposition), with a NONE class, as a fallback for
   the sentences the tables code no event in. A sentence the tables miss has a trigger the tables do not know, so
   the gold and hand-made sentences are scored in folds grouped by their trigger's lemma (none seen in training);
   the news sentences the tables miss in folds grouped by article. For each regularisation and confidence bar: the
   share of sentences it types right and wrong, and the false events among the news sentences that hold none.
4. ``not_happenings``: the checks of ``storyline.analyse.event_standing`` (a present simple nothing dates, a law's
   terms, a verb describing a noun; ``events.NOT_HAPPENINGS``), every subset of them: first the false events of the
   ``rules-event`` sentences that hold none, tabulated by shape (the tense of the clause that carries the trigger,
   negation, subject kind, the trigger's dependency and lemma), then per subset the event precision and recall of
   the sentences' main events and records on the news sentences (TimeBank apart) and the type figures of the tune
   and hand-made splits; among the subsets that lower no figure of the tune and hand-made splits, one is chosen on
   four of five folds grouped by article (best records F1; ties: the fewer checks) and scored on the fifth, beside
   the code with none; TimeBank is scored once, out of sample. Beside them, ``learned filter``: a logistic regression
   over the main event's shape and the sentence's features that keeps or drops it, on held-out folds of the AQUAINT
   sentences, then on TimeBank and on the tune and hand-made records (all events: what it drops there is lost).
5. ``tune_types``: per-type F1 on the tune half, and in how many of its type errors the gold type is one of the
   sentence's other events (a precedence error) rather than none of them.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import random
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import events as bench_events  # type: ignore[import-not-found]
import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

import storyline.analyse.events as coder
from storyline.analyse.event_roles import is_party, of_head
from storyline.analyse.event_standing import CHECKS, finite_verb
from storyline.analyse.event_tables import lemma_of, tables
from storyline.analyse.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "bench/data/events/news_sentences.jsonl"
SHARED = ROOT.parent / "shared"
CORPORA = {
    "polnear-dev": SHARED / "data/polnear/data/dev/text",
    "seeds": SHARED / "corpus/seeds",
    "tempeval3-aquaint": SHARED / "data/tempeval3-train/TBAQ-cleaned/AQUAINT",
    "tempeval3-timebank": SHARED / "data/tempeval3-train/TBAQ-cleaned/TimeBank",
}
#: The corpus drawn last, after the rules made from the others' errors were written: scored apart, out of sample.
FRESH = "tempeval3-timebank"
OUT = ROOT / "bench/results/events.json"
FOLDS = 5
SEEDS = 3
C_GRID = (1.0, 3.0, 10.0, 30.0)
BARS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MODAL = frozenset({"will", "would", "could", "may", "might", "shall"})


def article_text(corpus: str, name: str) -> str:
    path = CORPORA[corpus] / name
    if not path.exists():
        sys.exit(f"missing {path}: bench/data/events/news_sentences.jsonl names it (see the data list in this file)")
    if path.suffix == ".tml":
        text_el = ET.parse(path).getroot().find("TEXT")
        return "".join(text_el.itertext()) if text_el is not None else ""
    return path.read_text(encoding="utf-8")


def load_news(nlp: Any) -> list[dict[str, Any]]:
    """The labelled news sentences (UNSURE ones left out), each with its spaCy span."""
    docs: dict[tuple[str, str], Any] = {}
    out = []
    for line in NEWS.read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        if m["type"] == "UNSURE":
            continue
        key = (m["corpus"], m["file"])
        if key not in docs:
            docs[key] = nlp(article_text(*key))
        span = docs[key].char_span(m["start"], m["end"], alignment_mode="expand")
        if span is None:
            sys.exit(f"{NEWS}: no sentence at {m['start']}-{m['end']} of {m['file']}")
        out.append({**m, "span": span})
    return out


def main_event(span: Any) -> dict[str, Any]:
    evs = coder.sentence_events(span, span.doc.text)
    if not evs:
        return {"type": None, "source": None, "target": None}
    e = evs[0]
    return {"type": e.action, "source": e.actor_country, "target": e.target_country, "types": [x.action for x in evs]}


def record_event(span: Any) -> dict[str, Any]:
    """The sentence's first event with a party (an actor or a target phrase): the event a story's table and the
    exports would show, as :func:`storyline.compare.events.story_events` keeps only those."""
    e = next((x for x in coder.sentence_events(span, span.doc.text) if x.actor_text or x.target_text), None)
    if e is None:
        return {"type": None, "source": None, "target": None}
    return {"type": e.action, "source": e.actor_country, "target": e.target_country}


def news_scores(rows: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    c: collections.Counter[str] = collections.Counter()
    for r, p in zip(rows, preds, strict=True):
        gold_ev = r["type"] != "NONE"
        c["sentences"] += 1
        c["with_event"] += gold_ev
        c["coded"] += p["type"] is not None
        c["coded_with_event"] += p["type"] is not None and gold_ev
        if gold_ev:
            c["type_right"] += p["type"] == r["type"]
            if r["source"]:
                c["source_n"] += 1
                c["source_right"] += p["source"] in r["source"]
            if r["target"]:
                c["target_n"] += 1
                c["target_right"] += p["target"] in r["target"]
    out: dict[str, Any] = dict(c)
    out["event_precision"] = round(c["coded_with_event"] / c["coded"], 3) if c["coded"] else None
    out["type_accuracy"] = round(c["type_right"] / c["with_event"], 3) if c["with_event"] else None
    out["source_accuracy"] = round(c["source_right"] / c["source_n"], 3) if c["source_n"] else None
    out["target_accuracy"] = round(c["target_right"] / c["target_n"], 3) if c["target_n"] else None
    return out


def news(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for stratum, fresh in (("rules-none", False), ("rules-event", False), ("rules-event", True)):
        rs = [r for r in rows if r["stratum"] == stratum and (r["corpus"] == FRESH) == fresh]
        out[stratum + (" timebank" if fresh else "")] = {
            "ours": news_scores(rs, [main_event(r["span"]) for r in rs]),
            "ours_records": news_scores(rs, [record_event(r["span"]) for r in rs]),
            "keyword_baseline": news_scores(rs, [bench_events.baseline(r["span"].text) for r in rs]),
        }
    return out


# ------------------------------------------------------------------------------------------- country fallback


def country_fallback(recs: list[dict[str, Any]], rows: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    """Per split and setting of ACTOR_LAST_RESORT: the source accuracy (sentences with a gold source) and the
    sources coded where the gold has none; the fold-wise choice between the settings."""
    groups: dict[str, list[tuple[set[str], Any]]] = collections.defaultdict(list)
    for r in recs:
        groups[r["split"]].append(({a.get("code") for a in r["source"]}, nlp(r["text"])[:]))
    for r in rows:
        if r["type"] != "NONE":
            groups["news"].append((set(r["source"]), r["span"]))
    settings = (None, "named", "any")
    right: dict[str, dict[str, list[int]]] = {}
    spurious: dict[str, dict[str, int]] = {}
    saved = coder.ACTOR_LAST_RESORT
    try:
        for setting in settings:
            coder.ACTOR_LAST_RESORT = setting
            for split, items in groups.items():
                coded = [(gold, main_event(span)) for gold, span in items]
                right.setdefault(split, {})[str(setting)] = [int(p["source"] in gold) for gold, p in coded if gold]
                spurious.setdefault(split, {})[str(setting)] = sum(
                    p["type"] is not None and p["source"] is not None for gold, p in coded if not gold
                )
    finally:
        coder.ACTOR_LAST_RESORT = saved
    out: dict[str, Any] = {
        split: {
            "n": len(v["None"]),
            **{k: round(sum(x) / len(x), 3) for k, x in v.items()},
            "sources coded where the gold has none": spurious[split],
        }
        for split, v in right.items()
    }
    pooled = {str(k): [x for v in right.values() for x in v[str(k)]] for k in settings}
    idx = list(range(len(pooled["None"])))
    random.Random(0).shuffle(idx)
    chosen, scored = [], 0
    for f in range(FOLDS):
        test = set(idx[f::FOLDS])
        pick = max(pooled, key=lambda k: sum(pooled[k][i] for i in idx if i not in test))  # ties: the first, None
        chosen.append(pick)
        scored += sum(pooled[pick][i] for i in test)
    out["cv"] = {"choices": chosen, "cv source accuracy of the choice": round(scored / len(idx), 3)}
    return out


# ------------------------------------------------------------------------------------------- learned fallback


def features(span: Any) -> dict[str, int]:
    """The sentence's root, verbs and nouns, objects (with their verb), prepositions' nouns, negation and modals."""
    out: dict[str, int] = {}
    for t in span:
        if t.is_punct or t.is_space:
            continue
        lemma = lemma_of(t)
        if t.dep_ == "ROOT":
            out[f"root={lemma}"] = 1
        if t.pos_ in ("VERB", "AUX"):
            out[f"v={lemma}"] = 1
        elif t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
            out[f"n={lemma}"] = 1
        if t.dep_ in ("dobj", "dative", "attr", "oprd", "nsubjpass"):
            out[f"obj={lemma_of(t.head)}:{lemma}"] = 1
        if t.dep_ == "pobj":
            out[f"pobj={lemma_of(t.head)}:{lemma}"] = 1
        if t.dep_ == "neg":
            out["neg"] = 1
        if t.dep_ == "aux" and lemma in MODAL:
            out["modal"] = 1
    return out


def fallback_items(recs: list[dict[str, Any]], rows: list[dict[str, Any]], nlp: Any) -> list[tuple[str, str, Any, str]]:
    """``(group, gold type, features, kind)`` of every tune and hand-made record (grouped by its trigger's lemma: a
    sentence the tables miss has a trigger they do not know) and every news sentence the tables code nothing in
    (grouped by article)."""
    items: list[tuple[str, str, Any, str]] = []
    for r in recs:
        span = nlp(r["text"])[:]
        evs = coder.sentence_events(span, r["text"])
        trig = r["id"]
        if evs:
            a = evs[0].spans["trigger"][0]
            trig = next((lemma_of(t) for t in span if t.idx == a), evs[0].trigger)
        items.append(("trigger:" + trig, r["type"], features(span), "records"))
    for r in rows:
        if r["stratum"] == "rules-none" and not coder.sentence_events(r["span"], r["span"].doc.text):
            items.append(("article:" + r["file"], r["type"], features(r["span"]), "news"))
    return items


def cv_counts(items: list[tuple[str, str, Any, str]], c: float) -> dict[float, collections.Counter[str]]:
    """Per bar, how many sentences of each kind the regression (regularisation ``c``) types right and wrong, over
    :data:`SEEDS` shuffles of grouped folds."""
    y = np.array([i[1] for i in items])
    stats: dict[float, collections.Counter[str]] = {b: collections.Counter() for b in BARS}
    for seed in range(SEEDS):
        order = list(range(len(items)))
        random.Random(seed).shuffle(order)
        for tr_o, te_o in GroupKFold(FOLDS).split(order, groups=[items[i][0] for i in order]):
            tr, te = [order[i] for i in tr_o], [order[i] for i in te_o]
            vec = DictVectorizer()
            clf = LogisticRegression(C=c, max_iter=3000).fit(vec.fit_transform([items[i][2] for i in tr]), y[tr])
            probs = clf.predict_proba(vec.transform([items[i][2] for i in te]))
            for k, i in enumerate(te):
                best, p = str(clf.classes_[probs[k].argmax()]), float(probs[k].max())
                kind = items[i][3] + ("-none" if y[i] == "NONE" else "-event")
                for b in BARS:
                    fired = best != "NONE" and p >= b
                    stats[b][kind + " n"] += 1
                    stats[b][kind + " right"] += fired and best == y[i]
                    stats[b][kind + " wrong"] += fired and best != y[i]
    return stats


def learned_fallback(recs: list[dict[str, Any]], rows: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    items = fallback_items(recs, rows, nlp)
    kinds = ("records-event", "news-none", "news-event")
    table: list[dict[str, Any]] = []
    for c in C_GRID:
        for b, s in cv_counts(items, c).items():
            row: dict[str, Any] = {"C": c, "bar": b}
            for kind in kinds:
                n = s[kind + " n"] or 1
                row[kind] = {"right": round(s[kind + " right"] / n, 3), "wrong": round(s[kind + " wrong"] / n, 3)}
            gain = sum(s[k + " right"] - s[k + " wrong"] for k in kinds)
            row["net right minus wrong per sentence"] = round(gain / sum(s[k + " n"] for k in kinds), 3)
            table.append(row)
    best_row = max(table, key=lambda r: r["net right minus wrong per sentence"])
    return {
        "sentences": dict(collections.Counter(i[3] + ("-none" if i[1] == "NONE" else "-event") for i in items)),
        "grid": table,
        "best": {k: best_row[k] for k in ("C", "bar", "net right minus wrong per sentence")},
    }


# ------------------------------------------------------------------------------------------- not happenings

MODALS = MODAL | {"can", "should", "must", "'d"}
#: Nouns of a text that states, binds or lets (the tables' ``standing_subjects``), for the shape table.
SUBJECT_KINDS = ("pronoun", "law or policy", "name", "party noun", "thing noun", "none", "noun trigger")


def _tense(v: Any) -> str:
    """The tense, mood or voice of the clause whose verb is ``v`` (the shape table's column)."""
    if v.pos_ not in ("VERB", "AUX"):
        return "noun"
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    be = next((c for c in aux if lemma_of(c) == "be"), None)
    do = next((c for c in aux if lemma_of(c) == "do"), None)
    if words & MODALS:
        return "modal"
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    if any(lemma_of(c) == "have" for c in aux):
        return "perfect"
    if "to" in words or (not aux and v.tag_ in ("VB", "VBG", "VBN")):
        return "non-finite"
    if be is not None:
        return ("progressive" if v.tag_ == "VBG" else "passive") + (" past" if be.tag_ == "VBD" else " present")
    if do is not None:
        return "past" if do.tag_ == "VBD" else "present simple"
    return "past" if v.tag_ == "VBD" else "present simple" if v.tag_ in ("VBZ", "VBP") else "other"


def _subject_kind(v: Any) -> str:
    if v.pos_ not in ("VERB", "AUX"):
        return "noun trigger"
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return "none"
    h = of_head(subj)
    if h.pos_ == "PRON":
        return "pronoun"
    if h.ent_type_ == "LAW" or lemma_of(h) in tables().status.get("standing_subjects", frozenset()):
        return "law or policy"
    if h.pos_ == "PROPN" or h.ent_type_:
        return "name"
    return "party noun" if is_party(h) else "thing noun"


def shape(span: Any, ev: Any) -> dict[str, str]:
    """The shape of the event ``ev`` of ``span``: its trigger's clause's tense, negation, subject kind, the
    trigger's dependency and lemma, the event's status."""
    t = next(w for w in span if w.idx >= ev.spans["trigger"][0])
    v = finite_verb(t) if t.pos_ in ("VERB", "AUX") else t
    return {
        "tense": _tense(v),
        "negated": str(any(c.dep_ == "neg" for w in (t, v) for c in w.children)),
        "subject": _subject_kind(v),
        "dependency": t.dep_,
        "lemma": lemma_of(t),
        "status": ev.status,
    }


def shape_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per corpus and per event (main, record): for each shape column, ``value: "false events/true events"`` over
    the ``rules-event`` sentences, most false first."""
    tab: dict[str, collections.Counter[tuple[str, str, bool]]] = collections.defaultdict(collections.Counter)
    for r in rows:
        if r["stratum"] != "rules-event":
            continue
        evs = coder.sentence_events(r["span"], r["span"].doc.text)
        rec = next((x for x in evs if x.actor_text or x.target_text), None)
        for which, ev in (("main event", evs[0] if evs else None), ("record", rec)):
            if ev is not None:
                for col, val in shape(r["span"], ev).items():
                    tab[f"{'timebank' if r['corpus'] == FRESH else 'aquaint'} {which}"][
                        (col, val, r["type"] != "NONE")
                    ] += 1
    out: dict[str, Any] = {}
    for key, c in sorted(tab.items()):
        out[key] = {}
        for col in ("tense", "negated", "subject", "dependency", "status", "lemma"):
            vals = sorted({v for k, v, _ in c if k == col}, key=lambda v: (-c[(col, v, False)], v))
            out[key][col] = {
                v: f"{c[(col, v, False)]}/{c[(col, v, True)]}" for v in vals if c[(col, v, False)] or col != "lemma"
            }
    return out


def _coded(rows: list[dict[str, Any]]) -> list[tuple[bool, bool]]:
    """Per row: whether its sentence gets a main event, and a record (an event with a party)."""
    out = []
    for r in rows:
        evs = coder.sentence_events(r["span"], r["span"].doc.text)
        out.append((bool(evs), any(x.actor_text or x.target_text for x in evs)))
    return out


def _pr(rows: list[dict[str, Any]], coded: list[tuple[bool, bool]], idx: list[int], k: int) -> dict[str, Any]:
    """Event precision, recall and F1 of column ``k`` (0 main event, 1 record) over the rows ``idx``."""
    n = sum(coded[i][k] for i in idx)
    tp = sum(coded[i][k] and rows[i]["type"] != "NONE" for i in idx)
    gold = sum(rows[i]["type"] != "NONE" for i in idx)
    p, rc = (tp / n if n else 0.0), (tp / gold if gold else 0.0)
    return {
        "coded": n,
        "true": tp,
        "events": gold,
        "precision": round(p, 3),
        "recall": round(rc, 3),
        "f1": round(2 * p * rc / (p + rc) if p + rc else 0.0, 3),
    }


def _row(news_pr: dict[str, Any], splits: dict[str, Any]) -> str:
    """One setting's figures on one line (see ``per setting columns``)."""
    cols = ("coded", "true", "precision", "recall", "f1")
    parts = [" ".join(str(news_pr[w][c]) for c in cols) for w in ("main event", "record")]
    parts += [" ".join(str(v) for v in splits[sp].values()) for sp in ("tune", "hand-made")]
    return " | ".join(parts)


def _filter_features(span: Any, text: str) -> dict[str, int] | None:
    """The learned filter's features of the sentence's main event (its shape, type, whether it has a party) and of
    the sentence (:func:`features`); None where the tables code no event."""
    evs = coder.sentence_events(span, text)
    if not evs:
        return None
    f = {f"{k}={v}": 1 for k, v in shape(span, evs[0]).items()}
    f |= {"type=" + evs[0].action: 1, "party": int(bool(evs[0].actor_text or evs[0].target_text))}
    return f | features(span)


def learned_filter(recs: list[dict[str, Any]], rows: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    """A logistic regression (balanced classes) that keeps or drops the tables' event of a sentence, fitted on the
    AQUAINT ``rules-event`` sentences: per regularisation and bar, the events it keeps on held-out folds grouped by
    article, then fitted on them all, on TimeBank and on the tune and hand-made records (every one an event)."""
    items = [(r, _filter_features(r["span"], r["span"].doc.text)) for r in rows if r["stratum"] == "rules-event"]
    dev = [(r, f) for r, f in items if f is not None and r["corpus"] != FRESH]
    fresh = [(r, f) for r, f in items if f is not None and r["corpus"] == FRESH]
    gold = [f for f in (_filter_features(nlp(r["text"])[:], r["text"]) for r in recs) if f is not None]
    y = np.array([r["type"] != "NONE" for r, _ in dev])
    out: dict[str, Any] = {"coded (dev, timebank, records)": [len(dev), len(fresh), len(gold)]}
    for c in C_GRID[:3]:
        for bar in (0.3, 0.4, 0.5):
            kept = np.zeros(len(dev), dtype=bool)
            for tr, te in GroupKFold(FOLDS).split(dev, groups=[r["file"] for r, _ in dev]):
                vec = DictVectorizer()
                clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
                clf.fit(vec.fit_transform([dev[i][1] for i in tr]), y[tr])
                kept[te] = clf.predict_proba(vec.transform([dev[i][1] for i in te]))[:, 1] >= bar
            vec = DictVectorizer()
            clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            clf.fit(vec.fit_transform([f for _, f in dev]), y)
            fk = clf.predict_proba(vec.transform([f for _, f in fresh]))[:, 1] >= bar
            fy = np.array([r["type"] != "NONE" for r, _ in fresh])
            gk = clf.predict_proba(vec.transform(gold))[:, 1] >= bar
            out[f"C {c} bar {bar}"] = {
                "held-out folds kept, true, of true": [int(kept.sum()), int((kept & y).sum()), int(y.sum())],
                "timebank kept, true, of true": [int(fk.sum()), int((fk & fy).sum()), int(fy.sum())],
                "tune and hand-made records kept": int(gk.sum()),
            }
    return out


def not_happenings(recs: list[dict[str, Any]], rows: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    settings = [frozenset(c) for k in range(len(CHECKS) + 1) for c in itertools.combinations(CHECKS, k)]
    name = {s: "+".join(c for c in CHECKS if c in s) or "none" for s in settings}
    docs = {r["text"]: nlp(r["text"]) for r in recs}
    saved = coder.NOT_HAPPENINGS
    coded: dict[frozenset[str], list[tuple[bool, bool]]] = {}
    records: dict[str, Any] = {}
    try:
        coder.NOT_HAPPENINGS = frozenset()
        table = shape_table(rows)
        for s in settings:
            coder.NOT_HAPPENINGS = s
            coded[s] = _coded(rows)
            preds = [bench_events.ours(docs.__getitem__, r["text"]) for r in recs]
            per_split = {}
            for split in ("tune", "hand-made"):
                keep = [i for i, r in enumerate(recs) if (r["split"] == "tune") == (split == "tune")]
                sc = bench_events.score([recs[i] for i in keep], [preds[i] for i in keep])
                per_split[split] = {
                    k: sc[k] for k in ("type_macro_f1", "type_accuracy", "source_accuracy", "target_accuracy")
                }
                per_split[split]["events coded"] = sum(preds[i]["type"] is not None for i in keep)
            records[name[s]] = per_split
    finally:
        coder.NOT_HAPPENINGS = saved
    dev = [i for i, r in enumerate(rows) if r["corpus"] != FRESH]
    fresh = [i for i, r in enumerate(rows) if r["corpus"] == FRESH and r["stratum"] == "rules-event"]
    event_dev = [i for i in dev if rows[i]["stratum"] == "rules-event"]
    full = {
        name[s]: {"main event": _pr(rows, coded[s], event_dev, 0), "record": _pr(rows, coded[s], event_dev, 1)}
        for s in settings
    }
    final = frozenset(saved)
    choices: list[str] = []
    held: dict[str, list[tuple[int, tuple[bool, bool]]]] = {"none": [], "chosen": [], "in use": []}
    base = records["none"]  # a setting that costs the tune or hand-made splits any figure is never chosen
    admissible = [s for s in settings if all(v >= base[sp][k] for sp in base for k, v in records[name[s]][sp].items())]
    for tr, te in GroupKFold(FOLDS).split(dev, groups=[rows[i]["file"] for i in dev]):
        train = [dev[j] for j in tr]
        pick = max(admissible, key=lambda s: (_pr(rows, coded[s], train, 1)["f1"], -len(s)))
        choices.append(name[pick])
        held["none"] += [(dev[j], coded[frozenset()][dev[j]]) for j in te]
        held["chosen"] += [(dev[j], coded[pick][dev[j]]) for j in te]
        held["in use"] += [(dev[j], coded[final][dev[j]]) for j in te] if final in coded else []
    cv = {}
    for who, pairs in held.items():
        idx = [i for i, _ in pairs if rows[i]["stratum"] == "rules-event"]
        by = dict(pairs)
        col = [by.get(i, (False, False)) for i in range(len(rows))]
        if not pairs:
            continue
        cv[who] = {
            "main event": _pr(rows, col, idx, 0),
            "record": _pr(rows, col, idx, 1),
            "rules-none coded": sum(by[i][0] for i, _ in pairs if rows[i]["stratum"] == "rules-none"),
        }
    return {
        "false events by shape (code with no checks)": table,
        "per setting columns": "news rules-event (AQUAINT, all folds) main event and record: coded, true, precision, "
        "recall, F1 | tune and hand-made splits: type macro-F1, type accuracy, source, target accuracy, events coded",
        "per setting": {k: _row(full[k], records[k]) for k in full},
        "admissible (no tune or hand-made figure lower)": [name[s] for s in admissible],
        "cv": {"choices": choices, "held-out folds, rules-event (AQUAINT)": cv},
        "in use": name.get(final, "+".join(sorted(final))),
        "timebank (out of sample)": {
            w: {"main event": _pr(rows, coded[s], fresh, 0), "record": _pr(rows, coded[s], fresh, 1)}
            for w, s in (("none", frozenset()), ("in use", final))
            if s in coded
        },
    }


# ------------------------------------------------------------------------------------------- tune per type


def tune_types(recs: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    tune = [r for r in recs if r["split"] == "tune"]
    preds = [main_event(nlp(r["text"])[:]) for r in tune]
    scores = bench_events.score(tune, preds)
    errors = [(r, p) for r, p in zip(tune, preds, strict=True) if p["type"] != r["type"]]
    among = sum(r["type"] in (p.get("types") or [])[1:] for r, p in errors)
    confusions = collections.Counter(f"{r['type']} -> {p['type']}" for r, p in errors)
    return {
        "per_type_f1": {t: v["f1"] for t, v in sorted(scores["per_type"].items(), key=lambda kv: kv[1]["f1"])},
        "type_errors": len(errors),
        "gold type among the sentence's other events": among,
        "confusions": dict(confusions.most_common()),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-cv", action="store_true", help="the news figures only")
    ap.add_argument("--standing-only", action="store_true", help="the not-happenings section only")
    ap.add_argument("--note", help="record this run's news figures in the results' history under this note")
    args = ap.parse_args()
    nlp = load_nlp()
    recs = [r for r in bench_events.load() if r["split"] != "held-out"]  # the held-out half is never read here
    rows = load_news(nlp)
    if args.standing_only:
        nh = not_happenings(recs, rows, nlp)
        nh["learned filter"] = learned_filter(recs, rows, nlp)
        print(json.dumps(nh, indent=1))
        _write({"news": news(rows), "not_happenings": nh}, args.note)
        return 0
    result: dict[str, Any] = {"news": news(rows)}
    for stratum, v in result["news"].items():
        for name, s in v.items():
            print(f"news {stratum:20s} {name:16s} {json.dumps(s)}")
    if not args.no_cv:
        result["country_fallback"] = country_fallback(recs, rows, nlp)
        print("country fallback", json.dumps(result["country_fallback"]))
        result["learned_fallback"] = learned_fallback(recs, rows, nlp)
        for row in result["learned_fallback"]["grid"]:
            print("learned fallback", json.dumps(row))
        print("learned fallback best", json.dumps(result["learned_fallback"]["best"]))
        result["not_happenings"] = not_happenings(recs, rows, nlp)
        result["not_happenings"]["learned filter"] = learned_filter(recs, rows, nlp)
        print("not happenings", json.dumps(result["not_happenings"]))
        result["tune_types"] = tune_types(recs, nlp)
        print("tune types", json.dumps(result["tune_types"]))
    _write(result, args.note)
    return 0


SUFFIX = {"ours": "", "ours_records": " records", "keyword_baseline": " baseline"}


def headline(news_result: dict[str, Any]) -> dict[str, Any]:
    """Per stratum, ours then the keyword baseline: event precision, type, source and target accuracy."""
    keys = ("event_precision", "type_accuracy", "source_accuracy", "target_accuracy")
    return {
        f"{stratum}{SUFFIX[name]}": [scores[name][k] for k in keys]
        for stratum, scores in news_result.items()
        for name in ("ours", "ours_records", "keyword_baseline")
        if name in scores
    }


def _write(result: dict[str, Any], note: str | None) -> None:
    """Write this run's figures under ``news_and_fallbacks`` of the results, keeping bench/events.py's figures, the
    history (with this run's news figures under ``note``) and, after a ``--no-cv`` run, the earlier run's
    cross-validated figures (named in ``kept_from_an_earlier_run``)."""
    old = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    before = old.get("news_and_fallbacks", {})
    kept = [
        k
        for k in ("country_fallback", "learned_fallback", "not_happenings", "tune_types")
        if k in before and k not in result
    ]
    history = before.get("history", [])
    if note:
        history.append({"note": note, **headline(result["news"])})
    old["news_and_fallbacks"] = {
        "data": "bench/data/events/news_sentences.jsonl (hand-labelled news sentences); tune and hand-made splits "
        "of bench/events.py (never held-out)",
        **result,
        **{k: before[k] for k in kept},
        **({"kept_from_an_earlier_run": kept} if kept else {}),
        "history_columns": "per stratum: event precision, type accuracy, source accuracy, target accuracy",
        "history": history,
    }
    OUT.write_text(json.dumps(old, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
