"""The extractor interface and a registry, so built-in and third-party extractors plug in the same way."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from sitrep.domain import Document, Mention

logger = logging.getLogger(__name__)


@runtime_checkable
class Extractor(Protocol):
    """Turns one document into the events it reports."""

    name: str

    def extract(self, doc: Document) -> list[Mention]: ...


ExtractorFactory = Callable[..., Extractor]

_REGISTRY: dict[str, ExtractorFactory] = {}


def register_extractor(name: str, factory: ExtractorFactory) -> None:
    """Make ``factory`` available as ``get_extractor(name)``; a later registration replaces an earlier one."""
    if name in _REGISTRY and _REGISTRY[name] is not factory:
        logger.info("extractor %s re-registered", name)
    _REGISTRY[name] = factory


def available_extractors() -> tuple[str, ...]:
    """Names of the registered extractors."""
    _load_builtins()
    return tuple(sorted(_REGISTRY))


def get_extractor(name: str = "rules", **kwargs: Any) -> Extractor:
    """A new extractor built by the factory registered under ``name``.

    Raises:
        KeyError: no extractor of that name is registered.
    """
    _load_builtins()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; available: {', '.join(sorted(_REGISTRY))}") from None
    return factory(**kwargs)


def _load_builtins() -> None:
    # Importing the module registers the built-in extractor; done lazily to keep imports one-way.
    import sitrep.extract.rules  # noqa: F401
