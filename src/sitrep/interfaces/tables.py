"""Rich tables for the terminal. News text is shown as plain text, never as markup."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from sitrep.analytics.evaluate import Report
from sitrep.domain import Claim, Event, Mention


def _cut(value: object, width: int) -> Text:
    s = "" if value is None else str(value)
    return Text(s if len(s) <= width else s[: width - 1] + "…")


def _place(e: Event | Mention) -> str:
    return ", ".join(x for x in (e.location, e.admin1, e.country) if x) or "?"


def _dead(e: Event | Mention) -> str:
    if e.fatalities is None:
        return "-"
    if e.fatalities_high not in (None, e.fatalities):
        return f"{e.fatalities} ({e.fatalities_low}-{e.fatalities_high})"
    return str(e.fatalities)


def event_table(events: list[Event]) -> Table:
    table = Table(title=f"{len(events)} event(s)", show_lines=False)
    for col in ("date", "type", "actors", "place", "killed", "wounded", "sources", "event id"):
        table.add_column(col)
    for e in events:
        table.add_row(_cut(e.event_date, 10), _cut(e.sub_event_type or e.event_type, 28),
                      _cut(" vs ".join(a for a in (e.actor1, e.actor2) if a), 48), _cut(_place(e), 40),
                      _dead(e), "-" if e.wounded is None else str(e.wounded), str(len(e.sources)),
                      _cut(e.event_id, 16))
    return table


def mention_table(mentions: list[Mention]) -> Table:
    table = Table(title=f"{len(mentions)} event(s)")
    for col in ("doc", "date", "type", "actors", "place", "killed", "wounded", "evidence"):
        table.add_column(col)
    for m in mentions:
        table.add_row(_cut(m.doc_id, 16), _cut(m.event_date, 10), _cut(m.sub_event_type, 24),
                      _cut(" vs ".join(a for a in (m.actor1, m.actor2) if a), 40), _cut(_place(m), 32),
                      _dead(m), "-" if m.wounded is None else str(m.wounded), _cut(m.evidence_text, 60))
    return table


def evaluation_table(report: Report, name: str) -> Table:
    table = Table(title=f"{name} ({report.kind}): {report.documents} documents, {report.gold_events} gold events, "
                  f"{report.predicted_events} predicted; event P {report.precision:.3f} R {report.recall:.3f} "
                  f"F1 {report.f1:.3f}; {report.docs_per_second:.0f} documents/s")
    for col in ("field", "correct", "total", "accuracy"):
        table.add_column(col, justify="right" if col != "field" else "left")
    for fname, fs in sorted(report.fields.items()):
        table.add_row(fname, str(fs.correct), str(fs.total), f"{fs.accuracy:.3f}")
    if report.distances_km:
        table.add_row("median km (specific rows)", "", str(len(report.distances_km)), f"{report.median_km:.1f}")
    return table


def misses_table(report: Report, per_field: int) -> Table:
    table = Table(title="Misses", show_lines=True)
    for col in ("field", "doc", "gold", "predicted", "text"):
        table.add_column(col)
    shown: dict[str, int] = {}
    for miss in report.misses:
        if miss.field == "location_10km" or shown.get(miss.field, 0) >= per_field:
            continue
        shown[miss.field] = shown.get(miss.field, 0) + 1
        table.add_row(miss.field, _cut(miss.doc_id, 20), _cut(miss.gold, 40), _cut(miss.predicted, 40),
                      _cut(miss.text, 160))
    return table


def _claim(c: Claim) -> str:
    figures = ", ".join(f"{n} {what}" for n, what in ((c.fatalities, "killed"), (c.wounded, "wounded"))
                        if n is not None)
    return f"{c.claimant or '?'}: {c.kind} {c.group or ''} {figures}".replace("  ", " ").strip()


def event_detail(event: Event, mentions: list[tuple[int, Mention]]) -> list[Table | Text]:
    """The parts of ``sitrep events show``: fields, explanation, then one row per report."""
    fields = Table(title=f"Event {event.event_id}", show_header=False)
    fields.add_column("field")
    fields.add_column("value")
    for name in ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities",
                 "fatalities_low", "fatalities_high", "wounded", "responsibility", "denied_by", "certainty"):
        fields.add_row(name, _cut(getattr(event, name), 80))
    reports = Table(title=f"{len(mentions)} report(s)", show_lines=True)
    for col in ("mention", "source", "published", "killed", "wounded", "claims", "evidence"):
        reports.add_column(col)
    for mention_id, m in mentions:
        claims = "; ".join(_claim(c) for c in m.claims)
        published = m.published_at.date() if m.published_at else None
        reports.add_row(str(mention_id), _cut(m.doc_id, 24), _cut(published, 10), _dead(m),
                        "-" if m.wounded is None else str(m.wounded), _cut(claims, 60), _cut(m.evidence_text, 300))
    return [fields, Text(event.explanation or ""), reports]
