"""Importers of human-coded datasets (ACLED, UCDP GED, GTD): mapping, bad rows, the store, real files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.domain import Event
from sitrep.errors import InputError
from sitrep.sources.importers import acled_actor, admin1_today, detect_format, import_file, iter_events
from sitrep.store import Store

ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "country",
]
UCDP_HEADER = [
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_headline",
    "source_office",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
]
GTD_HEADER = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "summary",
    "suicide",
    "attacktype1_txt",
    "targtype1_txt",
    "weapsubtype1_txt",
    "gname",
    "claimed",
    "nkill",
    "nwound",
]


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


def split(items: list[Event | InputError]) -> tuple[list[Event], list[InputError]]:
    return [i for i in items if isinstance(i, Event)], [i for i in items if isinstance(i, InputError)]


def acled_rows() -> list[dict[str, str]]:
    return [
        {
            "event_id_cnty": "PAK90001",
            "event_date": "2023-06-02",
            "year": "2023",
            "time_precision": "1",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Remote explosive/landmine/IED",
            "actor1": "BLF: Baloch Liberation Front",
            "actor2": "Military Forces of Pakistan (2022-)",
            "admin1": "Balochistan",
            "admin2": "Kech",
            "location": "Turbat",
            "latitude": "26.0031",
            "longitude": "63.0544",
            "geo_precision": "1",
            "source": "Dawn; The Balochistan Post",
            "notes": "On 2 June 2023, a roadside bomb hit an army vehicle near Turbat.\n"
            "Two soldiers were killed.",
            "fatalities": "2",
            "country": "Pakistan",
        },
        {
            "event_id_cnty": "PAK90002",
            "event_date": "28 May 2023",
            "time_precision": "2",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "BLA: Baloch Liberation Army",
            "actor2": "Police Forces of Pakistan (2018-2022) Frontier Corps",
            "admin1": "Balochistan",
            "location": "Mastung",
            "latitude": "29.8",
            "longitude": "66.84",
            "geo_precision": "2",
            "notes": "Militants fired on a checkpoint.",
            "fatalities": "0",
            "country": "Pakistan",
        },
        {
            "event_id_cnty": "PAK90003",
            "event_date": "2023-05-20",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "BLA: Baloch Liberation Army",
            "latitude": "north",
            "longitude": "66",
            "fatalities": "1",
            "country": "Pakistan",
        },  # bad latitude
        {
            "event_id_cnty": "PAK90001",
            "event_date": "2023-06-02",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "X",
            "fatalities": "0",
            "country": "Pakistan",
        },  # repeated id
        {
            "event_id_cnty": "PAK90004",
            "event_date": "2023-05-19",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Pakistan)",
            "admin1": "NWFP",
            "fatalities": "",
            "country": "Pakistan",
            "notes": "A sit-in against enforced disappearances.",
        },
    ]


def test_acled_mapping_bad_rows_and_line_numbers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, acled_rows())
    events, errors = split(list(iter_events(path)))
    assert [e.external_id for e in events] == ["PAK90001", "PAK90002", "PAK90004"]
    first, second, protest = events
    assert first.origin == "imported" and first.dataset == "acled"
    assert first.event_id == "acled-PAK90001"
    assert first.event_date == date(2023, 6, 2) and first.date_precision == "day"
    assert first.actor1 == "BLF: Baloch Liberation Front"
    assert first.actor2 == "Military Forces of Pakistan"
    assert first.raw is not None and first.raw["actor2"] == "Military Forces of Pakistan (2022-)"
    assert first.raw["notes"].endswith("Two soldiers were killed.")
    assert (first.latitude, first.longitude, first.geo_precision, first.fatalities) == (
        26.0031,
        63.0544,
        1,
        2,
    )
    assert first.evidence.startswith("On 2 June 2023, a roadside bomb")
    assert [s.outlet for s in first.sources] == ["Dawn", "The Balochistan Post"]
    assert second.event_date == date(2023, 5, 28) and second.date_precision == "week"
    assert second.actor2 == "Police Forces of Pakistan"  # period and unit dropped; the raw row keeps both
    assert protest.admin1 == "Khyber Pakhtunkhwa"
    assert protest.fatalities is None
    # the first row spans two lines (a newline inside the notes), so the bad rows are on lines 5 and 6
    assert [(e.line, e.reason) for e in errors] == [(5, "bad_value"), (6, "duplicate_id")]
    assert "latitude" in errors[0].detail


def ucdp_rows() -> list[dict[str, str]]:
    return [
        {
            "id": "990001",
            "year": "2009",
            "type_of_violence": "1",
            "side_a": "Government of Pakistan",
            "side_b": "TTP",
            "source_headline": "Troops kill militants in Swat",
            "source_office": "Reuters",
            "where_prec": "1",
            "where_coordinates": "Mingora town",
            "adm_1": "North-West Frontier Province",
            "adm_2": "Swat district",
            "latitude": "34.7717",
            "longitude": "72.3602",
            "country": "Pakistan",
            "date_prec": "1",
            "date_start": "2009-05-10 00:00:00.000",
            "date_end": "2009-05-10 00:00:00.000",
            "best": "14",
            "high": "20",
            "low": "12",
        },
        {
            "id": "990002",
            "year": "2012",
            "type_of_violence": "3",
            "side_a": "TTP",
            "side_b": "Civilians",
            "where_prec": "4",
            "where_coordinates": "Khyber Pakhtunkwa province",
            "adm_1": "Khyber Pakhtunkwa province",
            "country": "Pakistan",
            "date_prec": "4",
            "date_start": "2012-03-01",
            "best": "3",
            "high": "",
            "low": "",
        },
        {
            "id": "990003",
            "year": "2012",
            "type_of_violence": "1",
            "side_a": "Government of Pakistan",
            "side_b": "TTP",
            "adm_1": "Federally Administered Tribal Areas",
            "country": "Pakistan",
            "date_start": "sometime in 2012",
            "best": "1",
        },  # unreadable date
    ]


def test_ucdp_mapping(tmp_path: Path) -> None:
    events, errors = split(list(iter_events(write_csv(tmp_path / "ged.csv", UCDP_HEADER, ucdp_rows()))))
    assert [(e.line, e.reason) for e in errors] == [(4, "bad_value")]
    swat, civilians = events
    assert swat.dataset == "ucdp" and swat.external_id == "990001"
    assert (swat.fatalities, swat.fatalities_low, swat.fatalities_high) == (14, 12, 20)
    assert swat.actor1 == "Military Forces of Pakistan" and swat.actor2 == "TTP"
    assert swat.admin1 == "Khyber Pakhtunkhwa" and swat.admin2 == "Swat" and swat.location == "Mingora"
    assert swat.event_date == date(2009, 5, 10) and swat.geo_precision == 1
    assert swat.evidence == "Troops kill militants in Swat"
    assert swat.event_type is None  # state-based conflict has no single ACLED type
    assert civilians.event_type == "Violence against civilians"
    assert civilians.actor2 == "Civilians (Pakistan)"
    assert civilians.admin1 == "Khyber Pakhtunkhwa" and civilians.geo_precision == 3
    assert civilians.date_precision == "month"
    assert (civilians.fatalities, civilians.fatalities_low, civilians.fatalities_high) == (3, 3, 3)


def gtd_rows() -> list[dict[str, str]]:
    return [
        {
            "eventid": "200807150001",
            "iyear": "2008",
            "imonth": "7",
            "iday": "15",
            "country_txt": "Pakistan",
            "provstate": "North-West Frontier Province",
            "city": "Peshawar",
            "latitude": "34.0",
            "longitude": "71.5",
            "specificity": "1",
            "summary": "07/15/2008: A suicide bomber struck a police convoy in Peshawar.",
            "suicide": "1",
            "attacktype1_txt": "Bombing/Explosion",
            "targtype1_txt": "Police",
            "gname": "Tehrik-i-Taliban Pakistan (TTP)",
            "claimed": "1",
            "nkill": "6.0",
            "nwound": "",
        },
        {
            "eventid": "200809000001",
            "iyear": "2008",
            "imonth": "9",
            "iday": "0",
            "country_txt": "Pakistan",
            "provstate": "Federally Administered Tribal Areas",
            "city": "Unknown",
            "specificity": "4",
            "summary": "Gunmen kidnapped two teachers.",
            "suicide": "0",
            "attacktype1_txt": "Hostage Taking (Kidnapping)",
            "targtype1_txt": "Educational Institution",
            "gname": "Unknown",
            "claimed": "0",
            "nkill": "",
            "nwound": "-99",
        },
        {"eventid": "200810010001", "iyear": "2008", "imonth": "13", "iday": "1", "country_txt": "Pakistan"},
    ]


def test_gtd_mapping(tmp_path: Path) -> None:
    events, errors = split(list(iter_events(write_csv(tmp_path / "gtd.csv", GTD_HEADER, gtd_rows()))))
    assert [(e.line, e.reason) for e in errors] == [(4, "bad_value")]
    bomb, kidnap = events
    assert bomb.admin1 == "Khyber Pakhtunkhwa" and bomb.location == "Peshawar"
    assert (bomb.event_type, bomb.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert bomb.fatalities == 6 and bomb.wounded is None  # blank nwound is unknown, not zero
    assert bomb.actor1 == "Tehrik-i-Taliban Pakistan (TTP)" and bomb.responsibility == bomb.actor1
    assert bomb.actor2 == "Police Forces of Pakistan"
    assert bomb.evidence.startswith("07/15/2008: A suicide bomber")
    assert kidnap.date_precision == "month" and kidnap.event_date == date(2008, 9, 1)
    assert kidnap.admin1 == "Khyber Pakhtunkhwa" and kidnap.location is None and kidnap.geo_precision == 3
    assert kidnap.sub_event_type == "Abduction/forced disappearance"
    assert kidnap.actor1 == "Unidentified Armed Group (Pakistan)" and kidnap.responsibility is None
    assert kidnap.actor2 == "Civilians (Pakistan)"
    assert kidnap.fatalities is None and kidnap.wounded is None


def test_gtd_without_eventid_gets_a_stable_key(tmp_path: Path) -> None:
    header = [h for h in GTD_HEADER if h != "eventid"]
    rows = [{k: v for k, v in r.items() if k != "eventid"} for r in gtd_rows()[:2]]
    first = split(list(iter_events(write_csv(tmp_path / "a.csv", header, rows))))[0]
    again = split(list(iter_events(write_csv(tmp_path / "b.csv", header, list(reversed(rows))))))[0]
    assert len({e.external_id for e in first}) == 2
    assert {e.external_id for e in first} == {e.external_id for e in again}


def test_format_detection_and_unknown_files(tmp_path: Path) -> None:
    assert detect_format(ACLED_HEADER).name == "acled"  # type: ignore[union-attr]
    assert detect_format([h.upper() for h in UCDP_HEADER]).name == "ucdp"  # type: ignore[union-attr]
    assert detect_format(GTD_HEADER).name == "gtd"  # type: ignore[union-attr]
    assert detect_format(["id", "text"]) is None
    other = write_csv(tmp_path / "other.csv", ["id", "text"], [{"id": "1", "text": "x"}])
    [error] = list(iter_events(other))
    assert isinstance(error, InputError) and error.reason == "unknown_format"
    [missing] = list(iter_events(tmp_path / "nope.csv"))
    assert isinstance(missing, InputError) and missing.reason == "not_found"


@pytest.mark.parametrize(
    ("given", "today"),
    [
        ("NWFP", "Khyber Pakhtunkhwa"),
        ("Federally Administered Tribal Areas", "Khyber Pakhtunkhwa"),
        ("Khyber Pakhtunkwa province", "Khyber Pakhtunkhwa"),
        ("Balochistan province", "Balochistan"),
        ("Baluchistan", "Balochistan"),
        ("Kandahar", "Kandahar"),
        ("Unknown", None),
        ("", None),
    ],
)
def test_admin1_today(given: str, today: str | None) -> None:
    assert admin1_today(given) == today


def test_acled_actor_periods() -> None:
    assert acled_actor("Military Forces of Pakistan (2018-2022)") == "Military Forces of Pakistan"
    assert acled_actor("Police Forces of Pakistan (2022-) Balochistan Levies") == "Police Forces of Pakistan"
    assert acled_actor("Military Forces of Afghanistan (2021-)") == "Military Forces of Afghanistan"
    assert acled_actor("TTP: Tehreek-e-Taliban Pakistan") == "TTP: Tehreek-e-Taliban Pakistan"
    assert acled_actor("  ") is None


def test_import_into_store_and_reimport_updates(tmp_path: Path, database_url: str) -> None:
    acled = write_csv(tmp_path / "acled.csv", ACLED_HEADER, acled_rows())
    gtd = write_csv(tmp_path / "gtd.csv", GTD_HEADER, gtd_rows())
    with Store(database_url) as store:
        first = import_file(store, acled, batch_size=2)
        assert (first.new, first.updated, first.failed) == (3, 0, 2)
        again = import_file(store, acled)
        assert (again.new, again.updated) == (0, 3)
        assert import_file(store, gtd).new == 2
        events = {e.event_id: e for e in store.events()}
    assert len(events) == 5
    stored = events["acled-PAK90001"]
    assert stored.origin == "imported" and stored.dataset == "acled" and stored.external_id == "PAK90001"
    assert stored.raw is not None and stored.raw["actor2"] == "Military Forces of Pakistan (2022-)"
    assert stored.actor2 == "Military Forces of Pakistan"
    assert events["gtd-200809000001"].fatalities is None


def test_save_imported_stores_every_field_as_given(database_url: str) -> None:
    """Imported rows bypass the ORM, so each column type is checked on the way back."""
    reported = datetime(2023, 5, 2, 8, 30, tzinfo=UTC)
    full = Event(event_date=date(2023, 5, 1), date_precision="week", event_type="Battles",
                 sub_event_type="Armed clash", actor1="BLA: Baloch Liberation Army", actor2="Civilians (Pakistan)",
                 country="Pakistan", admin1="Balochistan", admin2="Kech", location="Turbat", latitude=26.0031,
                 longitude=63.0544, geo_precision=2, fatalities=3, fatalities_low=2, fatalities_high=5, wounded=4,
                 responsibility="BLA: Baloch Liberation Army", denied_by=("TTP: Tehreek-e-Taliban Pakistan",),
                 certainty="claimed", evidence="Coded by hand.", first_reported=reported, last_reported=reported,
                 explanation="one source", origin="imported", dataset="acled", external_id="PAK1",
                 raw={"notes": "Coded by hand.", "fatalities": "3", "tags": "ünïcode"})
    bare = Event(origin="imported", dataset="gtd", external_id="2023000001")
    with Store(database_url) as store:
        assert store.save_imported([full, bare]) == (2, 0)
        stored = {e.external_id: e for e in store.events()}
    got = stored["PAK1"]
    for name in ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities",
                 "fatalities_low", "fatalities_high", "wounded", "responsibility", "denied_by", "certainty",
                 "evidence", "first_reported", "last_reported", "explanation", "raw"):
        assert getattr(got, name) == getattr(full, name), name
    assert got.event_id == "acled-PAK1" and got.dataset == "acled"
    empty = stored["2023000001"]
    assert (empty.event_date, empty.denied_by, empty.raw, empty.fatalities) == (None, (), None, None)


def test_save_imported_streams_in_batches_and_keys_by_dataset(database_url: str) -> None:
    taken = 0

    def events(dataset: str, ids: range) -> Iterator[Event]:
        nonlocal taken
        for i in ids:
            taken += 1
            yield Event(origin="imported", dataset=dataset, external_id=str(i), fatalities=i)

    def stored_when_taken(store: Store) -> Iterator[Event]:
        # After the first full batch, the next event is asked for only once that batch is written.
        for n, event in enumerate(events("ucdp", range(7))):
            if n == 3:
                assert store.counts()["events"] == 3
            yield event

    with Store(database_url) as store:
        assert store.save_imported(stored_when_taken(store), batch_size=3) == (7, 0)
        assert taken == 7
        # The same ids in another dataset are other events; a repeated id in one batch updates.
        mixed = [*events("gtd", range(2)), *events("ucdp", [6, 7, 7])]
        assert store.save_imported(mixed, batch_size=10) == (3, 2)
        fatalities = {(e.dataset, e.external_id): e.fatalities for e in store.events()}
    assert len(fatalities) == 10
    assert fatalities[("gtd", "1")] == 1 and fatalities[("ucdp", "7")] == 7
    with Store(database_url) as store, pytest.raises(ValueError, match="dataset and external id"):
        store.save_imported([Event(origin="imported", dataset="acled")])


def test_import_of_many_rows_counts_every_row_once(tmp_path: Path, database_url: str) -> None:
    rows = [dict(acled_rows()[0], event_id_cnty=f"PAK{i}", fatalities=str(i % 4)) for i in range(1, 1201)]
    rows[500]["latitude"] = "north"
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows)
    with Store(database_url) as store:
        first = import_file(store, path, batch_size=500)
        assert (first.new, first.updated, first.failed) == (1199, 0, 1)
        assert first.errors[0].line == 1002  # after the header, every row takes two lines (notes has a line break)
        again = import_file(store, path)
        assert (again.new, again.updated, again.failed) == (0, 1199, 1)
        assert store.counts()["events"] == 1199


def test_import_command(tmp_path: Path) -> None:
    import typer

    from sitrep.interfaces.cli_sources import register

    app = typer.Typer()
    register(app)
    register(app)  # registering twice adds nothing twice
    assert sorted(c.name for c in app.registered_commands) == ["fetch", "import", "watch"]
    runner = CliRunner()
    acled = write_csv(tmp_path / "acled.csv", ACLED_HEADER, acled_rows())
    db = f"sqlite:///{tmp_path}/cli.db"
    result = runner.invoke(app, ["import", str(acled), "--db", db])
    assert result.exit_code == 2, result.output  # two rows failed
    assert "3 new, 0 updated, 2 failed" in result.output
    for command in ("import", "watch", "fetch"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0 and "Example:" in shown.output


# --------------------------------------------------------------------------- the real exports


@pytest.mark.gold
@pytest.mark.parametrize(
    ("name", "dataset", "rows"),
    [
        ("acled/acled_pk_balochistan_2020_2023.csv", "acled", 954),
        ("ucdp/ucdp_ged_pk_1989_2021.csv", "ucdp", 6416),
        ("gtd/gtd_2021h1_af_pk.csv", "gtd", 1603),
        ("gtd/gtd_pk_2015_bombings.csv", "gtd", 625),
    ],
)
def test_real_exports_import_cleanly(shared_data: Path, name: str, dataset: str, rows: int) -> None:
    path = shared_data / name
    if not path.is_file():
        pytest.skip(f"{path} is not there")
    events, errors = split(list(iter_events(path)))
    assert errors == []
    assert len(events) == rows
    assert {e.dataset for e in events} == {dataset}
    assert len({e.external_id for e in events}) == rows
    assert all(e.raw for e in events)
    admin1 = {e.admin1 for e in events}
    assert not admin1 & {"Federally Administered Tribal Areas", "North-West Frontier Province", "NWFP"}
    assert all(e.event_date is not None for e in events)
    assert sum(1 for e in events if e.evidence) >= rows // 3  # UCDP has headlines for about a third
    if dataset == "acled":
        assert not any("(20" in (e.actor1 or "") + (e.actor2 or "") for e in events)
    if dataset == "gtd":
        assert any(e.fatalities is None for e in events) or name.endswith("bombings.csv")
