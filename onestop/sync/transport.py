"""Talking to central over HTTP, shared by the outbox pusher (pusher.py) and the catalogue
puller (catalog_pull.py): the client every request goes through, the one failure type, and how
central's error answers become that failure (retry, stop, or enrol again; docs/sync.md)."""

from __future__ import annotations

import httpx

from onestop import __version__
from onestop.hub.outbox import SyncLink

from . import protocol as p


class SyncError(Exception):
    """A push or pull that failed; `retry` says whether sending again can help."""

    def __init__(self, message: str, *, retry: bool = True, reenrol: bool = False,
                 retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message, self.retry, self.reenrol = message, retry, reenrol
        self.retry_after, self.status = retry_after, status


def http_client(link: SyncLink | None = None, *, base_url: str | None = None,
                timeout: float = 30.0, transport: httpx.BaseTransport | None = None
                ) -> httpx.Client:
    """An HTTPS-verifying client for central; a private CA file replaces the system's."""
    import ssl

    ca_file = link.ca_file if link else None
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=ca_file) if ca_file \
        else True
    headers = {"User-Agent": f"onestop-hub/{__version__}"}
    if link and link.token:
        headers["Authorization"] = f"Bearer {link.token}"
    return httpx.Client(base_url=base_url or (link.central_url if link else ""),
                        verify=verify, timeout=httpx.Timeout(timeout, connect=10.0),
                        headers=headers, transport=transport)


def error_from_response(response: httpx.Response, what: str) -> SyncError:
    try:
        body = response.json()
        detail = f"{body.get('code')}: {body.get('message')}"
    except Exception:
        detail = response.text[:200] or response.reason_phrase
    status = response.status_code
    message = f"{what}: central answered {status} ({detail})"
    if status == p.REENROL_STATUS:
        return SyncError(message + "; enrol this hub again", retry=False, reenrol=True,
                         status=status)
    retry_after = None
    if status == 429:
        try:
            retry_after = float(response.headers.get("Retry-After", ""))
        except ValueError:
            retry_after = None
    retry = status in p.RETRY_STATUSES or status >= 500
    return SyncError(message, retry=retry, retry_after=retry_after, status=status)
