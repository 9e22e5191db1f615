"""Who says a statement: the reported-speech clauses of ``statements_from_doc`` (a ``said_by``) scored on PolNeAR.

    python bench/statements_speech.py [--split train|dev] [--limit N] [--cache FILE] [--show-misses N]

Data and gold as in ``bench/quotes.py`` (its reader and its spaCy parse cache are reused): PolNeAR attributions
whose content has no quote marks and whose annotated cue is a speech verb (``SPEECH_CUES``).

Measures:

* **recall**: such gold content ≥ 50 % covered by statements that have a ``said_by``;
* **precision**: statements with a ``said_by`` whose span is ≥ 50 % inside some gold content (any kind);
* **speaker**: of the recalled gold with a Source, the statement with the most overlap has a ``said_by`` sharing a
  word with the Source as written ("Xi" ~ "Mr. Xi", "he" ~ "he", "the president" ~ "The president"; articles
  left out);
* **unsaid**: recalled gold content covered ≥ 50 % by statements, none of which has a ``said_by``, counted apart
  (the clause is found but given to no one).

Tune on ``train``; ``dev`` is scored once. Writes bench/results/statements_speech[-train].json, the run under its
``--label`` beside the runs already there (a baseline beside the change).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from quotes import _WORD, MODEL, articles, gold_for, overlap  # noqa: E402

#: Words that say nothing of who speaks ("the president" ~ "The president").
ARTICLE_WORDS = frozenset({"the", "a", "an", "of", "and", "s"})


def _words(s: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(s) if w.lower() not in ARTICLE_WORDS}


def _covered(segs: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> float:
    total = sum(b - a for a, b in segs)
    if not total:
        return 0.0
    hit = 0
    for a, b in segs:
        marks = bytearray(b - a)
        for x, y in spans:
            for k in range(max(a, x) - a, min(b, y) - a):
                marks[k] = 1
        hit += sum(marks)
    return hit / total


def score(stem: str, text: str, golds: Sequence[Any], sts: Sequence[Any], n: dict[str, int], misses: list[Any]) -> None:
    """Add one article's figures to ``n`` and its misses to ``misses``."""
    said = [s for s in sts if s.said_by]
    said_spans = [(s.start, s.end) for s in said]
    all_spans = [(s.start, s.end) for s in sts]
    contents = [seg for g in golds for seg in g.content]
    for s in said:
        n["pred"] += 1
        inside = sum(overlap((s.start, s.end), c) for c in contents) / max(1, s.end - s.start) >= 0.5
        n["pred_ok"] += inside
        if not inside:
            misses.append({"why": "precision", "doc": stem, "clause": text[s.start : s.end][:140], "by": s.said_by})
    for g in golds:
        if g.kind != "indirect" or not g.speech:
            continue
        n["gold"] += 1
        a, b = g.content[0][0], g.content[-1][1]
        if _covered(g.content, said_spans) >= 0.5:
            n["found"] += 1
            if g.source:
                n["judged"] += 1
                best = max(said, key=lambda s: sum(overlap((s.start, s.end), c) for c in g.content))
                src = " ".join(text[x:y] for x, y in g.source)
                ok = bool(_words(best.said_by or "") & _words(src))
                n["speaker"] += ok
                if not ok:
                    misses.append(
                        {"why": "speaker", "doc": stem, "by": best.said_by, "gold": src, "content": text[a:b][:100]}
                    )
        elif _covered(g.content, all_spans) >= 0.5:
            n["unsaid"] += 1
            context = text[max(0, a - 120) : a].replace("\n", " / ")
            misses.append({"why": "unsaid", "doc": stem, "cue": g.cue, "content": text[a:b][:140], "context": context})


def _parses(texts: Sequence[str], cache: str | None) -> list[Any]:
    """The spaCy parses of ``texts``: from bench/quotes.py's cache when it holds these texts, else parsed now."""
    import spacy

    from storyline.analyse.nlp import keep_dotted_titles, paragraph_breaks, split_glued_quotes

    nlp = spacy.load(MODEL)
    split_glued_quotes(nlp)
    keep_dotted_titles(nlp)
    paragraph_breaks(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    if cache and Path(cache).is_file():
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == list(texts):
            return docs
    return list(nlp.pipe(texts, batch_size=16))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="train", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", default=None, help="the spaCy DocBin of bench/quotes.py --cache (same split)")
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--out", default=None)
    ap.add_argument("--label", default="current", help="the run's name in the results file (others there are kept)")
    args = ap.parse_args(argv)
    out_path = Path(args.out or HERE / "results" / f"statements_speech{'' if args.split == 'dev' else '-train'}.json")

    from storyline.analyse.statements import statements_from_doc

    pairs = articles(args.split, args.limit)
    texts = [p.read_text(encoding="utf-8") for p, _ in pairs]
    docs = _parses(texts, args.cache)
    n = {"gold": 0, "found": 0, "unsaid": 0, "judged": 0, "speaker": 0, "pred": 0, "pred_ok": 0}
    misses: list[dict[str, Any]] = []
    for (tp, ann), text, doc in zip(pairs, texts, docs, strict=True):
        score(tp.stem, text, gold_for(text, ann), statements_from_doc(doc), n, misses)

    def r(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    res = {
        "articles": len(pairs),
        "gold_speech_indirect": n["gold"],
        "recall": r(n["found"], n["gold"]),
        "unsaid_share": r(n["unsaid"], n["gold"]),
        "precision": r(n["pred_ok"], n["pred"]),
        "predicted": n["pred"],
        "speaker": r(n["speaker"], n["judged"]),
        "speaker_judged": n["judged"],
    }
    print(f"PolNeAR {args.split}: {len(pairs)} articles")
    for k, v in res.items():
        if k != "articles":
            print(f"  {k:24} {v}")
    for why in ("unsaid", "speaker", "precision"):
        sel = [m for m in misses if m["why"] == why]
        if args.show_misses:
            print(f"\n--- {why} ({len(sel)})")
            for m in sel[: args.show_misses]:
                print("  ", json.dumps(m, ensure_ascii=False))
    if not args.limit:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        kept = json.loads(out_path.read_text(encoding="utf-8")) if out_path.is_file() else {}
        runs = kept.get("runs", {}) if kept.get("split") == args.split else {}
        runs[args.label] = res
        out = {"bench": "statements_speech", "split": args.split, "data": f"../shared/data/polnear/data/{args.split}"}
        out_path.write_text(json.dumps({**out, "runs": runs}, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {out_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
