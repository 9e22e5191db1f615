"""Article body extraction: how much of a web page's article text Storyline keeps, and how much chrome.

    python bench/extraction.py [--data ../shared/data/article-extraction-benchmark] [--out FILE]
                               [--bootstrap 1000] [--worst 15]

* Data: the article-extraction benchmark's 181 HTML pages (news and blog pages of many sites), each with the
  article body written by hand in ``ground-truth.json``, and 14 peer systems' outputs in ``output/*.json``.
  Nothing in Storyline was tuned on these pages, but for three rules that came of reading them: the cleaner's
  capital-tagged link lines ('… [INSIGHT]', b6d9182) and the pruned pop-up classes (3bb7302); they moved F1
  0.966 -> 0.968 (odd half 0.955 -> 0.956); and a link line naming the outlet's own site ('Also on rt.com
  <headline>'), seen in one page's output: pages at F1 ≥ 0.9 0.917 -> 0.923, F1 unchanged at 0.968.
* Metric: the benchmark's own (its ``evaluate.py``): word 4-gram shingles of the gold and of the extracted
  body; per page the true-positive, false-positive and false-negative counts, normalised so that every page
  weighs the same; precision and recall are means over pages, F1 is their harmonic mean. 95 % intervals by
  bootstrap over pages (fixed seed). Written here from its definition, not copied.
* Systems, all on the same pages:
    - ``storyline``: the article text ``storyline ingest page.html`` stores (trafilatura's main text, then
      Storyline's cleaner: chrome lines, teasers, datelines, the title line);
    - ``storyline reader only``: the HTML reader's text before the cleaner (what trafilatura gave, with
      Storyline's fallbacks);
    - ``trafilatura (installed, defaults)`` and ``… favor_precision``: the installed trafilatura run directly;
    - the peers' stored outputs (versions as the benchmark ran them).
* The plain-text path on the same pages: each page's whole text as a scraper saves it (the ``html-text``
  peer's output: every text node, menus and footers included) read as a ``.txt`` file, through Storyline's
  cleaner with and without its page-chrome pass (:mod:`storyline.ingest.page_chrome`), beside that whole text;
  and whether the headline it finds there is the page's own title (the HTML metadata title, a silver gold:
  the same words, an outlet's name beside it allowed).
* ``--worst`` lists the pages where the cleaner loses most against the reader alone (page ids and figures
  only; the texts stay in the benchmark's folder).
* Halves: the pages in sorted order, taken alternately. The cleaner's losses are read, and the page-chrome
  pass's four settings chosen, on the even pages only (the rule that a data table's rows are not a menu came
  of that reading); the odd pages are the held-out half.
* A third reading of the even pages' plain text (the kept lines not in the gold, the lost gold lines, by
  kind) gave the page-chrome pass its other languages' prose, its repeats, a widget heading that opened a
  comment thread, the header counted over the lines the rules cut and the cut blocks' weight below the body,
  and the cleaner its caption credits, newsletter and tip prompts, particulars lines ("Nov 18, 2019 • 2 min
  read"), byline pieces, a © inside a line, affiliate disclosures, and a headline its <h1> confirms, without the
  site's name: plain text F1, even half 0.876 -> 0.919 (tuned/in-sample), odd half, held out and scored once,
  0.872 -> 0.890 (P 0.795 -> 0.842, R 0.965 -> 0.943); the HTML path unchanged (odd half 0.957 -> 0.956).
  The headline comparison allows a site's name on either side (the reader now cuts it from the page's
  title): the old cleaner's headlines 119 -> 150 of 181 right by that alone, the new cleaner's 157 (odd half
  75 -> 77).
* Photo captions (:mod:`storyline.ingest.captions`: a one-sentence paragraph that two of three signs call a caption,
  a full date at its end, a name's verb in the present simple, a credit line beside it; a bare agency line beside a
  caption and "Jane Doe via Getty Images." cut as credits, and "[File: Reuters]" ending a caption), read on the even
  half and PolNeAR: plain text F1, even half 0.921 -> 0.922 (P 0.889 -> 0.891, R 0.955 -> 0.955, pages at F1 ≥ 0.9
  0.736 -> 0.758; tuned/in-sample), odd half, held out and scored once, 0.889 -> 0.890 (P 0.839 -> 0.841, R 0.944 ->
  0.944); the HTML path unchanged (no page's text changed on the even half).
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
DEFAULT_OUT = ROOT / "bench" / "results" / "extraction.json"
SHINGLE = 4  # words per shingle, as the benchmark scores
WHOLE_TEXT = "html-text"  # the peer that keeps every text node of the page: a scraped page's plain text
_WORD = re.compile(r"\w+")

Counts = tuple[float, float, float]  # true positives, false positives, false negatives, normalised per page


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The text's word n-grams with their counts (a text shorter than n words is one shingle).

    Example:
        >>> sorted(shingles("a b c d e", 4).values())
        [1, 1]
    """
    words = _WORD.findall(text or "")
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def page_counts(gold: str, got: str) -> Counts:
    """One page's shingle matches, normalised to sum to 1 (so a long page weighs as much as a short one).

    Example:
        >>> page_counts("the cat sat on the mat", "the cat sat on the mat")
        (1.0, 0.0, 0.0)
    """
    g, p = shingles(gold), shingles(got)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(c: Counts) -> float:
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(c: Counts) -> float:
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: Sequence[Counts]) -> dict[str, float]:
    """Mean precision and recall over pages (pages with nothing to score left out, as the benchmark does), F1
    of the two means, and the share of pages whose own F1 is at least 0.9."""
    p = statistics.mean([_precision(c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([_recall(c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    good = sum(1 for c in counts if _page_f1(c) >= 0.9) / len(counts) if counts else 0.0
    return {"f1": f1, "precision": p, "recall": r, "pages_f1_0.9": good}


def _page_f1(c: Counts) -> float:
    p, r = _precision(c), _recall(c)
    return 2 * p * r / (p + r) if p + r else 0.0


def with_intervals(counts: Sequence[Counts], rounds: int, seed: int = 0) -> dict[str, float]:
    """:func:`scores` with a 95 % bootstrap half-width for each figure (``<name>_ci``)."""
    out = scores(counts)
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {k: [] for k in out}
    for _ in range(rounds):
        sample = [counts[rng.randrange(len(counts))] for _ in counts]
        for k, v in scores(sample).items():
            draws[k].append(v)
    for k, vs in draws.items():
        if len(vs) > 1:
            out[f"{k}_ci"] = 1.96 * statistics.stdev(vs)
    return {k: round(v, 3) for k, v in out.items()}


# ------------------------------------------------------------------------------------------------ systems


def storyline_texts(pages: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Per page: the stored article text, the reader's text before cleaning, and any read error."""
    from storyline.ingest.readers import read_file
    from storyline.pipeline import build_article

    stored: dict[str, str] = {}
    reader: dict[str, str] = {}
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, html in pages.items():
            path = Path(tmp) / f"{key}.html"
            path.write_text(html, encoding="utf-8")
            docs, errs = read_file(path)
            if not docs:
                errors[key] = "; ".join(str(e) for e in errs) or "no document"
                stored[key] = reader[key] = ""
                continue
            reader[key] = docs[0].text
            stored[key] = build_article(docs[0]).text
    return stored, reader, errors


def plain_text_texts(page_texts: Mapping[str, str], whole_page: bool = True) -> dict[str, str]:
    """Per page: the article text Storyline keeps from the page's whole text read as a scraped ``.txt``
    file (the plain-text path: the cleaner alone, with or without its page-chrome pass)."""
    from storyline.ingest.clean import clean_text

    return {k: clean_text(t, whole_page=whole_page).text for k, t in page_texts.items()}


def page_titles(pages: Mapping[str, str]) -> dict[str, str]:
    """Each page's own title, as the HTML reader takes it from the page's metadata: the silver gold the
    headline found in the page's plain text is compared to."""
    from storyline.ingest.formats.webpage import extract_html

    return {k: extract_html(h).title or "" for k, h in pages.items()}


def plain_text_titles(page_texts: Mapping[str, str], whole_page: bool = True) -> dict[str, str]:
    """The headline the plain-text cleaner finds in each page's whole text."""
    from storyline.ingest.clean import clean_text

    return {k: clean_text(t, whole_page=whole_page).title or "" for k, t in page_texts.items()}


_TITLE_PART = re.compile(r"\s+(?:[|\-–—·•:/»]{1,2})\s+")


def _title_cores(title: str) -> list[str]:
    """The title, and the title without its first or last parts where separators (" - ", " | ") set them off
    and what is left is longer than what is cut: a site's name ("| Smart News | Smithsonian"), on either side."""
    parts = _TITLE_PART.split(title)
    out = [title]
    for n in range(1, len(parts)):
        for kept, cut in ((parts[:-n], parts[-n:]), (parts[n:], parts[:n])):
            if len(_WORD.findall(" ".join(kept))) > len(_WORD.findall(" ".join(cut))):
                out.append(" ".join(kept))
    return out


def _same_words(found: str, own: str) -> bool:
    got, gold = set(_WORD.findall(found.lower())), set(_WORD.findall(own.lower()))
    return bool(got) and len(got & gold) >= 0.8 * len(got) and len(got & gold) >= min(3, len(gold))


def same_title(found: str, own: str) -> bool:
    """The found headline is the page's title: at least 0.8 of its words are the title's, and it has three of
    them (or all, for a shorter title); an outlet's name beside the title in either is allowed (a part set off
    by a separator at either end, shorter than the rest: the reader cuts the site's name from the page's own
    title, a plain text's first line may keep it).

    Example:
        >>> same_title("Royal Self-Indicting Arrogance - Sputnik International", "Royal Self-Indicting Arrogance")
        True
        >>> same_title("Storm closes the port", "Storm closes the port - Harbour News")
        True
        >>> same_title("Editorial", "The view on the harbour: a city on the brink | Editorial")
        False
    """
    return any(_same_words(a, b) for a in _title_cores(found) for b in _title_cores(own))


def trafilatura_texts(pages: Mapping[str, str], precision: bool) -> dict[str, str]:
    """trafilatura's ``extract`` run directly (no comments, no tables' formatting), one setting."""
    from trafilatura import extract

    return {k: extract(h, include_comments=False, favor_precision=precision) or "" for k, h in pages.items()}


def peer_outputs(data: Path, keys: Sequence[str]) -> dict[str, dict[str, str]]:
    """The benchmark's stored outputs of other systems, by system name (files that miss a page are skipped)."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted((data / "output").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = raw.get("output", raw) if isinstance(raw, dict) else {}
        if all(k in items for k in keys):
            out[path.stem] = {k: (items[k] or {}).get("articleBody") or "" for k in keys}
    return out


def run(data: Path, rounds: int, worst: int) -> dict[str, Any]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for key in sorted(truth):
        page = data / "html" / f"{key}.html.gz"
        if page.exists():
            pages[key] = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
    keys = list(pages)
    gold = {k: truth[k].get("articleBody") or "" for k in keys}

    timings: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        result = fn()
        timings[name] = round(time.perf_counter() - t0, 1)
        return result

    titles: dict[str, dict[str, int]] = {}
    stored, reader, errors = timed("storyline", lambda: storyline_texts(pages))
    systems: dict[str, dict[str, str]] = {"storyline": stored, "storyline reader only": reader}
    systems["trafilatura (installed, defaults)"] = timed("trafilatura", lambda: trafilatura_texts(pages, False))
    systems["trafilatura (installed, favor_precision)"] = trafilatura_texts(pages, True)
    peers = peer_outputs(data, keys)
    systems.update({f"peer: {name}": texts for name, texts in peers.items()})
    if WHOLE_TEXT in peers:  # the page's whole text as a scraper saves it: the plain-text cleaner's task
        systems["storyline, page as plain text"] = timed("plain text", lambda: plain_text_texts(peers[WHOLE_TEXT]))
        systems["storyline, page as plain text, no page-chrome pass"] = plain_text_texts(peers[WHOLE_TEXT], False)
        own = page_titles(pages)
        for name, found in (
            ("with the page-chrome pass", plain_text_titles(peers[WHOLE_TEXT])),
            ("without it", plain_text_titles(peers[WHOLE_TEXT], False)),
        ):
            hits = [same_title(found[k], own[k]) for k in keys if own[k]]
            titles[name] = {"right": sum(hits), "of": len(hits), "even": sum(hits[0::2]), "odd": sum(hits[1::2])}

    counts = {name: [page_counts(gold[k], texts[k]) for k in keys] for name, texts in systems.items()}
    table = {name: with_intervals(c, rounds) for name, c in counts.items()}
    halves = {  # pages in sorted order, alternately: cleaner errors are read on the first half only
        half: {name: {k: round(v, 3) for k, v in scores(c[i::2]).items()} for name, c in counts.items()}
        for i, half in enumerate(("read (even pages)", "held out (odd pages)"))
    }
    loss = sorted(
        (
            (_page_f1(b) - _page_f1(a), k, a, b)
            for k, a, b in zip(keys, counts["storyline"], counts["storyline reader only"], strict=True)
        ),
        reverse=True,
    )
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "data": {
            "pages": len(keys),
            "gold": "ground-truth.json articleBody",
            "tuned_on": "two rules (b6d9182, 3bb7302); the plain-text path's rules and settings: the even half",
        },
        "metric": f"word {SHINGLE}-gram shingles, per-page normalised; mean P, mean R, F1 of the means",
        "seconds": timings,
        "read_errors": errors,
        "systems": dict(sorted(table.items(), key=lambda kv: -kv[1]["f1"])),
        "halves": halves,
        "plain_text_headline_is_the_page_title": titles,
        "cleaner_losses": [
            {
                "page": k,
                "reader_f1": round(_page_f1(b), 3),
                "storyline_f1": round(_page_f1(a), 3),
                "storyline_precision": round(_precision(a), 3),
                "storyline_recall": round(_recall(a), 3),
            }
            for d, k, a, b in loss[:worst]
            if d > 0
        ],
        "cleaner_gains": sum(1 for d, *_ in loss if d < 0),
        "cleaner_losses_count": sum(1 for d, *_ in loss if d > 0),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--worst", type=int, default=15)
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark at {args.data}: pass --data DIR (the folder with ground-truth.json)", file=sys.stderr)
        return 2
    result = run(args.data, args.bootstrap, args.worst)
    print(f"{'system':<52} {'F1':>13} {'precision':>13} {'recall':>13} {'pages F1≥0.9':>13}")
    for name, s in result["systems"].items():
        print(
            f"{name:<52} {s['f1']:.3f} ± {s.get('f1_ci', 0):.3f} {s['precision']:.3f} ± {s.get('precision_ci', 0):.3f}"
            f" {s['recall']:.3f} ± {s.get('recall_ci', 0):.3f} {s['pages_f1_0.9']:>13.3f}"
        )
    for half, by_name in result["halves"].items():
        shown = [
            n
            for n in (
                "storyline",
                "storyline reader only",
                "trafilatura (installed, favor_precision)",
                "storyline, page as plain text",
                "storyline, page as plain text, no page-chrome pass",
                f"peer: {WHOLE_TEXT}",
            )
            if n in by_name
        ]
        print(f"{half}: " + ", ".join(f"{n} F1 {by_name[n]['f1']:.3f}" for n in shown))
    for name, t in result["plain_text_headline_is_the_page_title"].items():
        print(f"plain-text headline is the page's title, {name}: {t['right']} of {t['of']} (odd half {t['odd']})")
    print(
        f"cleaner vs reader alone: worse on {result['cleaner_losses_count']} pages, "
        f"better on {result['cleaner_gains']}; read errors: {len(result['read_errors'])}"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
