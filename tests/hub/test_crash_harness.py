"""The crash harness (bench/crash_harness.py) in CI: the real hub SIGKILLed under load 15 times,
restarted, and checked each time (integrity, acknowledged tickets kept, no number twice, a
gap-free event sequence, a sane sync cursor), then central compared with the hub once sync has
healed. The full run is `bench/crash_harness.py --rounds 200`; this is the same code, shorter."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROUNDS = 15
_HARNESS = Path(__file__).resolve().parents[2] / "bench" / "crash_harness.py"


def _harness():
    # bench/ is not a package (its scripts run from the repository root): load it by path.
    spec = importlib.util.spec_from_file_location("crash_harness", _HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_hub_killed_under_load_keeps_every_acknowledged_ticket(tmp_path):
    harness = _harness()
    tally = harness.run(ROUNDS, tmp_path / "hub", seed=8, log=lambda _line: None)
    print(harness.table(ROUNDS, tally))
    assert not tally.failures, "\n".join(tally.failures[:20])
    assert tally.acknowledged > ROUNDS  # the load really issued tickets between the kills
    assert tally.mid_request >= ROUNDS // 2, "the kills should land while requests are open"
