"""link layer: mentions → events, and reconciliation of their fields."""

from sitrep.link.linker import Cluster, LinkConfig, Linker, link, new_event_id, score
from sitrep.link.reconcile import Reconciled, reconcile

__all__ = ["Cluster", "LinkConfig", "Linker", "Reconciled", "link", "new_event_id", "reconcile", "score"]
