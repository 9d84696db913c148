"""The counter window's two lists from the hub: its backlog (in the order routing will call it)
and the citizens it parked. A mixin of CounterWindow, which owns the state it fills."""

from __future__ import annotations


class CounterLists:
    """Loads `backlog`/`waiting` and `parked`; an older answer never overwrites a newer one."""

    def _load_list(self, name: str, path: str, apply) -> None:
        self._generation[name] += 1
        generation = self._generation[name]

        def got(data) -> None:
            if generation == self._generation[name]:  # an older answer must not win
                apply(data)
                self._render()

        self._get(path, got)  # on failure the next event or state asks again

    def _load_backlog(self) -> None:
        def apply(data: dict) -> None:
            self.backlog, self.waiting = data["upcoming"], data["waiting"]

        # The hub's own routing order, so the list is what "next" will really bring.
        self._load_list("backlog", f"/api/counters/{self.number}/upcoming?limit=12", apply)

    def _load_parked(self) -> None:
        self._load_list("parked", f"/api/counters/{self.number}/parked",
                        lambda data: setattr(self, "parked", data["parked"]))
