"""Hỏi thủ tục: time per question in-process, full bundled catalogue (docs/guide.md).

Every question of tests/data/guide_questions.jsonl, _dev2, _dev3, _dev4 (and the holdout
file when present) is answered `--rounds` times; the table gives p50/p95/p99/max per question.
Timing only: no answer is scored here. Baseline in the same
run: reception's finder (queue/search.py) on the same questions, a single ranking without
synonyms, parts or confidence. The index build (once per catalogue) is timed apart.
Run: .venv/bin/python bench/guide.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import cpu_model  # noqa: E402  (bench/ is on sys.path)

from onestop.queue.catalog import default_catalog  # noqa: E402
from onestop.queue.guide import GuideIndex, ask, index_for  # noqa: E402
from onestop.queue.search import SearchIndex, search  # noqa: E402

QUESTIONS = [ROOT / "tests" / "data" / f"guide_questions{tail}.jsonl"
             for tail in ("", "_dev2", "_holdout", "_dev3", "_dev4")]


def questions() -> list[str]:
    found = []
    for path in QUESTIONS:
        if path.is_file():
            found += [json.loads(line)["q"] for line in path.read_text("utf-8").splitlines()
                      if line.strip()]
    return found


def per_question(fn, asked: list[str], rounds: int) -> list[float]:
    for q in asked:  # warm: the index and the typo caches
        fn(q)
    times = []
    for _ in range(rounds):
        for q in asked:
            start = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - start) * 1000)
    return times


def row(name: str, times: list[float]) -> str:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return (f"{name:<34}{cuts[49]:>8.2f}{cuts[94]:>8.2f}{cuts[98]:>8.2f}{max(times):>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    catalog = default_catalog()
    asked = questions()
    start = time.perf_counter()
    GuideIndex(catalog)
    build_guide = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    SearchIndex(catalog)
    build_search = (time.perf_counter() - start) * 1000
    index_for(catalog)
    print(f"# {date.today()}, {cpu_model()}, Python {platform.python_version()}; "
          f"{len(catalog.services)} procedures, {len(asked)} questions x {args.rounds}")
    print(f"{'ms per question':<34}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
    print(row("Hỏi thủ tục (queue/guide.py)", per_question(
        lambda q: ask(catalog, q), asked, args.rounds)))
    print(row("baseline: reception finder", per_question(
        lambda q: search(catalog, q), asked, args.rounds)))
    print(f"index build, once per catalogue: guide {build_guide:.1f} ms, "
          f"finder {build_search:.1f} ms")


if __name__ == "__main__":
    main()
