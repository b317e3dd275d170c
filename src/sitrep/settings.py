"""Declared settings: name, default and help, layered defaults < environment (SITREP_*) < command line."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "SITREP_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "sqlite:///./sitrep.db",
            "Where events are stored: a SQLAlchemy URL (sqlite:///path or postgresql+psycopg://...)."),
    Setting("max_document_bytes", str(10 * 1024 * 1024),
            "Documents larger than this are refused and recorded as failures."),
    Setting("user", "",
            "Name recorded in the audit trail for manual edits (defaults to the login name)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: str | None = None) -> str:
    """Value of a setting: the override (command line) if given, else the environment, else the default."""
    if override:
        return override
    setting = _BY_NAME[name]
    return os.environ.get(setting.env) or setting.default
