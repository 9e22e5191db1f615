"""One large story's page and the home page at 20 concurrent clients: this checkout's code beside another's.

    python bench/web_pages.py --store DB --before CHECKOUT [--story ID] [--clients 20] [--requests 10]

``storyline serve --read-only`` on the store (bench/web_scale.py's 100,000-article tiled store; nothing is
written), once per code in the order before, after, after, before, each served page fetched once and then
``--clients`` threads each sending ``--requests`` requests one after another (the page is then in the server's page
cache: this measures building and sending it). Prints and writes per run the page's bytes and the latency p50/p95,
with the 1-minute load average when the run began. Writes bench/results/web_pages.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PORT = 8700
WAIT_S = 150


def _serve(src: Path, store: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "storyline", "--db", str(store), "-q", "serve", "--read-only", "--port", str(port)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _latencies(url: str, clients: int, requests: int) -> list[float]:
    lat: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(timeout=120) as c:
            for _ in range(requests):
                t = time.perf_counter()
                c.get(url).raise_for_status()
                with lock:
                    lat.append(time.perf_counter() - t)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(lat)


def run(src: Path, store: Path, port: int, pages: dict[str, str], clients: int, requests: int) -> dict[str, Any]:
    server = _serve(src, store, port)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(WAIT_S * 2):
            try:
                httpx.get(base + "/", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        out: dict[str, Any] = {}
        for name, path in pages.items():
            size = len(httpx.get(base + path, timeout=120).content)
            lat = _latencies(base + path, clients, requests)
            p95 = lat[max(0, int(0.95 * len(lat)) - 1)]
            p50 = statistics.median(lat)
            out[name] = {"bytes": size, "p50_ms": round(1000 * p50, 1), "p95_ms": round(1000 * p95, 1), "n": len(lat)}
        return out
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--before", type=Path, required=True, help="a checkout of the code before")
    ap.add_argument("--story", default="s11730", help="the large story (web_scale.py's ~100-article one)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=10, help="per client")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "web_pages.json")
    args = ap.parse_args()
    codes = {"before": args.before / "src", "after": ROOT / "src"}
    pages = {"story": f"/stories/{args.story}", "home": "/"}
    runs = []
    for i, label in enumerate(["before", "after", "after", "before"]):
        load = round(os.getloadavg()[0], 1)
        r = run(codes[label], args.store, PORT + i, pages, args.clients, args.requests)
        runs.append({"code": label, "load_before": load, **r})
        print(json.dumps(runs[-1]), flush=True)
    doc = {"what": __doc__.split("\n")[0], "story": args.story, "clients": args.clients, "runs": runs}
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
