"""The dossier shows an event dated by its report as the day it was reported, never as the day it happened."""

from __future__ import annotations

from storyline.model import Event
from storyline.render.dossier_model import DossierEvent
from storyline.render.events_section import events_markdown
from storyline.render.events_view import events_rows


def _event(date_how: str) -> Event:
    return Event("ACCUSE", "criticised", actor_text="Modi", actor_country="IND", target_text="Lula",
                 target_country="BRA", date="2025-03-06", date_how=date_how, independent_sources=1)  # fmt: skip


def test_a_report_date_reads_as_reported() -> None:
    rows = [line for line in events_markdown([DossierEvent(_event("published"))], lambda c: "") if "Modi" in line]
    assert rows[0].startswith("| reported 2025-03-06 | Modi (IND) |")
    rows = [line for line in events_markdown([DossierEvent(_event("text"))], lambda c: "") if "Modi" in line]
    assert rows[0].startswith("| 2025-03-06 | Modi (IND) |")


def test_the_html_row_says_reported_too() -> None:
    (row,) = events_rows([DossierEvent(_event("published"))], lambda cites, used_in: [])
    assert row["date_label"].startswith("reported ") and row["date"] == "2025-03-06"
