"""Decoding stays honest, and nothing is skipped without a word: stray bytes in UTF-8, Western code pages,
head-only pages, unreadable folders, link loops and pipes. Every case is generated here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.ingest.formats.decode import decode_text
from storyline.ingest.readers import discover, read_file

ARTICLE = (
    "Beijing’s reply came on Monday. “We will not accept it,” the spokesman said, and the talks—due in "
    "March—were put off. Officials in Washington said they were “disappointed” by the decision.\n"
) * 6


def test_utf8_with_a_few_bad_bytes_stays_utf8() -> None:
    """Regression: six invalid bytes made a UTF-8 article decode as mac_iceland ("Beijing‚Äôs")."""
    data = bytearray(ARTICLE.encode("utf-8"))
    for i in range(6):
        data[40 + i * 97] = 0x9D if i % 2 else 0xFF  # a stray byte where an ASCII letter was
    found = decode_text(bytes(data))
    assert found.encoding == "utf-8" and found.replaced == 6
    assert "Beijing’s" in found.text and "‚Äô" not in found.text
    assert found.warning == "replaced 6 invalid UTF-8 byte sequences with U+FFFD"
    assert found.meta()["decode_warning"] == found.warning


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_western_text_is_read_as_cp1252(codec: str) -> None:
    """Regression: Latin-1 text came out as cp1257 ("Seńor Garcķa")."""
    text = (
        "Señor García, the mayor of Córdoba, said the façade would reopen in spring. "
        "Müller and Françoise Dubois agreed; the café stays closed until then.\n"
    ) * 4
    if codec == "cp1252":
        text += "“Quoted,” he said — and that was all… for 5 €.\n"
    found = decode_text(text.encode(codec))
    assert found.text == text and found.encoding == "cp1252" and found.guessed
    assert found.meta() == {"encoding": "cp1252", "encoding_how": "guessed"}


def test_other_code_pages_are_still_guessed() -> None:
    text = "Правительство объявило о новых мерах поддержки экономики в понедельник вечером.\n" * 8
    found = decode_text(text.encode("cp1251"))
    assert found.text == text and found.guessed


def test_decoding_is_recorded_on_the_document(tmp_path: Path) -> None:
    data = bytearray(("Headline here\n\n" + ARTICLE).encode("utf-8"))
    data[60] = 0xFF
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(data))
    (doc,), _ = read_file(path)
    assert doc.meta["encoding"] == "utf-8" and "1 invalid UTF-8 byte sequence" in doc.meta["decode_warning"]
    latin = tmp_path / "b.json"
    latin.write_bytes(
        '{"title": "Córdoba", "text": "Señor García spoke on Monday about the façade."}'.encode("latin-1")
    )
    (doc,), _ = read_file(latin)
    assert doc.title == "Córdoba" and doc.meta["encoding"] == "cp1252" and doc.meta["encoding_how"] == "guessed"


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Only a head</title><meta name='description' content='Words words'></head></html>",
        b"<!doctype html><html><head><title>Empty body</title></head><body>  </body></html>",
    ],
)
def test_head_only_html_is_a_named_error(tmp_path: Path, page: bytes) -> None:
    """Regression: a page with only a <head> became a 0-character article, its own story."""
    path = tmp_path / "page.html"
    path.write_bytes(page)
    docs, errors = read_file(path, display_path="page.html")
    assert docs == [] and [(e.path, e.code) for e in errors] == [("page.html", "E110")]


def test_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    body = ARTICLE.encode("utf-8")
    path.write_bytes(b"Evil \x1b]0;owned\x07title\x1b[2J\n\n" + body + b"Text \x1b[31mred\x1b[0m here.\x0cNext page.\n")
    (doc,), _ = read_file(path)
    assert "\x1b" not in doc.text and "\x07" not in doc.text
    assert doc.text.startswith("Evil ]0;ownedtitle[2J\n") and "here.\nNext page." in doc.text


def test_link_loops_and_pipes_in_a_folder_are_named(tmp_path: Path) -> None:
    """Regression: symlink loops and FIFOs in a folder were skipped without a word."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text("Headline\n\nA body of words.\n", encoding="utf-8")
    (root / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (root / "dangling.txt").symlink_to("nowhere.txt")
    (root / "sub" / "up").symlink_to("..")  # a link back up the tree
    os.mkfifo(root / "pipe.txt")
    files, errors = discover([str(root)])
    assert sorted(f.name for f in files) == ["dangling.txt", "good.txt", "loop.txt", "pipe.txt"]
    assert [(Path(e.path).name, e.code) for e in errors] == [("up", "E102")] and "loop" in errors[0].reason
    reasons = {f.name: read_file(f)[1] for f in files}
    assert reasons["good.txt"] == []
    assert reasons["loop.txt"][0].code == "E102" and "symbolic link loop" in reasons["loop.txt"][0].reason
    assert reasons["dangling.txt"][0].code == "E101" and "broken symbolic link" in reasons["dangling.txt"][0].reason
    assert reasons["pipe.txt"][0].code == "E102" and "pipe" in reasons["pipe.txt"][0].reason


def test_unreadable_subfolder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: an unreadable subfolder was skipped without a word."""
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden.txt").write_text("x", encoding="utf-8")
    (root / "good.txt").write_text("Headline\n\nA body of words.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors = discover([str(root)])
    assert [f.name for f in files] == ["good.txt"]
    assert [(Path(e.path).name, e.code) for e in errors] == [("locked", "E102")]
    assert "permission denied" in errors[0].reason and "folder" in errors[0].reason
