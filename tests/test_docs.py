"""Documentation stays true: every CLI command, option and config key is in the README (datasette's habit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pytest

from storyline.cli import cli
from storyline.config import KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:400]
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name: str) -> None:
    assert f"storyline {name}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, opt)
        for name, cmd in sorted(cli.commands.items())
        for p in cmd.params
        if isinstance(p, click.Option)
        for opt in p.opts
        if opt.startswith("--")
    ]
    + [("(global)", opt) for p in cli.params if isinstance(p, click.Option) for opt in p.opts if opt.startswith("--")],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    assert option in README, f"{command} {option} is not in README.md"


@pytest.mark.parametrize("key", sorted(KEYS))
def test_every_config_key_is_documented(key: str) -> None:
    assert f"`{key}`" in README


def test_readme_search_example_is_what_the_command_prints(seed_corpus: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The README tour's search example is the command's output on the seed store (the demo's), not prose."""
    import shlex

    from clirun import run

    head = '$ storyline --db out/storyline.db search "soybeans" --limit 1\n'
    expected = README.split(head, 1)[1].split("```", 1)[0].strip().splitlines()
    args = shlex.split(head.strip().removeprefix("$ storyline "))
    args[1] = str(seed_corpus.store.path)
    code, out, _ = run(args, capsys)
    assert code == 0
    assert out.strip().splitlines() == expected, "README search example is stale: rerun it"


def test_readme_python_doctests_print_what_the_readme_shows() -> None:
    """The README's Python examples written as a session (``>>>``) run, and print what the README shows."""
    import doctest
    import re

    blocks = [b for b in re.findall(r"```python\n(.*?)```", README, re.S) if b.lstrip().startswith(">>>")]
    assert blocks, "no README example written as a session"
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    for i, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README.md example {i + 1}", "README.md", 0))
    assert runner.summarize(verbose=False).failed == 0, "a README example printed something else (above)"
