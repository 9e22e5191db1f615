"""Running the ``storyline`` command inside a test: its exit status and what it printed."""

from __future__ import annotations

import pytest

from storyline.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``storyline ARGS``: (exit status, standard output, standard error)."""
    with pytest.raises(SystemExit) as exc:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else (0 if code is None else 1)), out, err
