"""Domain errors: a stable code for programs, a message in English and in Vietnamese for people."""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse. Nothing was changed."""

    status = 409  # what an HTTP layer should answer; input errors override it with 422/404

    def __init__(self, code: str, message: str, message_vi: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_vi = message_vi
        self.details = details

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "message_vi": self.message_vi,
                **({"details": self.details} if self.details else {})}


class InvalidRequest(DomainError):
    """The request names something that does not exist or a value out of range."""

    status = 422


class NotFound(DomainError):
    status = 404


class TransitionError(DomainError):
    """The ticket's or counter's state does not allow the action."""

    status = 409
