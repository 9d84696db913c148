"""Issue 13, finding 2: every hub limiter holds under parallel requests. 40 guesses at once
get exactly the limit checked, and the right secret sent as the 26th is refused (429) like
the others. Real hub on loopback; the real check is only held open (tests/gate.py)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from onestop.hub.pages import CITIZEN_RATE
from onestop.ratelimit import RateLimiter
from tests.gate import Gate, guess_in_parallel

PIN_LIMIT, PAIR_LIMIT = 5, 10


def _post(url: str, path: str, body: dict, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return lambda: httpx.post(f"{url}{path}", json=body, headers=headers, timeout=60)


def test_forty_parallel_wrong_pins_check_exactly_the_limit(live_hub, monkeypatch):
    auth = live_hub.hub.auth
    auth.add_officer("lan", "246810", "Nguyễn Thị Lan")
    gate = Gate(auth.check_officer, lambda _user, pin: pin != "246810")
    monkeypatch.setattr(auth, "check_officer", gate)
    token = live_hub.token("counter", 2)
    path = "/api/counters/2/sign-in"
    wrong = [_post(live_hub.url, path, {"username": "lan", "pin": f"{i:06d}"}, token)
             for i in range(39)]
    right = _post(live_hub.url, path, {"username": "lan", "pin": "246810"}, token)
    statuses, right_status = guess_in_parallel(gate, wrong, right, first=25)
    assert gate.entered == PIN_LIMIT
    assert statuses == {401: PIN_LIMIT, 429: 39 - PIN_LIMIT}
    assert right_status == 429  # the right PIN as the 26th of 40 does not sign in
    # Another counter station is not affected; a success is not charged.
    other = live_hub.token("counter", 3)
    for _ in range(PIN_LIMIT + 1):
        assert _post(live_hub.url, "/api/counters/3/sign-in",
                     {"username": "lan", "pin": "246810"}, other)().status_code == 200


def test_forty_parallel_wrong_pairing_codes_check_exactly_the_limit(live_hub, monkeypatch):
    auth = live_hub.hub.auth
    code, _ = auth.create_pairing_code("counter", 4)
    gate = Gate(auth.redeem, lambda typed, _name="": typed != code)
    monkeypatch.setattr(auth, "redeem", gate)
    wrong = [_post(live_hub.url, "/api/pair", {"code": f"WRONG{i:03d}", "name": "x"})
             for i in range(39)]
    right = _post(live_hub.url, "/api/pair", {"code": code, "name": "Quầy 4"})
    statuses, right_status = guess_in_parallel(gate, wrong, right, first=25)
    assert gate.entered == PAIR_LIMIT
    assert statuses == {401: PAIR_LIMIT, 429: 39 - PAIR_LIMIT}
    assert right_status == 429


def test_forty_parallel_citizen_requests_get_exactly_the_limit(live_hub):
    gate = threading.Barrier(40)

    def visit(i: int) -> int:
        gate.wait()
        return httpx.get(f"{live_hub.url}/t/not-a-ticket-{i}", timeout=60).status_code

    with ThreadPoolExecutor(40) as pool:
        statuses = list(pool.map(visit, range(40)))
    assert statuses.count(429) == 40 - CITIZEN_RATE
    assert statuses.count(404) == CITIZEN_RATE


def test_limiter_gives_exactly_its_tokens_to_parallel_takers():
    clock = [0.0]
    limiter = RateLimiter(10, 60, lambda: clock[0])
    gate = threading.Barrier(40)

    def take(_i: int) -> bool:
        gate.wait()
        return limiter.allow("k")

    with ThreadPoolExecutor(40) as pool:
        assert sum(pool.map(take, range(40))) == 10
    limiter.refund("k")  # a success gives its token back; never above the capacity
    assert limiter.allow("k") and not limiter.allow("k")
    for _ in range(20):
        limiter.refund("k")
    assert sum(limiter.allow("k") for _ in range(40)) == 10
