"""Fuzz bench: 100,000+ generated inputs through the cleaner, the quote finder, the date and number parsers.

    python bench/fuzz.py [--scale X] [--seed S] [--only NAME]

The generators and the invariants are the property tests' (``tests/fuzzing.py``): news-like text built
from fragments the parsers react to (quote marks, datelines, weekdays, months, figures with units, chrome
lines, odd whitespace and control characters), sometimes any text at all. Every input goes through one
target and its invariants (spans inside the text, offsets slicing to the text shown, no exception);
failures are counted, not stopped at, and the first few of each kind are kept with their input. Each
target runs in its own child process, so a crash of the interpreter (a segfault in a C extension) is
reported with the input that caused it instead of ending the bench.

Targets and default counts (``--scale`` multiplies them): clean 30,000, quote marks 30,000, dates 30,000,
numbers without a parse (tokenizer only) 20,000, date strings (dateparser behind them) 3,000, quotes and
numbers on the parsed doc (the default spaCy model) 1,500. Results go to bench/results/fuzz.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "fuzz.json"
TARGETS = {
    "clean": 30_000,
    "quote_marks": 30_000,
    "dates": 30_000,
    "numbers": 20_000,
    "date_strings": 3_000,
    "parsed": 1_500,
}
KEEP = 3  # failing inputs kept per kind of failure


def child(name: str, n: int, seed: int, last: Path) -> dict[str, Any]:
    """Run ``n`` generated inputs through target ``name``; count and keep failures."""
    sys.path.insert(0, str(ROOT / "tests"))
    import fuzzing
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    failures: Counter[str] = Counter()
    kept: dict[str, list[str]] = {}
    count = {"n": 0}
    tools: dict[str, Any] = {}
    if name == "numbers":
        import spacy

        tools["blank"] = spacy.blank("en")
    elif name == "parsed":
        from storyline.analyse.nlp import load_nlp

        tools["nlp"] = load_nlp()

    def run(args: tuple[Any, ...]) -> None:
        count["n"] += 1
        with last.open("w", encoding="utf-8") as f:  # read back by the parent if this process dies
            f.write(repr(args))
        try:
            if name == "clean":
                fuzzing.check_clean(*args)
            elif name == "quote_marks":
                fuzzing.check_quote_marks(*args)
            elif name == "dates":
                fuzzing.check_dates(*args)
            elif name == "date_strings":
                fuzzing.check_date_string(*args)
            elif name == "numbers":
                fuzzing.check_numbers(tools["blank"](args[0]), args[0])
            elif name == "parsed":
                doc = tools["nlp"](args[0])
                doc.user_data["storyline.text"] = args[0]
                fuzzing.check_quotes(doc, args[0])
                fuzzing.check_numbers(doc, args[0])
        except Exception as exc:  # noqa: BLE001 - counted and kept, the search goes on
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            failures[key] += 1
            if len(kept.setdefault(key, [])) < KEEP:
                kept[key].append(f"{repr(args)[:600]} -> {str(exc)[:300]}")

    strategies: dict[str, Any] = {
        "clean": st.tuples(
            fuzzing.texts, st.booleans(), st.one_of(st.none(), fuzzing.news_text(max_parts=6)), st.booleans()
        ),
        "quote_marks": st.tuples(fuzzing.texts),
        "dates": st.tuples(fuzzing.texts, fuzzing.ref_dates_any, fuzzing.ref_years_any),
        "date_strings": st.tuples(fuzzing.texts),
        "numbers": st.tuples(fuzzing.texts),
        "parsed": st.tuples(fuzzing.news_text(max_parts=60)),
    }

    @hseed(seed)
    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies[name])
    def search(args: tuple[Any, ...]) -> None:
        run(args)

    t0 = time.perf_counter()
    search()
    return {
        "inputs": count["n"],
        "failures": sum(failures.values()),
        "by_kind": dict(failures),
        "examples": kept,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every target's input count")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--only", choices=sorted(TARGETS), action="append", help="run only these targets")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--last", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print("RESULT " + json.dumps(child(args.child, args.n, args.seed, Path(args.last))), flush=True)
        return
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
        for name, base in TARGETS.items():
            if args.only and name not in args.only:
                continue
            n = max(1, int(base * args.scale))
            last = Path(tmp) / f"{name}.last"
            cmd = [sys.executable, __file__, "--child", name, "--n", str(n), "--seed", str(args.seed)]
            proc = subprocess.run([*cmd, "--last", str(last)], capture_output=True, text=True, check=False)
            lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
            if proc.returncode or not lines:
                died = last.read_text(encoding="utf-8")[:600] if last.exists() else ""
                res = {"inputs": None, "failures": 1, "by_kind": {f"process died ({proc.returncode})": 1}}
                res["examples"] = {f"process died ({proc.returncode})": [died]}
                res["stderr"] = proc.stderr[-1500:]
            else:
                res = json.loads(lines[-1][7:])
            out[name] = res
            print(
                f"{name:<13} {res['inputs']} inputs, {res['failures']} failing  {res.get('seconds', '')} s", flush=True
            )
            for kind, examples in res["examples"].items():
                print(f"    {kind}: {res['by_kind'][kind]}")
                for e in examples[:2]:
                    print(f"      {e[:300]}")
    if args.only and RESULTS.exists():  # the other targets keep their last figures
        kept = json.loads(RESULTS.read_text(encoding="utf-8"))["targets"]
        out = {name: out.get(name, kept.get(name)) for name in TARGETS if name in out or name in kept}
    total = sum(r["inputs"] or 0 for r in out.values())
    failing = sum(r["failures"] for r in out.values())
    print(f"total: {total} inputs, {failing} failing")
    result = {
        "inputs": total,
        "failing": failing,
        "seed": args.seed,
        "scale": args.scale,
        "targets": out,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    sys.exit(1 if failing else 0)


if __name__ == "__main__":
    main()
