"""The sync wire protocol, version 1 (docs/sync.md): what a hub sends and what central answers.

Shared by the hub's pusher and the central server, so both sides validate the same shapes.
Plain pydantic models and constants; no HTTP, no database.

Ordering and de-duplication rest on (hub_id, seq) only: the hub's gap-free event sequence.
Wall clocks are carried for information (central stamps receipt time and reports the skew).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MAX_BATCH_EVENTS = 2000        # central refuses larger batches with 413
MAX_BATCH_BYTES = 8 * 1024 * 1024  # central refuses a larger request body with 413
DEFAULT_BATCH_EVENTS = 500     # what the hub sends per request
# A catalogue is ~30 KB; the hub's own PUT /api/catalog takes at most 256 KB (its body limit),
# and central neither publishes nor does a hub install a bigger one from central.
MAX_CATALOG_BYTES = 256 * 1024
MAX_EVENT_SCHEMA = 1           # highest event schema central understands (events.SCHEMA_VERSION)

# Paths on central.
ENROL_PATH = "/api/enrol"
EVENTS_PATH = "/api/sync/events"
STATUS_PATH = "/api/sync/status"
CATALOG_PATH = "/api/catalog"
BOOKINGS_PATH = "/api/hub/bookings"  # ?from=DAY&to=DAY, hub token, ETag
HUBS_PATH = "/api/hubs"
INBOX_PATH = "/api/hub/inbox"        # ?after=ID, hub token: notices, feedback, replies, holidays
INBOX_PAGE = 100                     # items per answer at most

# Request-level answers the hub must treat specially (everything else 4xx: do not retry).
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
REENROL_STATUS = 401

# Per-event outcomes in a batch answer.
STORED = "stored"          # new, applied
DUPLICATE = "duplicate"    # central already holds this (hub_id, seq) with the same event id
REJECTED = "rejected"      # invalid; parked on central with the reason, never blocks later ones
EventStatus = Literal["stored", "duplicate", "rejected"]


class WireEvent(BaseModel):
    """One outbox event as sent. Central validates each one separately, so a bad event is
    rejected on its own instead of failing the batch."""

    model_config = ConfigDict(extra="forbid")

    hub_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1)
    id: str = Field(min_length=1, max_length=64)
    type: str = Field(min_length=1, max_length=64)
    at: str = Field(min_length=1, max_length=40)       # hub clock, ISO 8601 UTC; information only
    schema_: int = Field(alias="schema", ge=1)
    data: dict


class Batch(BaseModel):
    """POST /api/sync/events. `events` stay raw dicts here; see WireEvent."""

    model_config = ConfigDict(extra="forbid")

    protocol: int = Field(ge=1)
    hub_id: str = Field(min_length=1, max_length=64)
    sent_at: str = Field(min_length=1, max_length=40)  # hub clock at sending, for the skew
    events: list[dict] = Field(max_length=MAX_BATCH_EVENTS)


class EventResult(BaseModel):
    seq: int
    status: EventStatus
    reason: str | None = None


class BatchAnswer(BaseModel):
    """200 answer to a batch. `acked` is the highest seq central holds contiguously from 1
    (stored or rejected-and-parked); the hub stores it as its cursor and resends from acked+1."""

    protocol: int = PROTOCOL_VERSION
    hub_id: str
    acked: int
    received_at: str   # central clock
    # received_at - sent_at, seconds (positive: the hub's clock is behind); None when sent_at
    # is not a readable ISO 8601 time (the batch is still applied).
    skew_s: float | None
    results: list[EventResult]


class EnrolRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=4, max_length=64)
    hub_id: str = Field(min_length=1, max_length=64)
    version: str | None = Field(default=None, max_length=40)   # the hub's onestop version
    # The ward's short code (dossier codes start with it); central refuses one another ward
    # uses (409 ward_code_taken). Older hubs send none.
    ward_code: str | None = Field(default=None, pattern=r"^[A-Z0-9]{2,8}$")


class EnrolAnswer(BaseModel):
    hub_id: str
    ward: str
    token: str         # the hub's own token for every later call; shown once
    acked: int = 0     # what central already holds for this hub id (re-enrolment)
    # The ward's booking key, hex (32 bytes): the hub verifies booking codes offline with it
    # (onestop/queue/booking_codes.py, docs/booking.md). Kept across re-enrolments.
    booking_key: str | None = None


class SyncStatusAnswer(BaseModel):
    """GET /api/sync/status with the hub token: what central holds for this hub."""

    hub_id: str
    ward: str
    acked: int
    events: int
    rejected: int
    last_sync_at: str | None
    booking_key: str | None = None  # as in EnrolAnswer (a hub enrolled before booking existed)


class ErrorAnswer(BaseModel):
    """Every 4xx/5xx from central: a stable code and a human message."""

    code: str
    message: str
