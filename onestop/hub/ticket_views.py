"""What each role may see of a ticket: ONE serialiser per role, used by every read path (REST
answers and the WebSocket feed alike), so no route can forget to redact.

The lobby display shows numbers only, and its token sits in a TV's URL: it never gets the
citizen page's secret (`token`, `public_url`: whoever holds it can rate for the citizen) nor
free text a citizen or an officer typed (`rating_comment`, `outcome`). Every desk that handles
citizens (reception, counter, supervisor, admin) gets the whole ticket: it prints the QR.
"""

from __future__ import annotations

from onestop.queue.model import Ticket, ticket_to_dict

from .auth import Role

DISPLAY_HIDDEN = frozenset({"token", "public_url", "rating_comment", "outcome"})
# Beside the ticket in an event; "subject"/"text": a recommendation to the city is the ward's
# internal business, not the lobby TV's.
DISPLAY_HIDDEN_DATA = frozenset({"reason", "comment", "subject", "text"})


def hidden_for(role: Role | str) -> frozenset[str]:
    return DISPLAY_HIDDEN if role == Role.DISPLAY else frozenset()


def redact(role: Role | str, ticket: dict) -> dict:
    """A ticket dict as `role` may see it."""
    hidden = hidden_for(role)
    if not hidden & ticket.keys():
        return ticket
    return {k: v for k, v in ticket.items() if k not in hidden}


def ticket_for(role: Role | str, ticket: Ticket, hub) -> dict:
    """The ticket as `role` may see it, with its citizen page link where allowed."""
    return redact(role, {**ticket_to_dict(ticket), "public_url": hub.public_url(ticket.token)})


def event_for(role: Role | str, event: dict) -> dict:
    """An event of the feed (a stored event's dict) as `role` may see it: its ticket through
    `redact`, and for the display without the typed reason of a park, cancel or done."""
    data = event.get("data")
    if not hidden_for(role) or not isinstance(data, dict):
        return event
    shown = {k: v for k, v in data.items() if k not in DISPLAY_HIDDEN_DATA}
    if isinstance(shown.get("ticket"), dict):
        shown["ticket"] = redact(role, shown["ticket"])
    return {**event, "data": shown}


def message_for(role: Role | str, message: dict) -> dict:
    """A WebSocket message (`event` or `snapshot`) as `role` may see it."""
    if message.get("kind") == "event" and isinstance(message.get("event"), dict):
        return {**message, "event": event_for(role, message["event"])}
    return message
