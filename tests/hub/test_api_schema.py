"""Property-based fuzzing of every operation in the live hub's `/openapi.json` with schemathesis.

Proves the API contract of docs/architecture.md "bad input is 4xx, never 5xx" beyond the cases
written by hand: for each operation, schemathesis generates requests that fit the schema
(positive) and requests that do not (negative), sends them with an admin token (which may do
everything) and with a counter token (refused most of the time, so the refusal paths are fuzzed
too), and checks that no answer is a server error and that every error answer is JSON with a
`code`; a revoked token fuzzes the refusals before any handler runs. Bounded (25 examples per
operation and mode) so the file runs in well under two minutes.
"""

from __future__ import annotations

import traceback

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

EXAMPLES = 25


def error_is_json_with_code(ctx, response, case) -> None:
    """Every 4xx/5xx answer is `{code, message, ...}` JSON."""
    if response.status_code < 400:
        return
    assert response.headers.get("content-type", [""])[0].startswith("application/json"), (
        case.operation.label, response.status_code, response.text[:200])
    body = response.json()
    assert isinstance(body, dict) and body.get("code") and body.get("message"), (
        case.operation.label, response.status_code, body)


def _fuzz(live_hub, token: str) -> dict[str, str]:
    """Run every operation in both modes; return {operation and mode: first failure}."""
    schema = schemathesis.openapi.from_url(f"{live_hub.url}/openapi.json", timeout=30)
    headers = {"Authorization": f"Bearer {token}"}
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15, [op.label for op in operations]
    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def run(case) -> None:
                case.call_and_validate(base_url=live_hub.url, headers=headers, timeout=30,
                                       checks=[not_a_server_error, error_is_json_with_code])

            try:
                run()
            except Unsatisfiable:
                assert mode == GenerationMode.NEGATIVE  # nothing to break, e.g. /api/health
            except (Exception, BaseExceptionGroup) as exc:  # collect all, name every bad one
                text = "".join(traceback.format_exception_only(exc))
                failures[f"{op.label} [{mode}]"] = text[:1500]
    return failures


@pytest.mark.slow
@pytest.mark.parametrize("role", ["admin", "counter", "invalid"])
def test_no_operation_answers_with_a_server_error(live_hub, role):
    store = live_hub.hub.store
    live_hub.hub.auth.add_officer("fuzz.officer", "123456")
    for c in store.counters():  # give the fuzzer something to act on
        store.set_counter_status(c.number, "open")
    if role == "invalid":  # a revoked token: the 401 path of every operation is fuzzed too
        token = live_hub.token("admin")
        live_hub.hub.auth.revoke(live_hub.hub.auth.stations()[-1]["id"])
    else:
        token = live_hub.token(role, 1 if role == "counter" else None)
    failures = _fuzz(live_hub, token)
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert httpx.get(f"{live_hub.url}/api/health").status_code == 200  # still answering
