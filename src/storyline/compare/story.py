"""What a story is made of once its articles are known: title, event date, claims, timeline, summary.

Everything here cites ``(article_id, start, end)``; nothing is written that no article says.

Example:
    >>> story_title([])
    'Untitled story'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import numpy as np

from .. import __version__
from ..config import Config
from ..model import Article, Cite, Claim, Entity, Story, SummarySentence, TimelineItem, reading_key
from .accounts import account_claims
from .claims import build_claims, outlet_label, source_key, story_units
from .cluster import main_event_date, tokens
from .commitments import merge_into_figures, story_commitments
from .dedup import independent_count
from .events import story_events
from .quotes import quote_claims
from .reconcile import reconcile_figures
from .summary import summarize, verbless, why_not_standalone
from .tfidf import tfidf_rows, word_tokens
from .timeline import timeline as merged_timeline

MAX_SENTENCES_PER_ARTICLE = 25
MAX_ARTICLES = 60


def build_story(sid: str, members: Sequence[Article], entities: Sequence[Entity], cfg: Config | None = None) -> Story:
    """A :class:`Story` from its member articles (the entities are the corpus's canonical ones), with the
    configuration's ``compare.*`` and ``summary.*`` settings (:func:`story_settings`; None: the defaults)."""
    cfg = cfg or Config()
    members = reading_order(members)
    originals = [a for a in members if not a.duplicate_of] or list(members)
    event_date, why = story_event_date(members)
    tl = merged_timeline(members)
    claims = story_claims(sid, members, entities, tl, cfg)
    words, k = cfg.summary_words, cfg.summary_key_sentences
    summary = summarize(claims, members, words=words, happenings=tl) or summarize(
        claims, members, key_sentences(originals, k), words=words, happenings=tl
    )
    keys = key_sentences(originals, k, avoid=summary)  # the next-best sentences, none the summary already says
    return Story(
        id=sid,
        title=story_title(originals),
        event_date=event_date,
        event_date_why=why,
        article_ids=[a.id for a in members],
        independent_sources=independent_count(members),
        timeline=tl,
        key_sentences=keys,
        claims=claims,
        figures=story_figures(members),
        summary=summary,
        events=story_events(sid, members, entities, event_date),
        basis=story_basis(members, cfg),
    )


def reading_order(members: Sequence[Article]) -> list[Article]:
    """A story's articles in the order its dossier reads them (:func:`~storyline.model.reading_key`)."""
    return sorted(members, key=reading_key)


def story_settings(cfg: Config) -> tuple[tuple[str, Any], ...]:
    """What a story's build reads of the configuration: its ``compare.*`` and ``summary.*`` keys."""
    return tuple((f.name, getattr(cfg, f.name)) for f in fields(Config) if f.name.startswith(("compare_", "summary_")))


def story_figures(members: Sequence[Article]) -> list[dict[str, Any]]:
    """Figures two or more sources report (:func:`~storyline.compare.reconcile.reconcile_figures`), each taking the
    time its commitment gives it, then the story's other commitments (:mod:`storyline.compare.commitments`)."""
    by_id = {a.id: a for a in members}
    source_of = {a.id: source_key(a, by_id) for a in members}
    figures = reconcile_figures(members, source_of)
    items = story_commitments(members, source_of, {a.id: outlet_label(a) for a in members})
    return figures + merge_into_figures(figures, items)


def story_claims(
    sid: str,
    members: Sequence[Article],
    entities: Sequence[Entity],
    tl: Sequence[TimelineItem] = (),
    cfg: Config | None = None,
) -> list[Claim]:
    """Every claim of a story, numbered ``<sid>-c1``…: aligned facts, dated happenings two or more sources
    report that no fact claim covers yet, account comparisons, then quotes (``cfg``: the ``compare.*``
    settings; None: the defaults)."""
    units = story_units(members)
    by_id = {a.id: a for a in members}
    several = len({source_key(a, by_id) for a in members}) >= 2  # claims and quote groups need two sources
    # Dated happenings stay in the timeline: made claims of their own, they were second rows for facts the
    # alignment already has, each claiming the other's outlets left it out.
    cfg = cfg or Config()
    facts = (
        build_claims(
            sid,
            members,
            units=units,
            threshold=cfg.compare_align_threshold or None,  # 0: the fitted one (align.json)
            omission_below=cfg.compare_omission_below or None,
            complement=cfg.compare_complement or None,
            duplicate=cfg.compare_duplicate or None,
            near_shown=cfg.compare_near_shown,
        )
        if several
        else []
    )
    accounts = account_claims(sid, [u for u in units if not u.heading], entities)
    for a in accounts:  # an outlet that does not contrast the parties' accounts has not left a fact out
        a.absent = [] if a.absent is None else a.absent
    in_accounts = {(c.article_id, c.start) for a in accounts for c in a.support}
    facts = [f for f in facts if not all((c.article_id, c.start) in in_accounts for c in f.support)]
    claims = facts + accounts + (quote_claims(sid, members, entities) if several else [])
    for i, c in enumerate(claims, 1):
        c.id = f"{sid}-c{i}"
    for t in tl:
        t.claim_id = _claim_for(t.cites, claims)
    return claims


def _claim_for(cites: Sequence[Cite], claims: Sequence[Claim]) -> str | None:
    """The claim a timeline item is: the first fact (then account) claim whose support overlaps one of its
    cites — facts come first in ``claims``, so an account that quotes the same sentence does not win."""
    for claim in claims:
        if claim.kind == "quote":
            continue
        for x in claim.support:
            if any(c.article_id == x.article_id and c.start < x.end and x.start < c.end for c in cites):
                return claim.id
    return None


def story_title(members: Sequence[Article]) -> str:
    """The headline of the most central article that has a real headline."""
    if not members:
        return "Untitled story"
    central = _centrality([tokens(f"{a.title or ''} {a.text}") for a in members])
    ranked = sorted(
        range(len(members)),
        key=lambda i: (members[i].title_how in ("text", "metadata"), central[i]),
        reverse=True,
    )
    best = members[ranked[0]]
    return best.title or best.display_title


def _centrality(toks: Sequence[Counter[str]]) -> list[float]:
    """Each article's summed cosine with the others (word counts): one sparse product, not a cosine per pair
    in Python (130 articles: 3.6 s)."""
    from scipy import sparse  # noqa: PLC0415 - as compare.align: only a story with articles needs it

    vocab = {w: k for k, w in enumerate(sorted({w for t in toks for w in t}))}
    rows = [i for i, t in enumerate(toks) for _ in t]
    cols = [vocab[w] for t in toks for w in t]
    vals = [float(v) for t in toks for v in t.values()]
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(toks), max(len(vocab), 1)))
    norm = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norm[norm == 0] = 1.0
    xn = sparse.diags(1.0 / norm) @ x
    gram = np.asarray((xn @ xn.T).todense())
    np.fill_diagonal(gram, 0.0)
    return [float(v) for v in gram.sum(axis=1)]


