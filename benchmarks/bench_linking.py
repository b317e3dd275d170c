"""Linking speed and memory on synthetic mentions.

A world of ~30 countries with provinces, districts and towns; events spread over three years with a
skewed share per country (a few busy theaters, many quiet ones); 1-5 reports per event that differ in
wording, figures, the precision of the place (town, district, province), jittered coordinates and now and
then a date one day off. Each size runs in a fresh process so that peak memory is its own.

    .venv/bin/python benchmarks/bench_linking.py                      # 10k, 100k, 1M
    .venv/bin/python benchmarks/bench_linking.py --sizes 10000 --tracemalloc

Columns: mentions, events made, time to build the mentions, time of ``link()``, mentions per second,
peak resident memory of the process (getrusage; includes the mentions themselves), the tracemalloc peak
of ``link()`` alone when asked for, and pairwise / B-cubed F1 against the generated truth.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sitrep.domain import Evidence, Mention
from sitrep.link import link
from sitrep.link.metrics import bcubed, pairwise

START = date(2022, 1, 1)
DAYS = 3 * 365
TYPES = (  # (event type, sub-event type, weight)
    ("Battles", "Armed clash", 30),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 14),
    ("Explosions/Remote violence", "Suicide bomb", 5),
    ("Explosions/Remote violence", "Air/drone strike", 8),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 10),
    ("Explosions/Remote violence", "Grenade", 3),
    ("Violence against civilians", "Attack", 18),
    ("Violence against civilians", "Abduction/forced disappearance", 5),
    ("Strategic developments", "Arrests", 4),
    ("Protests", "Peaceful protest", 3),
)
VERBS = ("attacked", "struck", "ambushed", "fired on", "targeted", "raided", "hit")
TARGETS = ("a checkpoint", "a convoy", "a market", "a police station", "a village", "an army post", "a bus",
           "a mosque", "a patrol", "a compound")
SOURCES = ("officials said", "police said", "a spokesman said", "residents said", "the military said",
           "hospital sources said", "local media reported")
N_COUNTRIES = 30


@dataclass(frozen=True, slots=True)
class Town:
    country: str
    admin1: str
    admin2: str
    name: str
    lat: float
    lon: float


def world(rng: random.Random) -> tuple[list[list[Town]], list[float]]:
    """Towns per country, and each country's share of events (Zipf-like)."""
    countries: list[list[Town]] = []
    for c in range(N_COUNTRIES):
        cname = f"Country{c:02d}"
        clat, clon = rng.uniform(-10, 50), rng.uniform(-15, 110)
        towns = []
        for p in range(rng.randint(4, 16)):
            plat, plon = clat + rng.uniform(-4, 4), clon + rng.uniform(-4, 4)
            for d in range(rng.randint(3, 9)):
                dlat, dlon = plat + rng.uniform(-0.6, 0.6), plon + rng.uniform(-0.6, 0.6)
                for t in range(rng.randint(2, 6)):
                    towns.append(Town(cname, f"{cname}-P{p}", f"{cname}-P{p}-D{d}", f"{cname}-P{p}-D{d}-T{t}",
                                      dlat + rng.uniform(-0.2, 0.2), dlon + rng.uniform(-0.2, 0.2)))
        countries.append(towns)
    weights = [1.0 / (rank + 1) for rank in range(N_COUNTRIES)]
    return countries, weights


def actors(country: str, rng: random.Random) -> tuple[str, str]:
    pool = (f"Military Forces of {country}", f"Police Forces of {country}", f"Civilians ({country})",
            f"Unidentified Armed Group ({country})", f"{country} Liberation Front", f"{country} Islamic Movement")
    a, b = rng.sample(pool, 2)
    return a, b


