"""Clustering quality of event linking: pairwise and B-cubed precision, recall and F1.

Both functions take two equally long sequences: ``predicted[i]`` and ``gold[i]`` are the cluster labels
of item ``i`` (any hashable values; labels of the two sides are never compared with each other).

- *Pairwise*: every unordered pair of items is a decision. A pair is a true positive when both sides
  put the two items together; precision = TP / pairs predicted together, recall = TP / pairs together
  in gold. Large clusters weigh quadratically, so one wrong merge of two big events shows clearly.
- *B-cubed* (Bagga & Baldwin 1998): for each item, precision is the share of its predicted cluster
  that shares its gold cluster, and recall the share of its gold cluster that shares its predicted
  cluster; both are averaged over items. Every item weighs the same.

When there is nothing to get wrong (no pair predicted together, or none together in gold) the
corresponding ratio is 1.0: a singleton-only prediction has perfect pairwise precision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float


def _prf(precision: float, recall: float) -> PRF:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def _check(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} labels but gold has {len(gold)}")


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """Pairwise precision, recall and F1 of a clustering against gold clusters."""
    _check(predicted, gold)
    joint = Counter(zip(predicted, gold, strict=True))
    tp = _pairs(joint)
    pred_pairs = _pairs(Counter(predicted))
    gold_pairs = _pairs(Counter(gold))
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / gold_pairs if gold_pairs else 1.0
    return _prf(precision, recall)


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """B-cubed precision, recall and F1 of a clustering against gold clusters."""
    _check(predicted, gold)
    if not gold:
        return PRF(1.0, 1.0, 1.0)
    joint = Counter(zip(predicted, gold, strict=True))
    pred_size, gold_size = Counter(predicted), Counter(gold)
    # Items sharing both labels have identical per-item scores, so sum over (pred, gold) cells.
    precision = sum(n * n / pred_size[p] for (p, _g), n in joint.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_p, g), n in joint.items()) / len(gold)
    return _prf(precision, recall)
