"""Storyline: turn a pile of raw news articles into cross-checked, cited story dossiers, offline."""

__version__ = "0.1.0"
