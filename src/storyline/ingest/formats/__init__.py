"""One module per input format; :mod:`storyline.ingest.readers` picks the right one for a file.

Every reader turns bytes into :class:`~storyline.ingest.formats.base.RawDoc` records plus
:class:`~storyline.model.FileError` reports, and never raises for bad input.
"""
