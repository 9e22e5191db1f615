"""The same articles give the same entities in every process, whatever Python's hash seed.

A re-run that finishes a stopped ingest must build what an uninterrupted run builds; sets iterate in an
order that changes with ``PYTHONHASHSEED``, so no choice may depend on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json
from storyline.analyse.entities import canonicalize
from storyline.model import Article, Mention

def art(i, names):
    text, mentions = "", []
    for name in names:
        start = len(text)
        text += name + " spoke. "
        mentions.append(Mention(start=start, end=start + len(name), text=name, label="PERSON"))
    return Article(id=f"a{i}", path=f"a{i}.txt", raw=text, text=text, mentions=mentions)

# "Trump" ties between two full names of one article (one mention each); so do "Lee" and "Kim".
arts = [
    art(1, ["Donald Trump", "Ivana Trump", "Trump", "MR. TRUMP", "Mr. Trump"]),
    art(2, ["Lee Jae-myung", "Lee Hsien Loong", "Lee", "Kim Jong Un", "Kim Yo Jong", "Kim"]),
]
entities = canonicalize(arts)
print(json.dumps([[e.id, e.name, e.aliases, [m.entity_id for a in arts for m in a.mentions]] for e in entities]))
"""


def test_entities_do_not_depend_on_the_hash_seed() -> None:
    """Regression: which full name a bare "Trump" joined, and the order of casefold-equal aliases, followed
    set iteration order, so two runs over the same store could disagree (found by bench/crash.py)."""
    outs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True)
        outs.add(proc.stdout)
    assert len(outs) == 1, outs
    assert json.loads(outs.pop())


SUMMARY_SCRIPT = r"""
import json
from storyline.compare.summary import Candidate, SummaryConfig, select_greedy, select_ilp
from storyline.model import Article

text = "x " * 50
a = Article(id="a", path="a.txt", raw=text, text=text)
cands, weights = [], {}
for i in range(8):  # eight sentences of one length, each with concepts weighing 0.1, 0.2 and 0.3: all tie
    names = [f"c{i}{k}" for k in "pqr"]
    weights.update(zip(names, (0.1, 0.2, 0.3)))
    cands.append(Candidate(a, 0, 10, 1, 10, frozenset(names)))
cfg = SummaryConfig(words=30, lead_bonus=0.0)
print(json.dumps([select_ilp(cands, weights, cfg), select_greedy(cands, weights, cfg)]))
"""


def test_summary_selection_does_not_depend_on_the_hash_seed() -> None:
    """Regression: a sentence's weight was summed over its concept set in set order, so tied sentences
    scored 0.6 or 0.6000000000000001 by the seed and the greedy pick changed; the ILP's rows followed the
    same order. A 51-article story's summary differed between two processes."""
    outs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", SUMMARY_SCRIPT], capture_output=True, text=True, env=env, check=True
        )
        outs.add(proc.stdout)
    assert len(outs) == 1, outs


STREAM_SCRIPT = r"""
import json
from storyline.compare.storyindex import StoryIndex
from storyline.compare.storypairs import Profile

words = {"flood": 2, "river": 1, "valley": 1, "rescue": 1}

def report(aid, names):
    return Profile(aid, dict(words), dict(words), participants=set(names), event=(738000, 738000),
                   event_precision="day")

index = StoryIndex(max_candidates=3)
for i in range(12):  # twelve stored copies of one report, each naming another agency, each its own story
    index.add(report(f"a{i:02d}", [f"agency {i}"]), f"s{i + 1}")
new = report("new", [f"agency {i}" for i in range(12)])  # names all twelve: every copy ties
print(json.dumps([index.candidates(new), index.add(new)]))
"""


def test_filing_one_article_does_not_depend_on_the_hash_seed() -> None:
    """Regression: the streaming index kept the candidates that tie on shared keys in the order their keys were
    read (a set's order), so a new article joined another of several identical stories in each process; ties
    now go by article id."""
    outs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-c", STREAM_SCRIPT]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        outs.add(proc.stdout)
    assert len(outs) == 1, outs
    assert json.loads(outs.pop()) == [["a00", "a01", "a02"], "s1"]
