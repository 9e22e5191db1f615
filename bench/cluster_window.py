"""Long stories and the date window, measured held out: whether the pair model's window (two articles whose event
dates are further apart than ``max_days`` are never one story) splits the stories a news stream runs for months.

On wire copy (``bench/cluster_wire.py``) precision is 1.0 and recall is what is lost; reading its pairs, the stories
that split are the long ones. The embassy bombings run from August 1998 to their anniversary in October 1999, the
Slepian murder from October 1998 to January 2000: with the window at 240 days, two groups holding one pair dated
further apart never merge, whatever their other links, so no such story can ever be one. The TF-IDF baseline,
which joins them, has no window. What the reading ruled out: the pair model already has the whole-text cosine
(``content``, TF-IDF with corpus idf; its correlation with scikit-learn's over the wire pairs is 0.99); the learned
gap penalty (``date_gap``, -0.79 a year) costs a pair 60 days apart 0.13 of logit; average over logits instead
of probabilities gains nothing there (0.892 -> 0.887 at its best threshold without the window).

Variants, each the stored model's protocol (``bench/cluster.py --three-sets --balanced``: weights fitted on the
three sets' pairs, each set's pairs weighing alike, settings chosen by leave-one-fold-out inside each of 4 outer
folds, 2 ECB+ dev topics and a quarter of TBAQ's and of PolNeAR's stories each), every fitted model with the
stored strong-link rule (``StrongLink``, chosen on the same folds by ``bench/cluster_linkage.py``):

* ``current``: the window chosen among none and 240 days (the grid the stored setting was chosen on by
  ``bench/cluster_undated.py``; the stored model had 240);
* ``year``, ``wider``: among none, 240 and 365 days; and 730;
* ``soft``, ``soft240``: the windows of ``wider`` and of ``current``, a pair beyond it scored 0 (it lowers the mean
  of two groups) but no longer a bar to their merging;
* ``none``: no window;
* ``silence``, ``silences``: no window; instead a story's event dates, in order, leave no silence longer than the
  setting (``cluster.Silence``), chosen among none and 240 days; and among none, 120, 240 and 365;
  ``silence_year``: ``silence`` and a window of 365 days on any two articles besides.
Among windows whose inner F1 ties (within 0.01), the widest is taken, no window only when none ties
(``cluster_fit.Protocol.choose``). C among 0.1 and 1, ``top`` 0 (average linkage), the threshold the middle of its
near-best plateau. The TF-IDF baseline (its distance chosen by the same inner runs) runs beside.

    python bench/cluster_window.py [--variants NAMES] [--baseline] [--out FILE]
    python bench/cluster_window.py --final VARIANT
    python bench/cluster_window.py --paths

``--final`` writes the stored model (``storyline/data/cluster.json``) as the variant's protocol makes it: C, window
and threshold chosen by leave-one-fold-out over all 4 folds, weights fitted on all of them, the strong-link rule
kept; ``final`` in the results block says what was chosen. ``--paths``: the stored model filing each set whole
at once, in 4 ingests and one article at a time (``cluster_linkage.paths``; in-sample, whether the paths move alike).

Writes ``window`` into bench/results/cluster.json (the other entries kept). Each outer fold's model also clusters
the whole of each set, its held-out documents scored (``whole``: a store holds every story at once); ``--undated``
also scores TBAQ and PolNeAR read without their dates (as ``bench/cluster_undated.py``; fitted and tuned on none).

Measured (2026-12-07; held out, each fold's model clustering the whole set, B-cubed F1 ECB+ dev / TBAQ / PolNeAR,
then TBAQ / PolNeAR without dates):

* ``current`` 0.953 / 0.940 / 0.736, 0.902 / 0.664;
* ``year`` 0.955 / 0.942 / 0.746, 0.904 / 0.666 (every fold took 365 days);
* ``wider`` 0.960 / 0.959 / 0.737, 0.904 / 0.666 (every fold took 730 days);
* ``soft`` 0.958 / 0.948 / 0.733; ``soft240`` 0.953 / 0.937 / 0.736; ``none`` 0.958 / 0.949 / 0.740;
* ``silence`` 0.955 / 0.949 / 0.754, 0.905 / 0.670 (every fold took 240 days; TBAQ P 0.938 -> 0.944, R 0.943 ->
  0.955; PolNeAR P 0.754 -> 0.778, R 0.718 -> 0.731); ``silences`` 0.955 / 0.949 / 0.747 (every fold took 365);
* ``silence_year`` 0.955 / 0.942 / 0.748, 0.904 / 0.666;
* TF-IDF 0.881 / 0.860 / 0.689.

Adopted: ``silence`` (``--final silence``: C 0.1, 240 days, threshold 0.4; wire copy, in-sample, dated 0.875 ->
0.902, plain text 0.836 -> 0.825). ``year`` and ``wider`` gain too, but with no window the model cannot tell the same
kind of happening again from a follow-up: the gap weight it learns is small (``date_gap`` -0.79 a year with the
240-day window, -0.19 with 730, the long stories' pairs among the fitted ones), ECB+ dev gives no dated pair of
two happenings of a kind nearer than 947 days, and both join the seeds' two Xi–Trump calls ten months apart (and
the tests' two arrests of Chargers players a year apart; a 240-day window kept for pairs whose headlines name other
people, measured with ``wider``, kept those apart, 0.960 / 0.955 / 0.738, but not the calls, about the same two
men). A silence keeps both apart (nothing came between) and lets a story run as long as it develops. The windows
beyond 240 days and the silence were tried after TBAQ's wire stories were seen to split (``bench/cluster_wire.py``,
a subset of TBAQ), so the TBAQ figures are mildly optimistic; ECB+ dev and PolNeAR were not looked at per story.

In-sample (``--paths``), the stored model filing each set whole at once / in 4 ingests / one at a time, before ->
after: TBAQ 0.948 / 0.959 / 0.954 -> 0.959 / 0.967 / 0.948 (streamed P 0.956 -> 0.932: same-day company news joined
at the lower threshold; at 0.425 it files 0.948 too), PolNeAR 0.774 / 0.780 / 0.741 -> 0.766 / 0.768 / 0.736, ECB+
dev 0.953 / 0.953 / 0.956 -> 0.955 / 0.955 / 0.956 (in-sample: each model scored on what it was fitted on).

With the ``named_day`` pair feature (2026-12-07, ``compare/named_days.py``; ``silence``, whole sets, ECB+ dev / TBAQ /
PolNeAR, then undated TBAQ / PolNeAR): 0.955 / 0.949 / 0.755, 0.905 / 0.670 (this code without it, rerun) -> days
both name 0.960 / 0.946 / 0.751, 0.904 / 0.667; a day one names or the other's event day 0.953 / 0.948 / 0.760,
0.906 / 0.668 (stored: ``--final silence`` C 0.1, threshold 0.375, leave-one-fold-out F1 0.9181 against 0.9158 and
0.9152). Its three filing paths (``--paths``, in-sample, the strong link; at once / 4 ingests / streamed): ECB+ dev
0.955 / 0.955 / 0.956 -> 0.960 / 0.960 / 0.936 (streamed P 0.957: one twin pair joined one article at a time at the
lower threshold; at 0.4 the same weights file it 0.965), TBAQ 0.959 / 0.967 / 0.948 -> 0.964 / 0.973 / 0.962,
PolNeAR 0.766 / 0.768 / 0.736 -> 0.767 / 0.771 / 0.737. The threshold stays the protocol's choice. Measured on top
of it the same day and not taken (held out, whole sets): ``count_clash`` only for pairs dated at most 2 days apart or
undated (a toll that rises over days is a development) 0.931 / 0.948 / 0.756, and a feature ``people_words`` (the
geometric mean of ``people`` and ``keywords``: the same people with the happening's words, against a person alone)
0.931 / 0.948 / 0.755: both merge one of ECB+ dev's twin pairs (P 0.950).

The cost, on synthetic streams of yearly copies (``bench/story_window.py --sizes 2000``, the ECB+ dev and TBAQ
profiles copied with every date a year later each time, gold (copy, story); accuracy only, its timings not kept):
B-cubed 0.899 / 0.858 / 0.878 -> 0.822 / 0.869 / 0.845, the largest story 26 articles of 2 copies over 189 days ->
100 articles of 4 copies over 1,284 days: a story that runs for months (Elián González, January to June 2000) is
less than 240 days from its own copy a year later, the same words, and the copies chain into one. A window of a
year besides the silence (``silence_year``) would bound that, at the cost of TBAQ's longest stories (0.949 -> 0.942
held out); not taken, as a real stream repeats no story word for word a year later.

The words' floor (``--floors 0,2,2.5,3,3.5,4``, 2026-12-07; ``PairModel.content_floor``: a candidate pair scores at
least k times its ``content`` cosine, so the model never falls under the bag of words on a pair the weights count
against, a follow-up quoting other people weeks later; k chosen with C and the threshold, the lowest within half the
tolerance of the best). Held out, nested, whole sets, ECB+ dev / TBAQ / PolNeAR (the outer folds took k 2, 0, 2, 0):
0.953 / 0.948 / 0.758 (no floor, rerun on this analysis) -> 0.958 / 0.939 / 0.755 (TBAQ P 0.947 -> 0.930: same-day
company news sharing words); TBAQ's 80 AP and NYT documents clustered together, their held-out stories scored
(measured once with the same folds, not kept in the results), 0.938 either way. ``--final``
over all four folds keeps no floor (leave-one-fold-out F1 0.9181 without, 0.9173 at k 2, 0.9141 at 2.5): the stored
model is unchanged. With TBAQ never seen (``cluster_wire.py --unseen --floors``) the same choice takes k 2 and the
wire copy gains; see there. The floor pays only where the kind of news was not among the fitted sets.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cluster_fit  # type: ignore[import-not-found]
import numpy as np
from cluster_fit import (  # type: ignore[import-not-found]
    FOLDS,
    Dataset,
    Protocol,
    cut,
    load_polnear,
    load_tbaq,
    load_three,
    result_block,
    split,
)

from storyline.compare.cluster import StrongLink
from storyline.compare.storypairs import PairModel, stored_model

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "cluster.json"
NAMES = ("ecbplus-dev", "tbaq", "polnear")
#: name → (windows in days, 0: none; soft; the windows are the longest silence in a story, ``cluster.Silence``)
VARIANTS: dict[str, tuple[tuple[int, ...], bool, bool]] = {
    "current": ((0, 240), False, False),
    "year": ((0, 240, 365), False, False),
    "wider": ((0, 240, 365, 730), False, False),
    "soft": ((0, 240, 365, 730), True, False),
    "soft240": ((0, 240), True, False),
    "none": ((0,), False, False),
    "silence": ((0, 240), False, True),
    "silences": ((0, 120, 240, 365), False, True),
    "silence_year": ((0, 240), False, True),  # and a window of 365 days on any two articles
}
#: Variants with a window on any two articles besides their silence.
WINDOW = {"silence_year": 365}
GRID = {"C_GRID": (0.1, 1.0), "TOP_GRID": (0,)}
#: The words' floor (``PairModel.content_floor``: a candidate pair scores at least this many times its content
#: cosine; 0: none), chosen with the other settings when ``--floors`` names more than one.
FLOORS = (0.0, 2.0, 2.5, 3.0, 3.5, 4.0)


class WindowProtocol(Protocol):
    """The stored model's protocol with the stored strong-link rule on every model it fits; with ``silence``, the
    window setting is the longest silence a story may hold (``cluster.Silence``), the pairs scored whatever their
    dates."""

    silence = False
    window = 0  # with ``silence``, a window on any two articles besides (0: none)
    floors: tuple[float, ...] = (0.0,)  # the words' floors to choose among (``PairModel.content_floor``)
    floor = 0.0  # the floor the models are fitted with (the last one chosen)

    def fit(self, fold: Any, c: float, threshold: float = 0.5, top: int = 0, max_days: int = 0) -> PairModel:
        model = super().fit(fold, c, threshold, top, self.window if self.silence else max_days)
        model.extra = {"strong_link": stored_model().extra["strong_link"]}
        model.content_floor = self.floor
        if self.silence and max_days:
            model.extra["silence"] = {"days": max_days}
        return model

    def choose(self, folds: Any, system: str) -> tuple[Any, float, float]:
        """:meth:`Protocol.choose` at each of :attr:`floors`; the lowest floor whose inner F1 is within half the
        tolerance of the best (no floor unless one gains), kept in :attr:`floor` for the fits that follow."""
        if system != "ours" or len(self.floors) < 2:  # noqa: PLR2004
            self.floor = self.floors[0] if system == "ours" else 0.0
            return super().choose(folds, system)
        found = []
        for floor in self.floors:
            self.floor = floor
            found.append((floor, *super().choose(folds, system)))
            print(f"    floor {floor}: {found[-1][1:]}", flush=True)
        best = max(f[3] for f in found)
        floor, setting, t, f1 = min((f for f in found if f[3] >= best - cluster_fit.TOLERANCE / 2), key=lambda f: f[0])
        self.floor = floor
        self.chosen.append(floor)
        return setting, t, f1

    @property
    def chosen(self) -> list[float]:
        """The floor chosen by each :meth:`choose` (an outer fold's, in order)."""
        if "_chosen" not in self.__dict__:
            self.__dict__["_chosen"] = []
        return self.__dict__["_chosen"]  # type: ignore[no-any-return]


def soft_cuts(ds: Dataset, idx: np.ndarray, model: PairModel, grid: Sequence[float]) -> dict[float, np.ndarray]:
    """``cluster_fit.ours_cuts`` with no pair barring two groups (a pair beyond the window scores 0 all the same)."""
    feats = ds.feats[np.ix_(idx, idx)]
    prob = model.probability(feats)
    rule = StrongLink.of(model)
    strong = rule.pairs(feats, prob) if rule else None
    return cut(prob, grid, model.top, None, strong, rule.drop if rule else 0.0)


def run(
    sets: list[Dataset], folds: list[dict[str, list[str]]], variant: str, floors: tuple[float, ...] = (0.0,)
) -> dict[str, Any]:
    days, soft, silence = VARIANTS[variant]
    cluster_fit.DAYS_GRID = days
    hard = cluster_fit.ours_cuts
    cluster_fit.ours_cuts = soft_cuts if soft else hard
    try:
        proto = WindowProtocol(sets, NAMES, NAMES)
        proto.balance, proto.silence, proto.window = True, silence, WINDOW.get(variant, 0)
        proto.floors = floors
        res = result_block(proto.held_out(folds, "ours", whole=True))
        if len(floors) > 1:
            res["floors"], res["floor chosen per fold"] = list(floors), proto.chosen
        return res
    finally:
        cluster_fit.ours_cuts = hard


ABOUT = (
    "Logistic weights over compare.storypairs.FEATURES, two sets (pairs whose event dates are both known: weights,"
    " bias; the others: undated_weights, undated_bias), fitted by bench/cluster_window.py --final {variant} on the"
    " pairs of ECB+ dev (196 documents, 8 topics), TBAQ (256 AP/NYT/Xinhua/WSJ/broadcast documents) and PolNeAR (375"
    " US campaign articles of 2015-16), stories by hand in bench/data/cluster, each set's pairs weighing alike;"
    " C={C} among {C_GRID}, top 0, {what} among {windows} (the widest among ties, 0: none) and the"
    " threshold ({t}, with the strong_link rule below) chosen by leave-one-fold-out over 4 folds of held-out topics"
    " and stories of all three; held-out (nested) figures in bench/results/cluster.json (window)"
)


SILENCE_WHY = (
    "a story runs while it develops: its articles' event dates, in order, leave no stretch of more than {days} days"
    " without one (cluster.Silence). A follow-up months later joins when reports came between (a trial after the"
    " crime, an extradition after the arrest); the same kind of happening to the same people after {days} quiet"
    " days is another story. It replaces a window on any two articles of a story (240 days), which split the"
    " stories that run over a year. Chosen among {windows} days (0: none) by leave-one-fold-out over the three"
    " sets' 4 folds (bench/cluster_window.py; held-out figures in bench/results/cluster.json, window)"
)


FLOOR_WHY = (
    "content_floor: a candidate pair scores at least this many times its content cosine (the bag of words as a floor"
    " under the weights: a follow-up whose people and dates the weights count against still joins on the words it"
    " shares). Chosen among {floors} (0: none; the lowest within half the tolerance of the best) with the other"
    " settings by leave-one-fold-out over the three sets' 4 folds (bench/cluster_window.py --floors; held-out"
    " figures in bench/results/cluster.json, window, and with TBAQ never seen in bench/cluster_wire.py --unseen)"
)


def final(
    sets: list[Dataset], folds: list[dict[str, list[str]]], variant: str, floors: tuple[float, ...] = (0.0,)
) -> dict[str, Any]:
    """Write the stored model as ``variant``'s protocol makes it from all four folds; what was chosen."""
    from cluster_fit import joined  # type: ignore[import-not-found]

    from storyline.compare import storypairs

    days, soft, silence = VARIANTS[variant]
    if soft:
        raise SystemExit("a soft window is no stored setting")
    cluster_fit.DAYS_GRID = days
    proto = WindowProtocol(sets, NAMES, NAMES)
    proto.balance, proto.silence, proto.window = True, silence, WINDOW.get(variant, 0)
    proto.floors = floors
    (c, top, window), t, f1 = proto.choose(folds, "ours")
    model = proto.fit(joined(folds), c, float(t), top, window)
    model.threshold = float(t)
    model.extra = {"C": c, "cv_b3_f1": round(f1, 4), "strong_link": stored_model().extra["strong_link"]}
    if len(floors) > 1:
        model.extra["content_floor_why"] = FLOOR_WHY.format(floors=list(floors))
    if silence and window:
        model.extra["silence"] = {"days": window, "why": SILENCE_WHY.format(days=window, windows=list(days))}
    model.about = ABOUT.format(
        variant=variant,
        C=c,
        C_GRID=list(GRID["C_GRID"]),
        what=f"the longest silence in a story ({window} days)" if silence else f"the date window ({window} days)",
        windows=list(days),
        t=model.threshold,
    )
    target = HERE.parent / "src" / "storyline" / "data" / "cluster.json"
    target.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
    storypairs.stored_model.cache_clear()
    print(f"wrote {target.name}: C={c} window={window} floor={model.content_floor} threshold={model.threshold} "
          f"cv F1 {f1:.4f}")  # fmt: skip
    return {
        "variant": variant, "C": c, "max_days": model.max_days, "silence": window if silence else 0,
        "threshold": model.threshold,
        "content_floor": model.content_floor,
        "cv_b3_f1": round(f1, 4),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--baseline", action="store_true", help="also the TF-IDF baseline")
    ap.add_argument("--undated", action="store_true", help="also score TBAQ and PolNeAR without their dates")
    ap.add_argument("--paths", action="store_true", help="the stored model's three filing paths (in-sample)")
    ap.add_argument("--final", choices=[v for v, (_, soft, *_) in VARIANTS.items() if not soft])
    ap.add_argument("--floors", default="0", help="the words' floors to choose among, e.g. 0,2,2.5,3,3.5,4")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    floors = tuple(float(x) for x in args.floors.split(","))
    for k, v in GRID.items():
        setattr(cluster_fit, k, v)
    t0 = time.time()
    ecb, tbaq, pol, topics = load_three()
    sets = [ecb, tbaq, pol]
    if args.undated:  # the same texts without a date, scored only (bench/cluster_undated.py)
        from cluster_undated import undated_copy  # type: ignore[import-not-found]

        sets += [undated_copy(load_tbaq, "tbaq-undated"), undated_copy(load_polnear, "polnear-undated")]
    for ds in sets:
        ds.prepare()
    print(f"analysed and prepared in {time.time() - t0:.0f} s", flush=True)
    quarter = [ds.name for ds in sets[1:]]  # each fold a quarter of each set's stories (the undated copies' too)
    folds = [{"ecbplus-dev": p, **{q: [f"q{k}"] for q in quarter}} for k, p in enumerate(split(topics, FOLDS))]
    out = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    block: dict[str, Any] = out.get("window", {}) | {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "grid": GRID}
    if args.paths:  # cluster_linkage.paths: at once, in 4 ingests, streamed; "linkage" holds the model before's
        from cluster_linkage import compact, paths  # type: ignore[import-not-found]

        block["paths (stored model, in-sample)"] = compact(paths(sets[:3]))
        out["window"] = block
        args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
        return
    if args.final:
        block["final"] = {"when": block["when"], **final(sets, folds, args.final, floors)}
        out["window"] = block
        args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
        return
    systems = [v.strip() for v in args.variants.split(",") if v.strip()] + (["baseline"] if args.baseline else [])
    for name in systems:
        t1 = time.time()
        if name == "baseline":
            proto = Protocol(sets, NAMES, NAMES)
            res = result_block(proto.held_out(folds, "baseline", whole=True))
        else:
            res = run(sets, folds, name, floors)
            res["windows"], res["soft"], res["silence"] = list(VARIANTS[name][0]), *VARIANTS[name][1:]
        block[name + (f" floors {args.floors}" if len(floors) > 1 else "")] = res
        for ds_name, sc in res["whole"].items():
            pooled = res["pooled"][ds_name]
            print(
                f"{name:<8} {ds_name:<12} folds alone P {pooled['b3_p']:.3f} R {pooled['b3_r']:.3f} F1 "
                f"{pooled['b3_f1']:.3f} | whole set P {sc['b3_p']:.3f} R {sc['b3_r']:.3f} F1 {sc['b3_f1']:.3f}",
                flush=True,
            )
        print(f"  settings {[(f['setting'], f['threshold']) for f in res['folds']]} ({time.time() - t1:.0f} s)")
        out["window"] = block
        args.out.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"saved {args.out.name} (window; the other entries kept) after {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
