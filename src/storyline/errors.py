"""Numbered, actionable errors. Each message says what went wrong and what to do about it.

| code | meaning |
| ---- | ------- |
| E1xx | input files (see ``storyline.ingest.readers`` for the per-file codes) |
| E201 | the spaCy pipeline named in the config is not installed |
| E202 | an optional package is not installed (pyarrow: ``--format parquet``; ray: ``--engine ray``; pyspark) |
| E203 | a Storyline spaCy component set up wrong (a reference date not in ISO form; one before what it needs) |
| E301 | the store file cannot be opened or is from a newer Storyline |
| E302 | the store stayed busy: another process kept writing to it for longer than a write waits (10 minutes) |
| E303 | a read command (stories, search, dossier, export, ...) named a store file that does not exist |
| E401 | a story id that does not exist |
| E402 | an unknown output format |
| E403 | nothing to summarise: none of the given paths held a readable article |
| E404 | an article id that does not exist (a correction naming it) |
| E405 | a correction that cannot apply as given (a story merged with itself, an article not in the story) |
| E406 | a correction id that does not exist, or was already undone |
| E407 | a claim or quote that is not shown (a correction naming it) |
| E408 | a store that cannot keep corrections |
| E409 | a table export's folder: missing (``--out DIR``), a file, or not empty without ``--force`` |
| E501 | a bad configuration value |
| E502 | a Python API argument that cannot be read (``Corpus.ingest(published=...)`` that is no date) |
| E601 | an engine that cannot run as asked (``--address`` without ``--engine ray``, an unreachable Ray cluster) |
| E602 | a web server that cannot run as asked (several ``--workers`` on a server that takes uploads) |
"""

from __future__ import annotations


class StorylineError(Exception):
    """An error a user can act on; ``code`` is stable and documented above."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{message} [{code}]")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[StorylineError], tuple[str, str]]:
        # pickled whole, so that an error raised in a worker process (storyline.engines) reads the same here
        return (type(self), (self.code, self.message))
