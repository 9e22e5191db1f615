"""Who published it: how often the outlet Storyline infers for a web page is the page's own site.

    python bench/outlets.py [--data ../shared/data/article-extraction-benchmark] [--out bench/results/outlets.json]

* Data: the article-extraction benchmark's 181 HTML pages (news and blog pages of many sites), each with its
  URL in ``ground-truth.json``. The URL is the gold: the outlet is right when it names the URL's site (the
  outlet table's name for a known domain, the registered domain, or its first label: "wsj" for wsj.com).
* Storyline reads each page as ``storyline ingest page.html`` does (the HTML reader: trafilatura's site name
  and URL, then the text's tell-tale lines) and names its outlet; per ``source_how``, how many it names and how
  many are right.
* Peers on the same pages: trafilatura's site name alone (no URL, no text rules), and Storyline's text rules
  alone — the outlet the page's extracted text names (copyright, byline, dateline, credit lines), as for a
  plain-text file that lost its metadata.
* Nothing here was tuned on these pages until the site-name rules of cfd40c9 (a site name that names no outlet,
  'Name | slogan', a known host's one name), which came of reading their outlets: figures since are in-sample
  for those rules (0.818 before them).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"


def _norm(value: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (value or "").lower().removeprefix("the "))


def gold_names(url: str) -> set[str]:
    """The names that count as the page's site: the outlet table's, the registered domain, its first label."""
    from storyline.ingest.formats.meta import registered_domain, source_from_url

    names = {source_from_url(url) or "", registered_domain(url) or ""}
    domain = registered_domain(url) or ""
    names.add(domain.split(".")[0])
    return {_norm(n) for n in names if _norm(n)}


def right(outlet: str | None, url: str) -> bool:
    """The outlet names the URL's site (equal after normalising, or one holds the other's site label)."""
    got = _norm(outlet)
    if not got:
        return False
    gold = gold_names(url)
    return any(got == g or (len(g) >= 3 and (g in got or got in g)) for g in gold)


def run(data: Path) -> dict[str, Any]:
    from trafilatura import extract_metadata

    from storyline.ingest.readers import read_file
    from storyline.pipeline import build_article

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for key, gold in sorted(truth.items()):
            page = data / "html" / f"{key}.html.gz"
            if not page.exists():
                continue
            html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
            path = Path(tmp) / f"{key}.html"
            path.write_text(html, encoding="utf-8")
            url = gold["url"]
            docs, _ = read_file(path)
            art = build_article(docs[0]) if docs else None
            meta = extract_metadata(html)
            site = getattr(meta, "sitename", None) if meta else None
            text_only = build_article(type(docs[0])(path=str(path), text=docs[0].text, fmt="txt")) if docs else None
            rows.append(
                {
                    "page": key,
                    "url": url,
                    "outlet": art.source if art else None,
                    "how": art.source_how if art else None,
                    "why": art.source_why if art else None,
                    "right": right(art.source if art else None, url),
                    "trafilatura_sitename": site,
                    "trafilatura_right": right(site, url),
                    "text_only": text_only.source if text_only else None,
                    "text_only_why": text_only.source_why if text_only else None,
                    "text_only_right": right(text_only.source if text_only else None, url),
                }
            )
    n = len(rows)

    def share(k: int) -> float:
        return round(k / n, 3) if n else 0.0

    def system(named_key: str, right_key: str) -> dict[str, Any]:
        named = sum(1 for r in rows if r[named_key])
        ok = sum(1 for r in rows if r[right_key])
        return {
            "named": named,
            "right": ok,
            "accuracy": share(ok),
            "precision_when_named": round(ok / named, 3) if named else None,
        }

    by_how: dict[str, dict[str, int]] = {}
    for r in rows:
        d = by_how.setdefault(str(r["how"]), {"pages": 0, "right": 0})
        d["pages"] += 1
        d["right"] += int(r["right"])
    return {
        "data": "article-extraction-benchmark (181 HTML pages, the URL of each as the gold)",
        "pages": n,
        "seconds": round(time.perf_counter() - t0, 1),
        "storyline": system("outlet", "right"),
        "storyline_by_source_how": by_how,
        "trafilatura_sitename_alone": system("trafilatura_sitename", "trafilatura_right"),
        "storyline_text_rules_alone": system("text_only", "text_only_right"),
        "wrong_examples": [
            {k: r[k] for k in ("url", "outlet", "how", "why")} for r in rows if r["outlet"] and not r["right"]
        ][:15],
        "text_rule_examples": [
            {k: r[k] for k in ("url", "text_only", "text_only_why", "text_only_right")} for r in rows if r["text_only"]
        ][:15],
        "hows": dict(Counter(str(r["how"]) for r in rows)),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "outlets.json")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        sys.exit(f"no article-extraction benchmark at {args.data}")
    res = run(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{res['pages']} pages ({res['seconds']} s)")
    for name in ("storyline", "trafilatura_sitename_alone", "storyline_text_rules_alone"):
        s = res[name]
        print(
            f"{name:28s} names {s['named']:3d}, right {s['right']:3d}: accuracy {s['accuracy']:.3f}, "
            f"precision when named {s['precision_when_named']}"
        )
    for how, d in sorted(res["storyline_by_source_how"].items()):
        print(f"  source_how {how:9s} {d['pages']:3d} pages, {d['right']:3d} right")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
