"""Geocoder accuracy and speed: location fields of ``sitrep evaluate`` plus resolutions per second.

Accuracy uses the human-coded files in ../shared/data when present (a clone without them gets the
project's own gold set only); speed runs ``Geocoder.locate`` on sentences it has not seen before.

    .venv/bin/python benchmarks/bench_geocode.py [--shared ../shared/data] [--misses N] [--only gtd]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from sitrep.analytics.evaluate import evaluate
from sitrep.analytics.gold import read_gold
from sitrep.extract.base import get_extractor
from sitrep.extract.geocode import Geocoder
from sitrep.knowledge.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("country", "admin1", "admin2", "location", "location_10km", "location_25km")


def sources(shared: Path) -> dict[str, Path]:
    found = {"gold": ROOT / "tests" / "gold" / "extraction_gold.jsonl"}
    for name, rel in (("gtd", "gtd/gtd_2021h1_af_pk.csv"), ("acled", "acled/acled_pk_balochistan_2020_2023.csv"),
                      ("gtd2015", "gtd/gtd_pk_2015_bombings.csv")):
        if (shared / rel).exists():
            found[name] = shared / rel
    return found


def accuracy(path: Path, misses: int) -> dict:
    extractor = get_extractor("rules", geocoder=Geocoder.default())
    kind, docs = read_gold(path)
    report = evaluate(docs, extractor.extract, kind)
    out = {k: round(v.accuracy, 3) for k, v in report.fields.items() if k in FIELDS}
    out["median_km"] = round(report.median_km, 1)
    shown = 0
    for miss in report.misses:
        if miss.field in FIELDS[1:] and shown < misses:
            shown += 1
            pred = f"{miss.predicted:.0f}km" if isinstance(miss.predicted, float) else miss.predicted
            print(f"  {miss.field}\t{miss.gold}\t{pred}\t{miss.text[:170]!r}")
    return out


def speed(path: Path) -> dict[str, int]:
    """Texts placed per second, and place resolutions per second: every place name found in those texts and
    resolved against the gazetteer, counted over the same time (which includes finding the names and
    choosing the event's place)."""
    geocoder = Geocoder(Gazetteer.load())  # a fresh instance: no cached results
    _, docs = read_gold(path)
    sentences = [d.document.text for d in docs][:3000]
    started = time.perf_counter()
    for s in sentences:
        geocoder.locate(s)
    seconds = time.perf_counter() - started
    names = sum(len(geocoder.find(s)) for s in sentences)  # the place names (not demonyms) each text holds
    return {"locate_per_s": round(len(sentences) / seconds), "resolutions_per_s": round(names / seconds),
            "names_per_text": round(names / len(sentences), 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    Gazetteer.load.__func__  # noqa: B018 - the class method exists before timing
    t0 = time.perf_counter()
    Gazetteer.load()
    load_s = time.perf_counter() - t0
    results: dict[str, dict] = {"load_seconds": {"gazetteer": round(load_s, 3)}}
    found = sources(args.shared)
    for name, path in found.items():
        if args.only and name not in args.only.split(","):
            continue
        print(f"== {name}")
        results[name] = accuracy(path, args.misses)
    results["speed"] = speed(found.get("gtd", found["gold"]))
    results["speed"]["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
