"""Quotes across outlets: are the versions a quote group shows versions of one statement?

    python bench/quote_groups.py [--label] [--out FILE]

Stories: those of ``bench/data/compare`` (ECB+ development stories and our planted ones, loaded and analysed as
``bench/compare.py`` does). Each story's quote groups are built as the dossier builds them
(``compare.quotes.quote_claims``), and every pair of versions from different articles that a group shows is a
*system pair*.

Gold: ``bench/data/quotes/pairs.json`` (format in that folder's README): pairs of quotes from different articles
of a story, each labelled same statement or not. A quote is named by a hash of its words (with an article that
gives it and, for ECB+, the sentence number, for the reader), so the gold holds no source text; a label holds
wherever the story's articles give the two wordings, and two quotes with the same words (case and punctuation
aside) are the same statement without a label. Precision: system pairs the gold calls the same over system
pairs it judges; recall: same-statement pairs a group shows over the gold's same-statement pairs whose two
quotes the quote stage found.

Settings measured side by side in one run: no content check and one version per passage (the rule before),
the content check alone, with one version per outlet, and with the speaker's reported speech in other words
joining the quote it carries (the default); the content bar ``MIN_SHARED`` over :data:`BARS` and the join bar
``JOIN_SHARED`` over :data:`JOINS`. Both bars were chosen on this gold (the middle of the best plateau): every
figure here is in-sample.
``--label`` lists the system pairs the gold does not judge (to label them, reading both articles) and the wrong
ones. "Other wordings": the same figures over pairs of two different wordings (a verbatim copy, the same
statement without a label, is most pairs).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compare_gold import GOLD, GoldStory, analyse_story, load_gold  # noqa: E402

PAIRS = HERE / "data" / "quotes" / "pairs.json"
RESULTS = HERE / "results" / "quote_groups.json"
#: The content bars measured (0: no check).
BARS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
#: The join bars measured (``quotes.JOIN_SHARED``; 0: no join by content).
JOINS = (0.4, 0.5, 0.55, 0.6, 0.65, 0.67, 0.7, 0.75, 0.8)

Key = tuple[str, str]  # (article file, hash of the quote's words)
Pair = frozenset[Key]


def words_hash(text: str) -> str:
    return hashlib.sha1(" ".join(re.findall(r"\w+", text.lower())).encode()).hexdigest()[:10]


def quote_key(doc: str, text: str) -> Key:
    return (doc, words_hash(text))


def _prepared(story: GoldStory) -> tuple[list[Any], list[Any]]:
    from storyline.analyse.entities import canonicalize
    from storyline.pipeline import link_speakers

    arts = copy.deepcopy(analyse_story(story, True))
    entities = canonicalize(arts)
    link_speakers(arts, entities)
    for a in arts:
        a.story_id = "s1"
    return arts, entities


def system_pairs(arts: Sequence[Any], entities: Sequence[Any]) -> set[Pair]:
    from storyline.compare.quotes import quote_claims

    by_id = {a.id: a for a in arts}
    out: set[Pair] = set()
    for claim in quote_claims("s1", arts, entities):
        keys = [quote_key(by_id[v["article_id"]].path, v["text"]) for v in claim.versions]
        out.update(frozenset((x, y)) for i, x in enumerate(keys) for y in keys[i + 1 :] if x[0] != y[0])
    return out


def found_quotes(arts: Sequence[Any]) -> dict[Key, str]:
    return {quote_key(a.path, q.text): q.text for a in arts for q in a.quotes}


def gold_pairs(story: str, gold: Sequence[dict[str, Any]], found: dict[Key, str]) -> dict[Pair, bool]:
    """The gold's label of every pair of found quotes from different articles: a label names two wordings (by
    their hashes), and holds wherever the story's articles give them."""
    by_words = {frozenset((g["a"][1], g["b"][1])): bool(g["same"]) for g in gold if g["story"] == story}
    keys = sorted(found)
    out: dict[Pair, bool] = {}
    for i, x in enumerate(keys):
        for y in keys[i + 1 :]:
            if x[0] == y[0]:
                continue
            if x[1] == y[1]:
                out[frozenset((x, y))] = True  # the same words
            elif (v := by_words.get(frozenset((x[1], y[1])))) is not None:
                out[frozenset((x, y))] = v
    return out


