"""store layer: SQLAlchemy models, Alembic migrations and the Store repository."""

from sitrep.store.repository import EventFilter, Store

__all__ = ["EventFilter", "Store"]
