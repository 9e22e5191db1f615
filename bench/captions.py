"""Photo captions in scraped bodies: which the cleaner cuts, and whether any article prose goes with them.

    python bench/captions.py [--data ../shared/data/polnear/data] [--out FILE] [--list]

* Data: PolNeAR's texts (``*/text/*.txt``, political news of 2015–16 scraped as plain text; HuffPost's keep their
  photos' credit lines and captions in the body), each read as ``storyline ingest`` reads a ``.txt`` file.
* Gold: ``bench/data/captions/polnear.json`` (format in that folder's README): spans of the texts by character
  offsets, labelled ``caption``, ``credit`` (a photo's credit line) or ``prose`` (article text right beside a
  credit line, which must stay). Every line the caption pass or the credit rules cut in PolNeAR was read and
  labelled, and so was every paragraph right below a bare credit line.
* Figures, with the caption pass (:mod:`storyline.ingest.captions`) and without it, side by side: captions and
  credit lines cut of those labelled, prose cut (each one a defect), and cuts of the caption pass no label covers
  (``--list`` prints them: to read and label), with the number of texts the pass changes.
* The pass's signs were read on PolNeAR and on the even half of the article-extraction benchmark
  (``bench/extraction.py``): every figure here is in-sample.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "data"
GOLD = ROOT / "bench" / "data" / "captions" / "polnear.json"
DEFAULT_OUT = ROOT / "bench" / "results" / "captions.json"
CUT = {"caption", "photo-credit"}

Span = tuple[str, int, int]  # file (relative to the data folder), start, end


def cuts(data: Path, with_pass: bool) -> tuple[dict[str, list[Span]], dict[str, str]]:
    """Per reason in :data:`CUT`, the spans the cleaner cuts; and each text's cleaned body."""
    from storyline.ingest import clean
    from storyline.ingest.readers import read_file
    from storyline.pipeline import build_article

    saved = clean.mark_captions
    if not with_pass:
        clean.mark_captions = lambda blocks, keep=None: None
    out: dict[str, list[Span]] = {r: [] for r in CUT}
    bodies: dict[str, str] = {}
    try:
        for path in sorted(data.glob("*/text/*.txt")):
            rel = str(path.relative_to(data))
            raw = path.read_text(encoding="utf-8")
            docs, _ = read_file(path)
            article = build_article(docs[0])
            bodies[rel] = article.text
            for r in article.removed:
                start = raw.find(r.text)
                if r.reason in CUT and start >= 0:
                    out[r.reason].append((rel, start, start + len(r.text)))
    finally:
        clean.mark_captions = saved
    return out, bodies


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def score(found: dict[str, list[Span]], labels: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Labelled spans cut and kept, by label; the caption pass's cuts no label covers."""
    spans = [((d["file"], d["start"], d["end"]), d["label"]) for d in labels]
    every = [s for r in CUT for s in found[r]]
    res: dict[str, Any] = {}
    for label in ("caption", "credit", "prose"):
        mine = [s for s, lab in spans if lab == label]
        res[label] = {"labelled": len(mine), "cut": sum(any(_overlaps(s, c) for c in every) for s in mine)}
    res["caption_cuts_unlabelled"] = [c for c in found["caption"] if not any(_overlaps(c, s) for s, _ in spans)]
    return res


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--list", action="store_true", help="print the caption cuts no label covers")
    args = ap.parse_args(argv)
    if not any(args.data.glob("*/text/*.txt")):
        print(f"no PolNeAR texts under {args.data}: pass --data DIR", file=sys.stderr)
        return 2
    labels = json.loads(GOLD.read_text(encoding="utf-8"))["labels"]
    before, before_bodies = cuts(args.data, with_pass=False)
    after, after_bodies = cuts(args.data, with_pass=True)
    result: dict[str, Any] = {
        "data": {"texts": len(after_bodies), "gold": str(GOLD.relative_to(ROOT)), "in-sample": True},
        "texts_changed_by_the_pass": sum(after_bodies[k] != before_bodies[k] for k in after_bodies),
        "without the caption pass": score(before, labels),
        "with the caption pass": score(after, labels),
    }
    print(f"{result['data']['texts']} texts; the caption pass changes {result['texts_changed_by_the_pass']}")
    for name in ("without the caption pass", "with the caption pass"):
        r = result[name]
        print(
            f"{name:<26} captions cut {r['caption']['cut']} of {r['caption']['labelled']}, credit lines"
            f" {r['credit']['cut']} of {r['credit']['labelled']}, prose cut {r['prose']['cut']} of"
            f" {r['prose']['labelled']} (defects), caption cuts unlabelled {len(r['caption_cuts_unlabelled'])}"
        )
    if args.list:
        for rel, start, end in result["with the caption pass"]["caption_cuts_unlabelled"]:
            print(f"  {rel} [{start}:{end}]")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