def story_event_date(members: Sequence[Article]) -> tuple[str | None, str | None]:
    """The event date most of the story's articles give in their lead, with a human explanation."""
    votes: Counter[dt.date] = Counter()
    for a in members:
        d = main_event_date(a)
        if d:
            votes[d] += 1
    if not votes:
        return None, "no article dates the event in its lead"
    best = max(votes, key=lambda d: (votes[d], -d.toordinal()))
    return (
        best.isoformat(),
        f"{votes[best]} of {len(members)} articles date the event to {best.isoformat()} in their lead",
    )


def timeline(members: Sequence[Article], limit: int = 30) -> list[TimelineItem]:
    """Dated happenings (see :func:`storyline.compare.timeline.timeline`)."""
    return merged_timeline(members, limit)


def _overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's content words found in the other (catches paraphrased repeats)."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def key_sentences(
    members: Sequence[Article], k: int | None = None, avoid: Sequence[SummarySentence] = ()
) -> list[SummarySentence]:
    """The ``k`` sentences (None: ``summary.key_sentences``) most corroborated across articles, without repeats,
    each citing its sources; none that ``avoid`` (the summary) cites or says again in other words."""
    k = Config().summary_key_sentences if k is None else k
    arts = list(members)[:MAX_ARTICLES]
    taken = [(c.article_id, c.start, c.end) for s in avoid for c in s.cites]
    said = [s.text for s in avoid]
    rows: list[tuple[Article, int, int, int]] = []  # article, start, end, rank in article
    for a in arts:
        no_clause = verbless(a)
        for r, s in enumerate(a.sentences[:MAX_SENTENCES_PER_ARTICLE]):
            if (s.start, s.end) in no_clause or why_not_standalone(a.text[s.start : s.end], 8, 60):
                continue  # read alone: no pronoun opening, no bare quotation, no question, no fragment
            if any(aid == a.id and ts < s.end and s.start < te for aid, ts, te in taken):
                continue
            rows.append((a, s.start, s.end, r))
    if not rows:
        return []
    texts = [a.text[s:e] for a, s, e, _ in rows]
    try:
        x = tfidf_rows([word_tokens(t) for t in texts])
    except ValueError:  # empty vocabulary
        return []
    sim = (x @ x.T).toarray()
    owner = np.array([arts.index(a) for a, _, _, _ in rows])
    n_art = len(arts)
    scores = np.zeros(len(rows))
    for i in range(len(rows)):
        best_per_article = np.zeros(n_art)
        for j in np.nonzero(sim[i] > 0)[0]:
            if owner[j] != owner[i]:
                best_per_article[owner[j]] = max(best_per_article[owner[j]], sim[i, j])
        lead_bonus = 0.15 / (1 + rows[i][3])
        scores[i] = best_per_article.sum() + lead_bonus
    chosen: list[int] = []
    for i in np.argsort(-scores):
        if len(chosen) >= k:
            break
        if any(sim[i, j] > 0.3 or _overlap(texts[i], texts[j]) > 0.4 for j in chosen):
            continue
        if any(_overlap(texts[i], t) > 0.4 for t in said):
            continue
        chosen.append(int(i))
    out = []
    for i in chosen:
        a, start, end, _ = rows[i]
        cites = [Cite(a.id, start, end)]
        used = {a.id}
        for j in np.argsort(-sim[i]):
            if sim[i, j] < 0.3:
                break
            aj = rows[j][0]
            if aj.id not in used:
                cites.append(Cite(aj.id, rows[j][1], rows[j][2]))
                used.add(aj.id)
        out.append(SummarySentence(text=a.text[start:end], cites=cites))
    return out


def article_state(a: Article) -> tuple[Any, ...]:
    """What the corpus stages may change on an article and a story's build depends on (its story aside)."""
    return (
        a.duplicate_of,
        a.published,
        a.source,
        tuple(m.entity_id for m in a.mentions),
        tuple((q.speaker, q.speaker_entity_id, q.speaker_role) for q in a.quotes),
    )


def story_basis(members: Sequence[Article], cfg: Config | None = None) -> str:
    """A fingerprint of what a story's build reads of its articles: ids, states (:func:`article_state`), the
    dates, figures, statements and events the analysis found, and the code's version — and the configuration's
    story settings (:func:`story_settings`) when they are not the defaults, so a story built with other settings
    is built again."""
    h = hashlib.sha1(__version__.encode())
    settings = story_settings(cfg or Config())
    if settings != story_settings(Config()):
        h.update(repr(settings).encode())
    for a in reading_order(members):
        h.update(repr((a.id, a.title, article_state(a), [(d.start, d.value) for d in a.dates])).encode())
        h.update(repr(([(n.start, n.value) for n in a.numbers], len(a.statements), len(a.events))).encode())
    return h.hexdigest()[:16]