def score(
    stories: Sequence[GoldStory], gold: Sequence[dict[str, Any]], label: bool = False, listed: set[Pair] | None = None
) -> dict[str, Any]:
    tp = shown_judged = unjudged = gold_same = 0
    # the same, over pairs of two different wordings (a verbatim copy is the same statement without a label)
    tp_w = shown_w = same_w = 0
    wrong: list[list[Any]] = []
    for s in stories:
        arts, entities = _prepared(s)
        found = found_quotes(arts)
        labels = gold_pairs(s.name, gold, found)
        shown = system_pairs(arts, entities)
        gold_same += sum(labels.values())
        same_w += sum(v for p, v in labels.items() if len({k[1] for k in p}) == 2)
        for p in sorted(shown, key=sorted):
            x, y = sorted(p)
            if p not in labels:
                unjudged += 1
                if label and listed is not None and p not in listed:
                    listed.add(p)
                    print(f"? {s.name} {x} {y}\n    {found.get(x, '')[:150]!r}\n    {found.get(y, '')[:150]!r}")
                continue
            shown_judged += 1
            tp += labels[p]
            if x[1] != y[1]:
                shown_w += 1
                tp_w += labels[p]
            if not labels[p]:
                wrong.append([s.name, list(x), list(y)])
                if label:
                    print(f"x {s.name}: {found[x][:70]!r} ~ {found[y][:70]!r}")
    return {
        "precision": round(tp / shown_judged, 3) if shown_judged else None,
        "recall": round(tp / gold_same, 3) if gold_same else None,
        "pairs shown": shown_judged + unjudged,
        "pairs shown, judged": shown_judged,
        "pairs shown, same": tp,
        "gold same pairs": gold_same,
        "other wordings: precision": round(tp_w / shown_w, 3) if shown_w else None,
        "other wordings: recall": round(tp_w / same_w, 3) if same_w else None,
        "other wordings: shown, same, gold same": [shown_w, tp_w, same_w],
        "wrong pairs (story, quote, quote)": wrong,
    }


def main(argv: Sequence[str] | None = None) -> int:
    from storyline.compare import quotes

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--label", action="store_true", help="list the system pairs the gold does not judge")
    args = ap.parse_args(argv)
    stories = load_gold(GOLD)
    gold = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    bar, join = quotes.MIN_SHARED, quotes.JOIN_SHARED
    settings = {
        "before: no content check, one version per passage": (0.0, False, 0.0),
        "content check": (bar, False, 0.0),
        "content check, one version per outlet": (bar, True, 0.0),
        "and the speaker's other words join (default)": (bar, True, join),
        **{f"bar {b}, one version per outlet, no join": (b, True, 0.0) for b in BARS},
        **{f"bar {bar}, one version per outlet, join {j}": (bar, True, j) for j in JOINS},
    }
    default = (quotes.MIN_SHARED, quotes.ONE_PER_OUTLET, quotes.JOIN_SHARED)
    listed: set[Pair] = set()
    res: dict[str, Any] = {"gold": str(PAIRS.relative_to(HERE.parent)), "in-sample": True, "settings": {}}
    try:
        for name, (b, one, j) in settings.items():
            quotes.MIN_SHARED, quotes.ONE_PER_OUTLET, quotes.JOIN_SHARED = b, one, j
            r = score(stories, gold, label=args.label, listed=listed)
            res["settings"][name] = r
            print(
                f"{name:55} P {r['precision']}  R {r['recall']}  shown {r['pairs shown']} "
                f"(judged {r['pairs shown, judged']}, same {r['pairs shown, same']}; "
                f"gold same {r['gold same pairs']}); "
                f"other wordings P {r['other wordings: precision']} R {r['other wordings: recall']} "
                f"{r['other wordings: shown, same, gold same']}"
            )
    finally:
        quotes.MIN_SHARED, quotes.ONE_PER_OUTLET, quotes.JOIN_SHARED = default
    args.out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
