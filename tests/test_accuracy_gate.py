"""Accuracy gate: extraction scored against gold data must not fall below the recorded floors.

Floors live in tests/gold/floors.toml and only go up (benchmarks/gate.py raises them after a measured
improvement and refuses to lower one). The sitrep gold set ships with the project; the GTD, ACLED and UCDP
files are read from ../shared/data when it is present.
"""

from __future__ import annotations

import math
import sys
import tomllib
from pathlib import Path

import pytest

from sitrep.analytics.evaluate import evaluate
from sitrep.analytics.gold import read_gold
from sitrep.extract.base import get_extractor
from sitrep.extract.geocode import Geocoder

GOLD = Path(__file__).parent / "gold"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import gate  # noqa: E402 - the gate's measuring code lives with the benchmarks

FLOORS = tomllib.loads((GOLD / "floors.toml").read_text(encoding="utf-8"))
SHARED = {
    "gtd": "gtd/gtd_2021h1_af_pk.csv",
    "acled": "acled/acled_pk_balochistan_2020_2023.csv",
    "ucdp": "ucdp/ucdp_ged_pk_1989_2021.csv",
}

pytestmark = pytest.mark.gold


@pytest.fixture(scope="module")
def extractor():
    return get_extractor("rules", geocoder=Geocoder.default())


def measured(report) -> dict[str, float]:
    values = {name: fs.accuracy for name, fs in report.fields.items()}
    values["event_f1"] = report.f1
    return values


def check(name: str, report) -> None:
    values = measured(report)
    below = []
    for field, floor in FLOORS[name].items():
        got = values.get(field, math.nan)
        if math.isnan(got) or got + 1e-9 < floor:
            below.append(f"{field}: {got:.4f} < floor {floor:.4f}")
    assert not below, f"{name} fell below its floors:\n" + "\n".join(below)


def test_own_gold_set(extractor) -> None:
    kind, docs = read_gold(GOLD / "extraction_gold.jsonl")
    check("sitrep_gold", evaluate(docs, extractor.extract, kind))


def test_sample_corpus_gold(extractor) -> None:
    check("sample_gold", evaluate(gate.sample_docs(), extractor.extract, "sitrep"))


@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_data(name: str, shared_data: Path, extractor) -> None:
    path = shared_data / SHARED[name]
    if not path.exists():
        pytest.skip(f"{path} is missing")
    kind, docs = read_gold(path, name)
    check(name, evaluate(docs, extractor.extract, kind))