def report(ev: dict, k: int, rng: random.Random) -> Mention:
    town: Town = ev["town"]
    roll = rng.random()
    if roll < 0.6:
        place = {"location": town.name, "admin2": town.admin2, "geo_precision": 1,
                     "latitude": town.lat + rng.gauss(0, 0.01), "longitude": town.lon + rng.gauss(0, 0.01)}
    elif roll < 0.85:
        place = {"location": town.admin2, "admin2": town.admin2, "geo_precision": 2,
                     "latitude": town.lat + rng.gauss(0, 0.1), "longitude": town.lon + rng.gauss(0, 0.1)}
    else:
        place = {"location": town.admin1, "admin2": None, "geo_precision": 3, "latitude": None, "longitude": None}
    day = ev["day"] + timedelta(days=1 if rng.random() < 0.08 else 0)
    fat = ev["fatalities"]
    if fat is not None and rng.random() < 0.5:
        fat = max(0, fat + rng.randint(-2, 4))
    a1 = ev["actor1"] if rng.random() > 0.15 else f"Unidentified Armed Group ({town.country})"
    sentence = (f"Gunmen {rng.choice(VERBS)} {ev['target']} in {place['location']} on day {day.toordinal()}, "
                f"killing {fat if fat is not None else 'several'} people, {rng.choice(SOURCES)}.")
    published = datetime.combine(ev["day"], datetime.min.time(), UTC) + timedelta(hours=rng.randint(2, 72))
    return Mention(
        event_date=day, date_precision="day", event_type=ev["type"], sub_event_type=ev["sub"], actor1=a1,
        actor2=ev["actor2"], country=town.country, admin1=town.admin1, fatalities=fat, certainty="reported",
        doc_id=f"{ev['id']}-{k}", content_hash=f"{ev['id']:010x}{k:06x}", index=0, published_at=published,
        evidence=(Evidence("event", sentence),), **place)


def build(n: int, seed: int = 7) -> tuple[list[Mention], dict[str, int]]:
    rng = random.Random(seed)
    countries, weights = world(rng)
    types = [(t, s) for t, s, _ in TYPES]
    type_w = [w for _, _, w in TYPES]
    mentions: list[Mention] = []
    truth: dict[str, int] = {}
    eid = 0
    while len(mentions) < n:
        towns = rng.choices(countries, weights)[0]
        town = rng.choice(towns)
        etype, sub = rng.choices(types, type_w)[0]
        a1, a2 = actors(town.country, rng)
        ev = {"id": eid, "town": town, "day": START + timedelta(days=rng.randrange(DAYS)), "type": etype, "sub": sub,
                  "actor1": a1, "actor2": a2, "target": rng.choice(TARGETS),
                  "fatalities": None if rng.random() < 0.2 else int(rng.expovariate(0.25))}
        for k in range(rng.choices((1, 2, 3, 4, 5), (35, 25, 18, 13, 9))[0]):
            if len(mentions) >= n:
                break
            m = report(ev, k, rng)
            mentions.append(m)
            truth[m.mention_key] = eid
        eid += 1
    return mentions, truth


def run_one(n: int, trace: bool) -> dict:
    t0 = time.perf_counter()
    mentions, truth = build(n)
    t1 = time.perf_counter()
    if trace:
        tracemalloc.start()
    result = link(mentions)
    t2 = time.perf_counter()
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    pred = [c.event_id for _, c, _ in result]
    gold = [truth[m.mention_key] for m, _, _ in result]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"n": n, "events": len(set(pred)), "true_events": len(set(gold)), "build_s": t1 - t0, "link_s": t2 - t1,
                "rate": n / (t2 - t1), "rss_mb": rss, "traced_mb": traced, "pairwise_f1": pairwise(pred, gold).f1,
                "bcubed_f1": bcubed(pred, gold).f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--tracemalloc", action="store_true", help="also trace link() allocations (slower)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.tracemalloc)))
        return
    print(f"python {platform.python_version()} on {platform.machine()}, one process per size")
    header = (f"{'mentions':>10} {'events':>9} {'true ev':>9} {'build s':>8} {'link s':>8} {'ment/s':>8} "
              f"{'peak RSS MB':>11} {'traced MB':>9} {'pw F1':>6} {'B3 F1':>6}")
    print(header)
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--tracemalloc"] if args.tracemalloc else [])
        row = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        traced = f"{row['traced_mb']:9.0f}" if row["traced_mb"] is not None else f"{'-':>9}"
        print(f"{row['n']:>10,} {row['events']:>9,} {row['true_events']:>9,} {row['build_s']:>8.1f} "
              f"{row['link_s']:>8.1f} {row['rate']:>8,.0f} {row['rss_mb']:>11,.0f} {traced} "
              f"{row['pairwise_f1']:>6.3f} {row['bcubed_f1']:>6.3f}", flush=True)


if __name__ == "__main__":
    main()
