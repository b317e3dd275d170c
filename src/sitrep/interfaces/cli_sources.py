"""Commands that read the world: ``sitrep watch``, ``sitrep fetch`` and ``sitrep import``.

Added to the main app by :func:`register`. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.sources.base import ReadOptions, register_reader

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite path "
                                              "[default: $SITREP_DATABASE_URL or sqlite:///./sitrep.db]")]
PrivateOption = Annotated[bool, typer.Option("--allow-private", help="Also fetch from private, loopback and "
                                             "link-local addresses (intranet feeds, tests).")]
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"."""
    m = _DURATION.match(value or "")
    if not m:
        raise typer.BadParameter(f"expected a duration like 30s, 15m or 1h, got {value!r}")
    seconds = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if seconds <= 0:
        raise typer.BadParameter("the interval must be longer than zero")
    return seconds


def _read_warc_lazily(path: Path, opts: ReadOptions) -> Iterator[Document | InputError]:
    from sitrep.sources.warc import read_warc

    return read_warc(path, opts)


def _exit_code(failed: int) -> int:
    return min(failed, 100)


def _feed_urls(feeds: list[str]) -> list[str]:
    from sitrep.sources.feeds import expand_feed_args

    try:
        urls = expand_feed_args(feeds)
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None
    except OSError as exc:
        raise typer.BadParameter(f"cannot read the feed list: {exc}") from None
    if not urls:
        raise typer.BadParameter("no feed URLs given")
    return urls


def _print_errors(store: object, run_id: int | None) -> None:
    if run_id is None:
        return
    for failure in store.failures(run_id):  # type: ignore[attr-defined]
        err.print(f"failed {failure.message}", markup=False, highlight=False)


def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs, or OPML / text files listing them.")],
    every: Annotated[str, typer.Option("--every", help="Time between two polls: 30s, 15m, 1h.")] = "15m",
    cycles: Annotated[int | None, typer.Option(help="Stop after this many polls [default: never].")] = None,
    allow_private: PrivateOption = False,
    db: DbOption = None,
) -> None:
    """Poll feeds, fetch and store the new pages they list, extract and link events; one log line per poll.

    A restarted watch resumes: what was fetched before is not fetched again, unchanged feeds cost a 304.

    Example: [bold]sitrep watch feeds.opml --every 15m --db sitrep.db[/]
    """
    from sitrep.interfaces.cli import _extractor, _open_store
    from sitrep.pipeline.watch import watch as run_watch

    seconds = parse_duration(every)
    urls = _feed_urls(feeds)
    extractor = _extractor()
    errors = 0

    def report(result) -> None:  # type: ignore[no-untyped-def]
        nonlocal errors
        errors += result.errors
        err.print(result.line(), markup=False, highlight=False)

    with _open_store(db) as store:
        try:
            run_watch(store, urls, extractor, every_seconds=seconds, cycles=cycles,
                      allow_private=allow_private, report=report)
        except KeyboardInterrupt:
            err.print("stopped; the next watch resumes from here")
    raise typer.Exit(_exit_code(errors))


def fetch(
    urls: Annotated[list[str], typer.Argument(help="Page or feed URLs; a feed's new items are fetched.")],
    allow_private: PrivateOption = False,
    db: DbOption = None,
) -> None:
    """Fetch pages or feeds once, store the documents, then extract and link events.

    Example: [bold]sitrep fetch https://example.org/news/rss.xml https://example.org/story.html[/]
    """
    from sitrep.interfaces.cli import _extractor, _open_store
    from sitrep.pipeline.watch import fetch_once

    extractor = _extractor()
    with _open_store(db) as store:
        result = fetch_once(store, urls, extractor, allow_private=allow_private)
        _print_errors(store, result.run_id)
    out.print(f"fetched {result.fetched} page(s): {result.new_documents} new document(s), "
              f"{result.duplicates} already stored, {result.new_events} new event(s), {result.errors} failed")
    raise typer.Exit(_exit_code(result.errors))


def import_datasets(
    files: Annotated[list[Path], typer.Argument(help="ACLED, UCDP GED or GTD CSV exports.")],
    dataset: Annotated[str | None, typer.Option(help="acled, ucdp or gtd [default: from header].")] = None,
    db: DbOption = None,
) -> None:
    """Import human-coded events; the same export imported twice updates its events instead of adding them.

    Example: [bold]sitrep import acled_pakistan.csv ged_pakistan.csv --db sitrep.db[/]
    """
    from sitrep.interfaces.cli import _open_store
    from sitrep.sources.importers import IMPORTERS, import_file

    if dataset and dataset not in IMPORTERS:
        raise typer.BadParameter(f"--dataset must be one of {', '.join(sorted(IMPORTERS))}")
    failed = 0
    with _open_store(db) as store:
        run_id = store.start_run("import", {"files": [str(f) for f in files]})
        new = updated = 0
        try:
            for path in files:
                def on_error(error: InputError) -> None:
                    store.record_failure(run_id, "import", error)
                    err.print(f"failed {error}", markup=False, highlight=False)

                result = import_file(store, path, dataset=dataset, on_error=on_error)
                out.print(f"{path}: {result.new} new, {result.updated} updated, {result.failed} failed")
                new, updated, failed = new + result.new, updated + result.updated, failed + result.failed
        finally:
            store.finish_run(run_id, "ok" if not failed else "partial",
                             {"new": new, "updated": updated, "failed": failed})
    if len(files) > 1:
        out.print(f"total: {new} new, {updated} updated, {failed} failed")
    raise typer.Exit(_exit_code(failed))


def register(app: typer.Typer) -> None:
    """Add ``watch``, ``fetch`` and ``import`` to the ``sitrep`` app, and let ``ingest`` read WARC files."""
    # Registered lazily so that start-up does not pay for warcio and trafilatura.
    register_reader((".warc", ".warc.gz"), _read_warc_lazily, replace=False)
    present = {c.name for c in app.registered_commands}
    for name, command in (("watch", watch), ("fetch", fetch), ("import", import_datasets)):
        if name not in present:  # registering twice would list a command twice
            app.command(name)(command)
