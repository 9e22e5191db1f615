"""An article's language: English unless another language's function words or another script clearly hold it; the
quote and event rules are not run on one they cannot read."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyse.language import language_of
from storyline.model import Article


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("“We will rebuild the bridge by spring,” the mayor said on Tuesday, and the council agreed.", "en"),
        ("Palm Bay 18 22 13 17 — 70. Tolivert 25 points. Davis 17 points.", "en"),  # a box score stays English
        ("El alcalde dijo que el puente estará listo en la primavera y que los vecinos podrán usarlo.", "es"),
        ("Der Bürgermeister sagte, die Brücke werde im Frühjahr fertig und sei dann auch für Radfahrer offen.", "de"),
        ("Wali kota mengatakan bahwa jembatan itu akan selesai pada musim semi dan dapat dipakai warga.", "id"),
        ("市長は橋が春までに完成すると述べた。", "und"),
        ("", "en"),
    ],
)
def test_language_of(text: str, lang: str) -> None:
    assert language_of(text) == lang


def test_an_article_in_another_language_has_no_quotes_or_events(nlp: Any) -> None:
    from storyline.pipeline import analyse

    pt = (
        "O prefeito disse que a ponte estará pronta na primavera.\n"
        "“Vamos reconstruir a ponte para os moradores da cidade”, afirmou o prefeito João Silva na terça-feira."
    )
    en = "“We will rebuild the bridge for the people of this town,” Mayor John Silva said on Tuesday."
    a, b = Article(id="pt", path="pt.txt", raw=pt, text=pt), Article(id="en", path="en.txt", raw=en, text=en)
    analyse([a, b], nlp)
    assert (a.language, a.quotes, a.events) == ("pt", [], [])
    assert b.language == "en" and [q.speaker for q in b.quotes] == ["John Silva"]
