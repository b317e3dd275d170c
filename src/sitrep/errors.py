"""All errors sitrep raises, grouped by stage; each carries the structured fields a user needs."""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every sitrep error. ``http_status`` is what the API answers with."""

    http_status = 500

    def __init__(self, message: str, **fields: object) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields

    def __str__(self) -> str:
        return self.message


class InputError(SitrepError):
    """A document or record that could not be read.

    ``path`` and ``line`` locate it; ``reason`` is a short machine-readable cause.
    """

    http_status = 400

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 reason: str = "unreadable") -> None:
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}", path=path, line=line, reason=reason)
        self.path = path
        self.line = line
        self.reason = reason
        self.detail = message


class ConfigError(SitrepError):
    """A setting or a database URL that cannot work."""

    http_status = 500


class StoreError(SitrepError):
    """The database refused an operation."""


class NotFound(SitrepError):
    """An event, document or mention that does not exist."""

    http_status = 404


class NotConfigured(SitrepError):
    """A component switched itself off because what it needs is missing (the reason says what)."""
