"""Decompression bombs, endless lines and oversized records: refused while reading, naming file and limit.

Every bomb is generated here, streamed through ``zlib`` (a few hundred kB on disk at most).
"""

from __future__ import annotations

import gc
import gzip
import io
import json
import tracemalloc
import zlib
from pathlib import Path

import pytest

from storyline.ingest.formats import records
from storyline.ingest.readers import read_file

MB = 1_000_000
ARTICLE_URL = "https://news.example.org/2024/05/07/bridge"
PAGE = (
    b"<html><head><title>Bridge opens in June</title></head><body><article>"
    b"<p>Officials in Riverton said on Monday that the new bridge over the Mill River would open in June.</p>"
    b"<p>The project cost $42 million, about 8 percent more than the city council approved in 2021.</p>"
    b"</article></body></html>"
)


def build_warc(path: Path, *, gzipped: bool) -> None:
    """One HTML response with status 200 (the article) and a 404 beside it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, status, body in ((ARTICLE_URL, "200 OK", PAGE), (ARTICLE_URL + "x", "404 Not Found", b"gone")):
            headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def pack(path: Path, head: bytes, filler: bytes, total: int, tail: bytes = b"") -> Path:
    """Write ``head + filler * n + tail`` (``total`` bytes of filler) as one gzip member, streamed."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = filler * max(1, (1 << 20) // len(filler))
    with path.open("ab") as out:
        out.write(z.compress(head))
        for _ in range(total // len(block)):
            out.write(z.compress(block))
        out.write(z.compress(tail))
        out.write(z.flush())
    return path


def peak_mb(fn: object) -> float:
    tracemalloc.start()
    try:
        fn()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def test_gzip_text_bomb_is_refused_within_the_limit(tmp_path: Path) -> None:
    bomb = pack(tmp_path / "story.txt.gz", b"Headline\n\n", b"A" * 1000 + b"\n", 40 * MB)
    assert bomb.stat().st_size < MB
    found: list[object] = []
    peak = peak_mb(lambda: found.append(read_file(bomb, display_path="story.txt.gz", max_bytes=2 * MB)))
    docs, errors = found[0]  # type: ignore[misc]
    assert docs == [] and [(e.path, e.code) for e in errors] == [("story.txt.gz", "E107")]
    assert "over the 2 MB limit" in errors[0].reason
    assert peak < 20  # never more than the limit unpacked (40 MB before)


def test_warc_bomb_with_an_endless_header_line(tmp_path: Path) -> None:
    """Regression: a .warc.gz whose header line unpacked to 2 GB was read whole (6.3 GB of memory)."""
    bomb = pack(tmp_path / "crawl.warc.gz", b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ", b"A", 60 * MB)
    found: list[object] = []
    peak = peak_mb(lambda: found.append(read_file(bomb, display_path="crawl.warc.gz", max_bytes=MB)))
    docs, errors = found[0]  # type: ignore[misc]
    assert docs == [] and [(e.path, e.code) for e in errors] == [("crawl.warc.gz", "E107")]
    assert "ingest.max_bytes" in errors[0].reason or "ingest.max_ratio" in errors[0].reason
    assert peak < 30


def test_warc_bomb_by_ratio_keeps_the_records_before_it(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzipped=True)
    packed = path.stat().st_size
    pack(path, b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 900000000\r\n\r\n", b"B" * 99 + b"\n", 30 * MB)
    docs, errors = read_file(path, display_path="crawl.warc.gz", max_bytes=MB, max_ratio=50)
    assert [d.url for d in docs] == [ARTICLE_URL]
    (e,) = errors
    assert e.code == "E107" and e.path == "crawl.warc.gz"
    assert "50 times the packed size, ingest.max_ratio" in e.reason and "1 article(s) before it were read" in e.reason
    assert packed < path.stat().st_size < MB


def test_genuine_packed_files_still_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzipped=True)
    assert len(read_file(path)[0]) == 1
    text = tmp_path / "a.txt.gz"
    text.write_bytes(gzip.compress(b"Headline\n\nBody of the story.\n") + gzip.compress(b"Second member.\n"))
    (doc,), errors = read_file(text)
    assert errors == [] and doc.text.endswith("Second member.\n")


def test_broken_gzip_member_after_good_data(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzipped=True)
    with path.open("ab") as out:
        out.write(b"\x1f\x8b\x08\x00garbage that is not deflate")
    docs, errors = read_file(path, display_path="crawl.warc.gz")
    assert len(docs) == 1 and [e.code for e in errors] == ["E140"]
    assert "broken gzip stream" in errors[0].reason


def test_jsonl_record_over_the_record_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_RECORD_CHARS", 10_000)
    good = json.dumps({"title": "Bridge opens", "text": "The bridge opened on Monday."})
    huge = json.dumps({"title": "Huge", "text": "word " * 5_000})
    path = tmp_path / "dump.jsonl"
    path.write_text(f"{good}\n{huge}\n{good.replace('Monday', 'Tuesday')}\n", encoding="utf-8")
    docs, errors = read_file(path, display_path="dump.jsonl")
    assert [d.path for d in docs] == ["dump.jsonl#1", "dump.jsonl#3"]
    assert [(e.code, e.reason.split(":")[0]) for e in errors] == [("E107", "line 2")]
    assert "10,000-character record limit" in errors[0].reason


def test_deeply_nested_json_is_a_named_error(tmp_path: Path) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    whole = tmp_path / "deep.json"
    whole.write_text(deep, encoding="utf-8")
    _, errors = read_file(whole, display_path="deep.json")
    assert [(e.code, e.reason) for e in errors] == [("E120", records._TOO_DEEP)]
    lines = tmp_path / "deep.jsonl"
    good = json.dumps({"title": "Bridge opens", "text": "The bridge opened on Monday."})
    lines.write_text(f"{good}\n{deep}\n", encoding="utf-8")
    docs, errors = read_file(lines, display_path="deep.jsonl")
    assert len(docs) == 1 and [(e.code, e.reason) for e in errors] == [("E120", f"line 2: {records._TOO_DEEP}")]


def test_truncated_gzip_is_broken_not_a_shorter_article(tmp_path: Path) -> None:
    packed = gzip.compress(("Headline\n\n" + "A body of words that goes on. " * 200).encode())
    path = tmp_path / "story.txt.gz"
    path.write_bytes(packed[: len(packed) // 2])
    docs, errors = read_file(path, display_path="story.txt.gz")
    assert docs == [] and [e.code for e in errors] == ["E109"] and "cut short" in errors[0].reason


def test_refused_bombs_leave_nothing_alive(tmp_path: Path) -> None:
    """Regression: each refused bomb kept its unpacked bytes alive in an exception-traceback cycle until a
    full garbage collection (the bench's peak memory grew by 20 MB per bomb)."""
    text_bomb = pack(tmp_path / "b.txt.gz", b"", b" ", 12 * MB)
    warc_bomb = pack(tmp_path / "c.warc.gz", b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ", b"A", 12 * MB)
    gc.disable()
    tracemalloc.start()
    try:
        for _ in range(3):
            assert read_file(text_bomb, max_bytes=4 * MB)[1][0].code == "E107"
            assert read_file(warc_bomb, max_bytes=4 * MB)[1][0].code == "E107"
        current = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        gc.enable()
    assert current < 2 * MB
