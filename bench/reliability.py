"""Malformed input at scale: every bad file named with a reason, no good file lost, memory bounded.

    python bench/reliability.py [--bad N] [--good N] [--seed S] [--no-probes]

Generates, in a temporary folder, ``--bad`` malformed files (default 1,200) spread over every reader and
every way a file goes wrong — binary data under text names, empty and blank files, truncated and corrupt
gzip, gzip and WARC decompression bombs, endless lines, JSON nested 100,000 deep, records over the limit,
texts over ``ingest.max_chars``, broken feeds, head-only pages, near-empty texts, odd and hostile file names,
symbolic-link loops, broken links, pipes, folders that link back up the tree — mixed with ``--good`` good
files (default 150: plain text, HTML, JSON, JSON Lines, RSS, WARC, plus recoverable oddities such as UTF-8
with stray bytes, Latin-1 text, odd names). Everything is generated from the seed; nothing is downloaded.

Then it ingests the folder with the Python API (``storyline.Corpus(db).ingest``) in a child process and
checks, file by file: each bad file has at least one error naming it (a path starting with the file's),
each good file has an article stored, each mixed file (good records beside bad ones) both. Reported: files
named with a reason, good files kept, the error codes seen, peak resident memory (``ru_maxrss``) beside the
memory after loading the model, and wall time.

Probes (each in its own child process, so its peak memory is its own): a 1 GB-expanding ``.warc.gz`` with
one endless header line, and a 400,000-character text ingested with ``ingest.max_chars`` raised (parsed in
pieces). Results go to bench/results/reliability.json. Nothing here is tuned: the limits are the defaults.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "reliability.json"
MB = 1_000_000

# ------------------------------------------------------------------------------------------ good text

TOWNS = ["Riverton", "Harlow", "Aldmoor", "Kestrel Bay", "Northfield", "Lanmere", "Ossington", "Brackwater"]
PEOPLE = ["Dana Whitfield", "Omar Haddad", "Lena Kowalski", "Peter Mbeki", "Sofia Lindqvist", "Ravi Menon"]
ROLES = ["Mayor", "council leader", "union spokeswoman", "fire chief", "port director", "health minister"]
THINGS = ["bridge", "hospital wing", "ferry line", "water plant", "rail depot", "school", "sea wall"]
EVENTS = ["would open", "was delayed", "ran over budget", "was approved", "was closed for repairs"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October"]


def article(rng: random.Random, i: int) -> tuple[str, str]:
    """A short made-up news article (headline, body), distinct for each ``i``."""
    town, person, role = rng.choice(TOWNS), rng.choice(PEOPLE), rng.choice(ROLES)
    thing, event, month = rng.choice(THINGS), rng.choice(EVENTS), rng.choice(MONTHS)
    cost, day = rng.randint(2, 900), rng.randint(1, 28)
    head = f"{town} {thing} {event} ({i})"
    body = (
        f"Officials in {town} said on {month} {day}, 2024, that the new {thing} {event}, in a statement "
        f"released after a council meeting that ran late into the evening.\n"
        f'"We owe the people of {town} a straight answer," said {role} {person}, who has followed the project '
        f"since it was first proposed.\n"
        f"The work has cost ${cost} million so far, about {rng.randint(3, 40)} percent more than planned, "
        f"according to figures published by the council. Item {i} of the series.\n"
        f"Residents have waited {rng.randint(2, 12)} years for the {thing}, and local businesses said the "
        f"delay had cost them trade.\n"
    )
    return head, body


# ------------------------------------------------------------------------------------------ cases


@dataclass(slots=True)
class Case:
    path: str  # relative to the input folder
    category: str
    expect: str  # bad | good | mixed


Maker = Callable[[Path, random.Random, int], list[Case]]


def write(root: Path, rel: str, data: bytes | str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def stream_gzip(path: Path, head: bytes, filler: bytes, total: int) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = filler * max(1, (1 << 20) // len(filler))
    with path.open("wb") as out:
        out.write(z.compress(head))
        for _ in range(total // len(block)):
            out.write(z.compress(block))
        out.write(z.flush())


def html_page(head: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p)
    return f"<html><head><title>{head}</title></head><body><article>{paras}</article></body></html>"


def warc(records: list[tuple[str, str, bytes]], gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, status, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def rss(items: list[tuple[str, str]], *, full: bool = True) -> str:
    entries = "".join(
        f"<item><title>{h}</title>"
        + (
            f"<content:encoded><![CDATA[{html_page(h, b)}]]></content:encoded>"
            if full
            else "<description>Teaser.</description>"
        )
        + "<pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate></item>"
        for h, b in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Valley News</title>{entries}</channel></rss>"
    )


MAGIC = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x7fELF\x02\x01", b"GIF89a", b"\xff\xd8\xff\xe0"]
TEXT_NAMES = [".txt", ".html", ".json", ".jsonl", ".xml", ""]


def bad_binary(root: Path, rng: random.Random, i: int) -> list[Case]:
    ext = TEXT_NAMES[i % len(TEXT_NAMES)]
    if i % 2:
        data = rng.choice(MAGIC) + rng.randbytes(rng.randint(100, 5000))
    else:
        data = bytes(rng.choice([0, 0, 1, 2, 255, 254, 7]) for _ in range(rng.randint(200, 3000)))
    return [Case(str(write(root, f"binary/b{i}{ext}", data).relative_to(root)), "binary", "bad")]


def bad_empty(root: Path, rng: random.Random, i: int) -> list[Case]:
    data = b"" if i % 2 else rng.choice([b" ", b"\n\n\t ", b"\r\n" * 50, b"\x00\x00 \n"])
    path = write(root, f"empty/e{i}{TEXT_NAMES[i % 4]}", data)
    return [Case(str(path.relative_to(root)), "empty or blank", "bad")]


def bad_gzip(root: Path, rng: random.Random, i: int) -> list[Case]:
    head, body = article(rng, 10_000 + i)
    packed = gzip.compress(f"{head}\n\n{body}".encode())
    kind = i % 3
    data = (
        packed[: len(packed) // 2]
        if kind == 0
        else packed[:10] + rng.randbytes(50)
        if kind == 1
        else b"\x1f\x8b" + b"junk"
    )
    return [Case(str(write(root, f"gzip/g{i}.txt.gz", data).relative_to(root)), "truncated or corrupt gzip", "bad")]


BOMB: dict[str, bytes] = {}


def bad_bomb(root: Path, rng: random.Random, i: int) -> list[Case]:
    """Gzip bombs under every packed name (30 MB of one byte; made once, copied)."""
    if "gz" not in BOMB:
        tmp = root / ".bomb.gz"
        stream_gzip(tmp, b"", b"\x20", 30 * MB)
        BOMB["gz"] = tmp.read_bytes()
        tmp.unlink()
        tmp = root / ".bomb.warc.gz"
        stream_gzip(tmp, b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ", b"A", 40 * MB)
        BOMB["warc"] = tmp.read_bytes()
        tmp.unlink()
    name = [".txt.gz", ".html.gz", ".json.gz", ".warc.gz", ".jsonl.gz"][i % 5]
    data = BOMB["warc"] if name == ".warc.gz" else BOMB["gz"]
    return [Case(str(write(root, f"bombs/z{i}{name}", data).relative_to(root)), "decompression bomb", "bad")]


def bad_huge(root: Path, rng: random.Random, i: int) -> list[Case]:
    """Texts over ingest.max_chars, JSON Lines records over the record limit, endless WARC lines."""
    kind = i % 3
    if kind == 0:
        head, body = article(rng, 20_000 + i)
        data = (head + "\n\n" + (body * (1_100_000 // len(body) + 1))).encode()
        return [Case(str(write(root, f"huge/t{i}.txt", data).relative_to(root)), "text over max_chars", "bad")]
    if kind == 1:
        line = json.dumps({"title": "Huge", "text": "word " * 1_100_000})
        return [Case(str(write(root, f"huge/r{i}.jsonl", line + "\n").relative_to(root)), "record over limit", "bad")]
    path = root / f"huge/w{i}.warc.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    stream_gzip(path, b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ", b"B", 22 * MB)
    return [Case(str(path.relative_to(root)), "endless WARC line", "bad")]


def bad_encoding(root: Path, rng: random.Random, i: int) -> list[Case]:
    kind = i % 3
    if kind == 0:  # mostly control characters
        data = bytes(rng.choice(range(1, 9)) for _ in range(2000)) + b"a few words"
    elif kind == 1:  # odd-length UTF-16 with a BOM, cut mid-character
        data = "\ufeffBroken".encode("utf-16-le")[:-1] + b"\xd8"
    else:  # random high bytes: no encoding makes them text
        data = bytes(rng.choice(range(0x80, 0x100)) for _ in range(3000))
    return [Case(str(write(root, f"encoding/x{i}.txt", data).relative_to(root)), "undecodable bytes", "bad")]


def bad_json(root: Path, rng: random.Random, i: int) -> list[Case]:
    kind = i % 6
    if kind == 0:
        data = "[" * 100_000 + "]" * 100_000
    elif kind == 1:
        data = '{"title": "Cut short", "text": "The council'
    elif kind == 2:
        data = json.dumps({"title": "No text here", "author": "Nobody"})
    elif kind == 3:
        data = json.dumps([1, 2, 3])
    elif kind == 4:
        data = json.dumps({"articles": []})
    else:
        data = "\n".join("{broken line " + str(n) for n in range(30))
    ext = ".jsonl" if kind == 5 else ".json"
    return [Case(str(write(root, f"json/j{i}{ext}", data).relative_to(root)), "bad JSON", "bad")]


def bad_feed(root: Path, rng: random.Random, i: int) -> list[Case]:
    kind = i % 4
    if kind == 0:
        data = '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut'
    elif kind == 1:
        data = '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    elif kind == 2:
        data = (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title>'
            "</channel></rss>"
        )
    else:
        data = rss([article(rng, 30_000 + i)], full=False)  # summary-only: a notice (E131)
    return [Case(str(write(root, f"feeds/f{i}.xml", data).relative_to(root)), "broken or empty feed", "bad")]


def bad_html(root: Path, rng: random.Random, i: int) -> list[Case]:
    kind = i % 3
    if kind == 0:
        data = f"<html><head><title>Only a head {i}</title><meta name='description' content='words'></head></html>"
    elif kind == 1:
        data = f"<html><body><script>document.write('{i}')</script><nav><a href='/{i}'>Home</a></nav></body></html>"
    else:
        data = f"<!doctype html><html><head><title>Blank {i}</title></head><body>   </body></html>"
    return [Case(str(write(root, f"html/h{i}.html", data).relative_to(root)), "HTML without text", "bad")]


def bad_short(root: Path, rng: random.Random, i: int) -> list[Case]:
    kind = i % 3
    data = (
        bytes([rng.choice(b"AZ.-=#")]) * (100_000 + i)
        if kind == 0
        else f"Headline {i}\n".encode()
        if kind == 1
        else f"Headline\n\nShort {i}.\n".encode()
    )
    return [Case(str(write(root, f"short/s{i}.txt", data).relative_to(root)), "near-empty text", "bad")]


def bad_warc(root: Path, rng: random.Random, i: int) -> list[Case]:
    kind = i % 3
    if kind == 0:
        data = warc([("https://example.org/gone", "404 Not Found", b"<html>gone</html>")], gzipped=True)
    elif kind == 1:
        data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ncut"
    else:
        data = gzip.compress(b"not a warc at all\n" * 20)
    return [Case(str(write(root, f"warc/w{i}.warc.gz", data).relative_to(root)), "broken WARC", "bad")]


def bad_links(root: Path, rng: random.Random, i: int) -> list[Case]:
    """Symbolic-link loops, broken links, pipes, a folder linking back up the tree."""
    folder = root / "links" / f"l{i}"
    folder.mkdir(parents=True, exist_ok=True)
    kind = i % 4
    if kind == 0:
        (folder / "loop.txt").symlink_to("loop.txt")
        return [Case(f"links/l{i}/loop.txt", "symbolic-link loop", "bad")]
    if kind == 1:
        (folder / "dangling.txt").symlink_to("missing.txt")
        return [Case(f"links/l{i}/dangling.txt", "broken link", "bad")]
    if kind == 2:
        os.mkfifo(folder / "pipe.txt")
        return [Case(f"links/l{i}/pipe.txt", "pipe", "bad")]
    (folder / "up").symlink_to("..")
    return [Case(f"links/l{i}/up", "folder link loop", "bad")]


ODD = [
    "space name",
    "ünïcödé",
    "emoji-\U0001f4f0",
    "tab\tname",
    "newline\nname",
    "esc\x1b[2J",
    "-dash",
    "[bold]x",
    "a" * 200,
]


def bad_odd_names(root: Path, rng: random.Random, i: int) -> list[Case]:
    """Hostile names on bad content (the error must still name the file)."""
    name = f"odd/{ODD[i % len(ODD)]}-{i}.txt"
    return [
        Case(str(write(root, name, rng.choice(MAGIC) + rng.randbytes(64)).relative_to(root)), "odd name, binary", "bad")
    ]


BAD: list[tuple[Maker, int]] = [
    (bad_binary, 14),
    (bad_empty, 8),
    (bad_gzip, 8),
    (bad_bomb, 3),
    (bad_huge, 2),
    (bad_encoding, 8),
    (bad_json, 12),
    (bad_feed, 8),
    (bad_html, 8),
    (bad_short, 8),
    (bad_warc, 6),
    (bad_links, 8),
    (bad_odd_names, 7),
]
"""Makers of bad files, with their weights (share of ``--bad``)."""


def good_files(root: Path, rng: random.Random, n: int) -> list[Case]:
    """Good files of every format, and recoverable oddities (each must give at least one article)."""
    cases: list[Case] = []
    for i in range(n):
        head, body = article(rng, i)
        kind = i % 10
        if kind == 0:
            rel = f"good/a{i}.txt"
            write(root, rel, f"{head}\n\n{body}")
        elif kind == 1:
            rel = f"good/a{i}.html"
            write(root, rel, html_page(head, body))
        elif kind == 2:
            rel = f"good/a{i}.json"
            write(root, rel, json.dumps({"title": head, "text": body, "published": "2024-05-07"}))
        elif kind == 3:
            rel = f"good/a{i}.jsonl"
            h2, b2 = article(rng, 50_000 + i)
            write(
                root,
                rel,
                json.dumps({"title": head, "text": body}) + "\n" + json.dumps({"title": h2, "text": b2}) + "\n",
            )
        elif kind == 4:
            rel = f"good/a{i}.xml"
            write(root, rel, rss([(head, body)]))
        elif kind == 5:
            rel = f"good/a{i}.warc.gz"
            write(root, rel, warc([(f"https://news.example.org/{i}", "200 OK", html_page(head, body).encode())], True))
        elif kind == 6:  # UTF-8 with a few stray bytes: kept, with a warning
            data = bytearray(f"{head}\n\n{body}“Quoted,” she said — twice.\n".encode())
            for k in range(3):
                data[len(head) + 30 + 40 * k] = 0xFF
            rel = f"good/u{i}.txt"
            write(root, rel, bytes(data))
        elif kind == 7:  # Latin-1 text
            rel = f"good/l{i}.txt"
            write(
                root, rel, f"{head}\n\nSeñor García of Córdoba said the façade would reopen.\n{body}".encode("latin-1")
            )
        elif kind == 8:  # odd names on good content
            rel = f"good/{ODD[i % len(ODD)]}-{i}.txt"
            write(root, rel, f"{head}\n\n{body}")
        else:  # packed text
            rel = f"good/a{i}.txt.gz"
            write(root, rel, gzip.compress(f"{head}\n\n{body}".encode()))
        cases.append(Case(rel, "good", "good"))
    # mixed: good records beside bad ones in one file
    for i in range(max(2, n // 20)):
        head, body = article(rng, 60_000 + i)
        rel = f"mixed/m{i}.jsonl"
        write(root, rel, json.dumps({"title": head, "text": body}) + "\n{broken\n" + "[" * 50_000 + "\n")
        cases.append(Case(rel, "good and bad records", "mixed"))
        rel = f"mixed/w{i}.warc.gz"
        page = html_page(head, body.replace("Item", "WARC item"))
        good = warc([(f"https://news.example.org/m{i}", "200 OK", page.encode())], True)
        write(root, rel, good + BOMB.get("warc", b"\x1f\x8bbroken"))
        cases.append(Case(rel, "good records before a bomb", "mixed"))
    return cases


def make_inputs(root: Path, n_bad: int, n_good: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    weights = sum(w for _, w in BAD)
    cases: list[Case] = []
    for maker, weight in BAD:
        for i in range(max(1, round(n_bad * weight / weights))):
            cases += maker(root, rng, i)
    return cases + good_files(root, rng, n_good)


# ------------------------------------------------------------------------------------------ running


def ingest_child(root: str, db: str) -> None:
    """Child process: load the model, ingest ``root``, print a JSON summary (paths of articles and errors)."""
    from storyline.analyse.nlp import load_nlp
    from storyline.api import Corpus
    from storyline.config import load_config

    cfg = load_config(env={})
    load_nlp(cfg.nlp_model)
    rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    with Corpus(db, cfg) as corpus:
        rep = corpus.ingest(root)
        arts = [a.path for a in corpus.articles()]
        problems = corpus.store.check()
        stories = len(corpus.stories)
    wall = time.perf_counter() - t
    print(
        json.dumps(
            {
                "articles": arts,
                "errors": [{"path": e.path, "code": e.code, "reason": e.reason} for e in rep.errors],
                "files": rep.files,
                "stories": stories,
                "store_problems": problems,
                "wall_s": round(wall, 1),
                "rss_after_model_mb": round(rss_model),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


def probe_child(kind: str, folder: str) -> None:
    """Child process: one probe, printing its wall time, peak RSS and what came of it."""
    from storyline.api import Corpus
    from storyline.config import load_config

    root = Path(folder)
    if kind == "warc-bomb":
        stream_gzip(root / "bomb.warc.gz", b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ", b"A", 1000 * MB)
        cfg = load_config(env={})
    else:
        _, body = article(random.Random(1), 1)
        text = "A very long file\n\n" + "\n".join(
            body.replace("Item 1", f"Item {k}") for k in range(400_000 // len(body))
        )
        (root / "long.txt").write_text(text, encoding="utf-8")
        cfg = load_config(env={}, overrides={"ingest.max_chars": 2_000_000})
    packed = sum(f.stat().st_size for f in root.iterdir())
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    with Corpus(":memory:", cfg) as corpus:
        rep = corpus.ingest(root)
        n = len(corpus.articles())
        chars = sum(len(a.text) for a in corpus.articles())
    print(
        json.dumps(
            {
                "probe": kind,
                "input_bytes": packed,
                "articles": n,
                "chars": chars,
                "errors": [f"{e.code}: {e.reason}" for e in rep.errors],
                "wall_s": round(time.perf_counter() - t, 1),
                "rss_before_mb": round(rss0),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


def child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def judge(root: Path, cases: list[Case], run: dict[str, Any]) -> dict[str, Any]:
    """Each case against what the ingest did."""
    arts = [str(p) for p in run["articles"]]
    errors = run["errors"]
    named: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    missed: list[str] = []
    lost: list[str] = []
    unexpected: list[str] = []
    for c in cases:
        full = str(root / c.path)
        has_error = any(e["path"] == full or e["path"].startswith(full + "#") for e in errors)
        has_article = any(a == full or a.startswith(full + "#") for a in arts)
        if c.expect in ("bad", "mixed"):
            if has_error:
                named[c.category] += 1
            else:
                missed.append(c.path)
        if c.expect in ("good", "mixed"):
            if has_article:
                kept[c.category] += 1
            else:
                lost.append(c.path)
        if c.expect == "bad" and has_article:
            unexpected.append(c.path)
    bad = [c for c in cases if c.expect == "bad"]
    good = [c for c in cases if c.expect in ("good", "mixed")]
    return {
        "bad_files": len(bad),
        "bad_files_named": sum(1 for c in bad if c.path not in missed),
        "bad_files_not_named": missed[:20],
        "bad_files_stored_as_articles": unexpected[:20],
        "good_files": len(good),
        "good_files_kept": len(good) - len(lost),
        "good_files_lost": lost[:20],
        "mixed_files_named": sum(1 for c in cases if c.expect == "mixed" and c.path not in missed),
        "by_category": {
            cat: {"files": n, "named": named[cat], "kept": kept[cat]}
            for cat, n in sorted(Counter(c.category for c in cases).items())
        },
        "error_codes": dict(sorted(Counter(e["code"] for e in errors).items())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bad", type=int, default=1200, help="malformed files to generate")
    ap.add_argument("--good", type=int, default=150, help="good files to generate")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-probes", action="store_true", help="skip the bomb and long-text probes")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-reliability-") as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        t = time.perf_counter()
        cases = make_inputs(root, args.bad, args.good, args.seed)
        made = time.perf_counter() - t
        on_disk = sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and not f.is_symlink())
        print(f"generated {len(cases)} files ({on_disk / MB:.0f} MB) in {made:.1f} s", file=sys.stderr)
        run = child("--child-ingest", str(root), str(Path(tmp) / "s.db"))
        verdict = judge(root, cases, run)
        probes = []
        if not args.no_probes:
            for kind in ("warc-bomb", "long-text"):
                folder = Path(tmp) / kind
                folder.mkdir()
                probes.append(child("--child-probe", kind, str(folder)))
    result = {
        "what": "malformed inputs mixed with good ones, ingested with the Python API (defaults, nothing tuned)",
        "seed": args.seed,
        "files": len(cases),
        **verdict,
        "files_read": run["files"],
        "articles_stored": len(run["articles"]),
        "stories": run["stories"],
        "store_problems_after": run["store_problems"],
        "ingest_wall_s": run["wall_s"],
        "rss_after_model_mb": run["rss_after_model_mb"],
        "peak_rss_mb": run["peak_rss_mb"],
        "probes": probes,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("by_category",)}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-ingest":
        ingest_child(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-probe":
        probe_child(sys.argv[2], sys.argv[3])
    else:
        main()
