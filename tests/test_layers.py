"""The import map: every import inside the package points down the layer order, never up.

The layers, lowest first, are the order the code follows: the word lists; the data model and the small
helpers every stage uses; the NLP stages (analyse); reading and cleaning files (ingest); comparing articles and
building stories (compare); the dossier as Markdown, HTML, JSON and tables (render); the pipeline that runs
the stages, the store, incremental updates, corrections and the engines; and the entry points (the Python
API, the command line, the web app, Spark). A module may import its own layer and any layer below it.
Imports inside functions and under ``TYPE_CHECKING`` count as well: a deferred import is still a dependency.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"

#: The layers, lowest first; a name is a module or subpackage directly under ``storyline`` ("" is the package's
#: own ``__init__``, which re-exports the API; ``__version__`` is the version string it sets).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("lexicon", "__version__"),
    ("text", "errors", "model", "config", "data", "outlets"),
    ("analyse",),
    ("ingest",),
    ("compare",),
    ("render",),
    ("pipeline", "store", "incremental", "stale", "engines", "corrections", "curation", "article_fixes"),
    ("api", "cli", "cli_corrections", "web", "spark", "__main__", ""),
)

#: Imports that point up, each with why it stays: (importing module, imported module) → reason.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    # The spaCy components compute a doc's sentences and dates with the pipeline's own stages, so a component
    # gives what a pipeline run gives; imported when a component first runs.
    ("storyline.analyse.components", "storyline.pipeline"): "the pipeline's sentence and date stages",
    # A story's web page is drawn when its dossier is stored, once per change of the story, not on each visit
    # (storyline.web.story_pages); imported when a dossier is first stored.
    ("storyline.incremental", "storyline.web.story_pages"): "story pages drawn with their stored dossier",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:]) if "." in name else Path()
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel / "__init__.py").is_file()


def _imports(path: Path) -> list[tuple[str, int]]:
    """The package modules ``path`` imports (each with its line), wherever the import statement stands."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:
                name = f"{source}.{alias.name}"
                out.append((name if _is_module(name) or alias.name == "__version__" else source, node.lineno))
    return [(name, line) for name, line in out if name == "storyline" or name.startswith("storyline.")]


def _layer_name(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def _layer(module: str) -> int:
    name = _layer_name(module)
    for i, names in enumerate(LAYERS):
        if name in names:
            return i
    raise AssertionError(f"{module}: storyline.{name} is in no layer; add it to LAYERS in tests/test_layers.py")


@cache
def _upward() -> tuple[tuple[str, str, str], ...]:
    """Every import that points up: (importer, imported, where)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path)
        for imported, line in _imports(path):
            if _layer(imported) > _layer(importer):
                found.append((importer, imported, f"{path.relative_to(PACKAGE.parent)}:{line}"))
    return tuple(found)


def test_every_part_of_the_package_has_a_layer() -> None:
    names = {"" if p.stem == "__init__" else p.stem for p in PACKAGE.glob("*.py")}
    names |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    placed = {n for layer in LAYERS for n in layer}
    assert names <= placed, f"not in LAYERS: {sorted(names - placed)}"


def test_imports_point_down_the_layers() -> None:
    upward = [u for u in _upward() if (u[0], u[1]) not in ALLOWED_UPWARD]
    assert not upward, "imports pointing up a layer:\n" + "\n".join(f"  {w}: {a} -> {b}" for a, b, w in upward)


def test_every_allowed_upward_import_is_still_there() -> None:
    used = {(a, b) for a, b, _ in _upward()}
    assert set(ALLOWED_UPWARD) <= used, f"no longer imported, drop from ALLOWED_UPWARD: {set(ALLOWED_UPWARD) - used}"


def test_the_import_map_reads_relative_absolute_and_deferred_imports() -> None:
    assert "storyline.lexicon" in {n for n, _ in _imports(PACKAGE / "text.py")}  # from . import lexicon
    assert "storyline.lexicon" in {n for n, _ in _imports(PACKAGE / "ingest" / "clean.py")}  # from storyline import
    assert "storyline.pipeline" in {n for n, _ in _imports(PACKAGE / "analyse" / "components.py")}  # in a function
    assert _layer("storyline.render.svg") > _layer("storyline.compare.claims") > _layer("storyline.model")
