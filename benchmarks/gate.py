"""Measure the accuracy gate's data sets and, with --raise, lift the floors in tests/gold/floors.toml.

Floors only go up: a floor is replaced only by a higher measured value (rounded down to 3 decimals).
Lowering one needs --allow-regression and a reason in the commit.

    .venv/bin/python benchmarks/gate.py [--raise] [--allow-regression] [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import math
import tomllib
from importlib import resources
from pathlib import Path

from sitrep.analytics.evaluate import evaluate
from sitrep.analytics.gold import GoldDoc, read_gold
from sitrep.extract.base import get_extractor
from sitrep.extract.geocode import Geocoder
from sitrep.sources.files import iter_documents

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "gold" / "floors.toml"
SHARED = {"gtd": "gtd/gtd_2021h1_af_pk.csv", "acled": "acled/acled_pk_balochistan_2020_2023.csv",
          "ucdp": "ucdp/ucdp_ged_pk_1989_2021.csv"}
GATED = {  # the fields each set is gated on
    "sitrep_gold": ["event_f1", "event_type", "sub_event_type", "date", "fatalities", "wounded", "admin1",
                    "location", "actor1", "perpetrator"],
    "sample_gold": ["event_f1", "event_type", "date", "fatalities", "admin1", "location"],
    "gtd": ["event_found", "date", "fatalities", "wounded", "perpetrator", "attack_category", "admin1",
            "country", "location_25km"],
    "acled": ["event_type", "sub_event_type", "actor1", "actor2", "fatalities", "date", "admin2",
              "location_10km"],
    "ucdp": ["fatalities", "date"],
}


def sample_docs() -> list[GoldDoc]:
    corpus = Path(str(resources.files("sitrep") / "data" / "sample" / "reports.jsonl"))
    gold = {}
    for line in (ROOT / "tests" / "gold" / "sample_gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            gold[obj["id"]] = obj["events"]
    return [GoldDoc(d, gold.get(d.doc_id, [])) for d in iter_documents([corpus]) if not isinstance(d, Exception)]


def measure(shared: Path) -> dict[str, dict[str, float]]:
    extractor = get_extractor("rules", geocoder=Geocoder.default())
    sets = {"sitrep_gold": ("sitrep", read_gold(ROOT / "tests" / "gold" / "extraction_gold.jsonl")[1]),
            "sample_gold": ("sitrep", sample_docs())}
    for name, rel in SHARED.items():
        if (shared / rel).exists():
            sets[name] = (name, read_gold(shared / rel, name)[1])
    out = {}
    for name, (kind, docs) in sets.items():
        report = evaluate(docs, extractor.extract, kind)
        values = {k: v.accuracy for k, v in report.fields.items()}
        values["event_f1"] = report.f1
        out[name] = {k: values[k] for k in GATED[name] if k in values and not math.isnan(values[k])}
        print(f"{name}: " + ", ".join(f"{k} {v:.3f}" for k, v in out[name].items()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raise", dest="lift", action="store_true", help="lift floors to the measured values")
    parser.add_argument("--allow-regression", action="store_true", help="allow a floor to go down")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    measured = measure(args.shared)
    if not args.lift:
        return
    for name, values in measured.items():
        table = floors.setdefault(name, {})
        for field, value in values.items():
            new = math.floor(value * 1000) / 1000
            if args.allow_regression or new > table.get(field, -1.0):
                table[field] = new
    lines = ["# Accuracy floors of the gate (tests/test_accuracy_gate.py). They only go up: benchmarks/gate.py",
             "# --raise lifts them after a measured improvement; lowering one needs --allow-regression.", ""]
    for name in sorted(floors):
        lines.append(f"[{name}]")
        lines.extend(f"{field} = {value:.3f}" for field, value in sorted(floors[name].items()))
        lines.append("")
    FLOORS.write_text("\n".join(lines), encoding="utf-8")
    print(f"floors written to {FLOORS}")


if __name__ == "__main__":
    main()
