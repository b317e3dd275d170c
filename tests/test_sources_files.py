"""Reading documents from files: every format, and every kind of bad input, from real files on disk."""

from __future__ import annotations

import codecs
import json
import os
import tracemalloc
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.domain import Document
from sitrep.errors import InputError
from sitrep.sources import base
from sitrep.sources.base import Source, reader_for, register_reader
from sitrep.sources.files import FileSource, iter_documents, parse_published


def read(*paths: Path | str, **kwargs: object) -> list[Document | InputError]:
    return list(iter_documents(list(paths), **kwargs))


def docs(items: list[Document | InputError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items
    return items[0]


# --------------------------------------------------------------------------- txt / md


def test_txt_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    p = tmp_path / "quetta-blast.txt"
    p.write_text("Published: 2023-05-04\nSource: Dawn\nURL: https://example.org/a?b=1\n\n"
                 "Blast in Quetta\n\nFive people were killed in a blast in Quetta.\n", encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.doc_id == "quetta-blast"
    assert doc.text == "Blast in Quetta\n\nFive people were killed in a blast in Quetta."
    assert doc.title == "Blast in Quetta"
    assert doc.outlet == "Dawn"
    assert doc.url == "https://example.org/a?b=1"
    assert doc.published_at == datetime(2023, 5, 4, tzinfo=UTC)
    assert doc.origin == str(p)


def test_txt_without_front_matter_is_kept_whole(tmp_path: Path) -> None:
    # "Source:" that runs straight into the text is a sentence, not metadata.
    body = "Source: police officials said two soldiers died.\nThe attack took place at night."
    p = tmp_path / "a.txt"
    p.write_text(body, encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.text == body
    assert doc.outlet is None and doc.title is None and doc.published_at is None


def test_txt_front_matter_with_bad_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Source: Dawn\nDate: 04/05/2023\n\nText of the report.", encoding="utf-8")
    err = only_error(read(p))
    assert err.reason == "bad_date"
    assert err.line == 2
    assert "04/05/2023" in err.message and str(p) in err.message


def test_markdown_fenced_front_matter_and_heading_title(tmp_path: Path) -> None:
    p = tmp_path / "report.md"
    p.write_text("---\ntitle: Border clash\ndate: May 4, 2023\nauthor: Staff\n---\n"
                 "# Border clash at Chaman\n\nTroops exchanged fire.\n", encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.title == "Border clash"
    assert doc.published_at == datetime(2023, 5, 4, tzinfo=UTC)
    assert doc.text.startswith("# Border clash at Chaman")
    assert "author" not in doc.text

    q = tmp_path / "plain.md"
    q.write_text("# Border clash at Chaman\nTroops exchanged fire.\n", encoding="utf-8")
    [doc] = read(q)
    assert isinstance(doc, Document)
    assert doc.title == "Border clash at Chaman"


def test_markdown_rule_is_not_front_matter(tmp_path: Path) -> None:
    body = "---\nA paragraph between two rules, not metadata.\n---\nMore text."
    p = tmp_path / "rules.md"
    p.write_text(body, encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.text == body


def test_published_argument_fills_only_missing_dates(tmp_path: Path) -> None:
    fallback = datetime(2024, 1, 2, tzinfo=UTC)
    (tmp_path / "a.txt").write_text("No date here.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Date: 2023-05-04\n\nDated text.", encoding="utf-8")
    a, b = read(tmp_path / "a.txt", tmp_path / "b.txt", published=fallback)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.published_at == fallback
    assert b.published_at == datetime(2023, 5, 4, tzinfo=UTC)


def test_text_is_nfc_without_control_characters(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    # "e" + combining acute, a bell, an escape, CRLF line ends, a tab, and ZWNJ (kept: it is part of Persian script)
    p.write_bytes("Cafe\u0301\x07 attack\x1b[0m\r\nline\ttwo \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645".encode())
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.text == "Caf\u00e9 attack[0m\nline\ttwo \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


# --------------------------------------------------------------------------- html


def test_html_main_text_without_scripts(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text("""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Quetta blast kills five | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2023-05-04T09:00:00+05:00">
<style>.STYLE_MARKER { color: red }</style>
<script>var t = "SCRIPT_MARKER_ONE";</script></head>
<body><nav>Home | World</nav><article><h1>Quetta blast kills five</h1>
<p>At least five people were killed and twelve wounded when a bomb planted on a motorcycle exploded
near a busy market in Quetta on Thursday, police officials said.</p>
<script>console.log("SCRIPT_MARKER_TWO")</script>
<p>No group immediately claimed responsibility for the attack. Security forces cordoned off the area
and launched a search operation, a spokesman for the provincial government said.</p></article>
</body></html>""", encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.doc_id == "page"
    assert "killed and twelve wounded" in doc.text
    assert "SCRIPT_MARKER" not in doc.text and "STYLE_MARKER" not in doc.text
    assert doc.title == "Quetta blast kills five"
    assert doc.outlet == "The Daily Example"
    assert doc.published_at is not None and doc.published_at.date() == date(2023, 5, 4)


def test_html_json_ld_metadata_is_used_but_not_text(tmp_path: Path) -> None:
    p = tmp_path / "ld.html"
    p.write_text("""<html><head><title>Attack on checkpoint</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"datePublished": "2022-11-30T08:00:00+05:00", "publisher": {"@type": "Organization", "name": "Example Times"}}
</script><script>var t = "SCRIPT_MARKER";</script></head><body><article><h1>Attack on checkpoint</h1>
<p>Militants attacked a police checkpoint on the outskirts of the city late on Tuesday, killing three
policemen and wounding two others, officials said on Wednesday.</p>
<p>The attackers fled after an exchange of fire lasting about an hour, and a search operation was under
way in the area, a police spokesman said.</p></article></body></html>""", encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.outlet == "Example Times"
    assert doc.published_at is not None and doc.published_at.date() == date(2022, 11, 30)
    assert "datePublished" not in doc.text and "SCRIPT_MARKER" not in doc.text


def test_short_html_page_falls_back_to_visible_text(tmp_path: Path) -> None:
    p = tmp_path / "short.htm"
    p.write_text("<html><head><title>Brief</title><script>SCRIPT_MARKER()</script>"
                 "<style>p{}</style></head><body><p>Two killed in Bannu.</p></body></html>", encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert "Two killed in Bannu." in doc.text
    assert "SCRIPT_MARKER" not in doc.text
    assert doc.title == "Brief"


def test_unclosed_script_in_fallback_text(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text('<p>Visible words.</p><!-- note <p>commented out</p> --><SCRIPT type="x">SCRIPT_MARKER(1)',
                 encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.text == "Visible words."


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    p = tmp_path / "latin.html"
    p.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 attacked.</p></body></html>'
                  .encode("latin-1"))
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert "Caf\u00e9 attacked." in doc.text


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    p = tmp_path / "blank.html"
    p.write_text("<html><head><script>only()</script></head><body>  </body></html>", encoding="utf-8")
    assert only_error(read(p)).reason == "is_empty"


# --------------------------------------------------------------------------- jsonl


def test_jsonl_malformed_line_in_the_middle(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text('{"id": "a", "text": "First report.", "outlet": "Dawn", "published_at": "2023-05-04"}\n'
                 '{"id": "b", "text": "broken\n'
                 "\n"
                 '{"id": "c", "text": "Third report.", "title": "T", "url": "https://x.org/c"}\n', encoding="utf-8")
    items = read(p)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    a, err, c = items
    assert isinstance(a, Document) and isinstance(c, Document) and isinstance(err, InputError)
    assert (a.doc_id, a.outlet, a.published_at) == ("a", "Dawn", datetime(2023, 5, 4, tzinfo=UTC))
    assert a.origin == f"{p}:1"
    assert (err.reason, err.line, err.path) == ("malformed_json", 2, str(p))
    assert f"{p}:2" in err.message
    assert (c.doc_id, c.title, c.url, c.origin) == ("c", "T", "https://x.org/c", f"{p}:4")


@pytest.mark.parametrize(("line", "reason"), [
    ('{"text": "no id"}', "missing_field"),
    ('{"id": "x"}', "missing_field"),
    ('{"id": "x", "text": "   "}', "missing_field"),
    ('{"id": "", "text": "empty id"}', "missing_field"),
    ('{"id": true, "text": "boolean id"}', "missing_field"),
    ('{"id": {"a": 1}, "text": "object id"}', "missing_field"),
    ('{"id": "x", "text": 42}', "malformed_json"),
    ('["a", "list"]', "malformed_json"),
    ('"a string"', "malformed_json"),
    ("[" * 100_000 + "]" * 100_000, "malformed_json"),  # nesting deep enough to exhaust recursion
    ('{"id": "x", "text": "t", "published_at": "next Tuesday"}', "bad_date"),
    ('{"id": "x", "text": "t", "published_at": 1683158400}', "bad_date"),
])
def test_jsonl_bad_records(tmp_path: Path, line: str, reason: str) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text(f'{line}\n{{"id": 7, "text": "Good one."}}\n', encoding="utf-8")
    items = read(p)
    assert len(items) == 2
    err, good = items
    assert isinstance(err, InputError) and (err.reason, err.line) == (reason, 1), err
    assert isinstance(good, Document) and good.doc_id == "7"


def test_jsonl_only_blank_lines(tmp_path: Path) -> None:
    p = tmp_path / "blank.jsonl"
    p.write_text("\n   \n\n", encoding="utf-8")
    assert only_error(read(p)).reason == "is_empty"


def test_jsonl_line_over_the_limit_is_skipped_and_the_file_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 5000})
    p.write_text(f'{{"id": "a", "text": "A."}}\n{big}\n{{"id": "b", "text": "B."}}\n', encoding="utf-8")
    items = read(p, max_bytes=1000)
    assert [getattr(i, "doc_id", None) or i.reason for i in items] == ["a", "too_large", "b"]
    assert isinstance(items[1], InputError) and items[1].line == 2


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(b'{"id": "a", "text": "A."}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "C."}\n')
    a, err, c = read(p)
    assert isinstance(a, Document) and isinstance(c, Document)
    assert isinstance(err, InputError)
    assert (err.reason, err.line) == ("invalid_utf8", 2)
    assert "byte offset 50" in err.message  # 26 bytes of line 1 + 24 into line 2


def test_jsonl_lone_surrogate_escape_is_dropped(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "s", "text": "before \\ud800 after"}\n', encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.text == "before  after"
    assert doc.content_hash  # encodable, so hashable


def test_content_hash_same_for_txt_and_jsonl(tmp_path: Path) -> None:
    text = "Militants attacked a checkpoint in Lakki Marwat.\n\nTwo policemen were killed."
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r1", "text": text}) + "\n", encoding="utf-8")
    j, t = read(tmp_path)  # sorted: r.jsonl before r.txt
    assert isinstance(t, Document) and isinstance(j, Document)
    assert (j.doc_id, t.doc_id) == ("r1", "r")
    assert t.content_hash == j.content_hash


# --------------------------------------------------------------------------- csv


def test_csv_falls_back_to_notes_and_reads_acled_columns(tmp_path: Path) -> None:
    p = tmp_path / "acled.csv"
    p.write_text('event_id_cnty,event_date,notes,source\n'
                 'PAK1001,04 May 2023,"Militants attacked a post, killing 2.",Dawn\n'
                 ',2023-05-05,"A second report\nthat spans two lines.",\n'
                 'PAK1003,2023-05-06,,\n'
                 'PAK1004,31/31/2023,Bad date row.,\n', encoding="utf-8")
    items = read(p)
    assert len(items) == 4
    first, second, empty, bad = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.doc_id, first.outlet, first.published_at) == (
        "PAK1001", "Dawn", datetime(2023, 5, 4, tzinfo=UTC))
    assert first.text == "Militants attacked a post, killing 2."
    assert second.doc_id == "acled.csv:3"
    assert second.text == "A second report\nthat spans two lines."
    assert isinstance(empty, InputError) and (empty.reason, empty.line) == ("missing_field", 5)
    assert isinstance(bad, InputError) and (bad.reason, bad.line) == ("bad_date", 6)


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    p = tmp_path / "gtd.csv"
    p.write_text("eventid,iyear,city\n1,2015,Quetta\n2,2016,Peshawar\n", encoding="utf-8")
    err = only_error(read(p))
    assert err.reason == "missing_column"
    assert str(p) in err.message
    assert "eventid, iyear, city" in err.message
    assert "--text-column" in err.message


def test_csv_named_text_column(tmp_path: Path) -> None:
    p = tmp_path / "gtd.csv"
    p.write_text("eventid,Summary1\n201501010001,Gunmen shot a shopkeeper.\n", encoding="utf-8")
    [doc] = read(p, text_column="summary1")
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text) == ("201501010001", "Gunmen shot a shopkeeper.")
    # an explicit column that is absent does not fall back to other names
    q = tmp_path / "other.csv"
    q.write_text("id,text\n1,Some text.\n", encoding="utf-8")
    assert only_error(read(q, text_column="notes")).reason == "missing_column"


def test_csv_semicolons_and_wide_fields(tmp_path: Path) -> None:
    p = tmp_path / "semi.csv"
    long_text = "word " * 60_000  # 300 kB, over the csv module's default field limit
    p.write_text(f'id;text\n1;"{long_text}"\n2;Short.\n', encoding="utf-8")
    one, two = read(p)
    assert isinstance(one, Document) and isinstance(two, Document)
    assert len(one.text) > 200_000 and two.text == "Short."


def test_csv_header_only_and_extra_fields(tmp_path: Path) -> None:
    p = tmp_path / "h.csv"
    p.write_text("id,text\n", encoding="utf-8")
    assert only_error(read(p)).reason == "is_empty"
    q = tmp_path / "x.csv"
    q.write_text("id,text\n1,one,unexpected\n2,two\n", encoding="utf-8")
    err, doc = read(q)
    assert isinstance(err, InputError) and (err.reason, err.line) == ("malformed_csv", 2)
    assert isinstance(doc, Document) and doc.text == "two"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_bom_encoded_files(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    text = "Attack in Peshawar \u2014 \u067e\u0634\u0627\u0648\u0631"
    (tmp_path / "a.txt").write_bytes(bom + text.encode(codec))
    (tmp_path / "b.jsonl").write_bytes(bom + (json.dumps({"id": "b", "text": text}, ensure_ascii=False)
                                              + "\n").encode(codec))
    (tmp_path / "c.csv").write_bytes(bom + f'ID,Text\r\nc1,"{text}"\r\n'.encode(codec))
    t, j, c = read(tmp_path / "a.txt", tmp_path / "b.jsonl", tmp_path / "c.csv")
    assert isinstance(t, Document) and isinstance(j, Document) and isinstance(c, Document), (t, j, c)
    assert t.text == text == j.text == c.text
    assert c.doc_id == "c1"  # the byte-order mark does not stick to the first column name


def test_invalid_utf8_names_offset_and_line(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes(b"First line.\nCaf\xe9 attacked.\n")
    err = only_error(read(p))
    assert err.reason == "invalid_utf8"
    assert err.line == 2
    assert "byte offset 15" in err.message and "0xe9" in err.message


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_error(read(p)).reason == "binary"


# --------------------------------------------------------------------------- size and emptiness


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n\x07\u200b\x1b", encoding="utf-8")
    (tmp_path / "meta_only.txt").write_text("---\ndate: 2023-05-04\n---\n\n", encoding="utf-8")
    items = read(tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "meta_only.txt")
    assert [i.reason for i in errors(items)] == ["is_empty", "is_empty", "is_empty"]
    assert len(items) == 3


@pytest.mark.parametrize("name", ["huge.txt", "huge.html"])
def test_huge_file_refused_by_size_without_reading(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    with p.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    tracemalloc.start()
    try:
        err = only_error(read(p))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.reason == "too_large"
    assert "52,428,800" in err.message
    assert peak < 5 * 1024 * 1024


# --------------------------------------------------------------------------- paths


def test_directory_of_mixed_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Report B.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"id": "a1", "text": "Report A1."}\nnot json\n', encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "d.jsonl.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / ".hidden.txt").write_text("Never read.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Never read.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "e.md").write_text("Report E.", encoding="utf-8")
    (sub / "f.txt").write_bytes(b"")
    items = read(tmp_path)
    summary = [(i.doc_id if isinstance(i, Document) else i.reason) for i in items]
    assert summary == ["a1", "malformed_json", "b", "unsupported_type", "unsupported_type", "e", "is_empty"]
    gz = errors(items)[2]
    assert "unpack" in gz.message and gz.path == str(tmp_path / "d.jsonl.gz")
    assert all("Never read" not in d.text for d in docs(items))


def test_empty_directory_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".DS_Store").write_bytes(b"x")
    items = read(tmp_path / "empty", tmp_path / "missing.txt", "")
    assert [i.reason for i in errors(items)] == ["is_empty", "not_found", "not_found"]
    assert "no such file" in items[1].message


def test_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    d = tmp_path / "looks_like_a_file.txt"
    d.mkdir()
    (d / "inner.txt").write_text("Inside.", encoding="utf-8")
    [doc] = read(d)
    assert isinstance(doc, Document) and doc.doc_id == "inner"


def test_dangling_symlink_fifo_and_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block: it must be refused from its stat alone
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "again").symlink_to(tmp_path / "loop")
    (tmp_path / "loop" / "z.txt").write_text("Once.", encoding="utf-8")
    items = read(tmp_path)
    assert [(i.doc_id if isinstance(i, Document) else i.reason) for i in items] == [
        "not_found", "z", "unsupported_type"]
    assert "broken symbolic link" in items[0].message
    assert "FIFO" in items[2].message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("Classified.", encoding="utf-8")
    if os.geteuid() != 0:
        p.chmod(0)
        try:
            assert only_error(read(p)).reason == "permission_denied"
        finally:
            p.chmod(0o600)
    # As root, chmod 000 does not stop reading, so the refusal comes from the open call itself.
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    err = only_error(read(p))
    assert (err.reason, err.path) == ("permission_denied", str(p))


def test_unlistable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "locked"
    d.mkdir()

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    err = only_error(read(d))
    assert (err.reason, err.path) == ("permission_denied", str(d))


def test_unsupported_file_named_directly(tmp_path: Path) -> None:
    p = tmp_path / "table.xlsx"
    p.write_bytes(b"PK\x03\x04")
    err = only_error(read(p))
    assert err.reason == "unsupported_type"
    assert ".xlsx" in err.message and ".jsonl" in err.message


def test_single_path_and_source_protocol(tmp_path: Path) -> None:
    p = tmp_path / "one.txt"
    p.write_text("Only one.", encoding="utf-8")
    assert len(list(iter_documents(p))) == 1  # a lone path is not taken as a sequence of characters
    src = FileSource([str(p)])
    assert isinstance(src, Source)
    assert src.name == "files"
    assert [d.doc_id for d in docs(list(src.documents()))] == ["one"]


# --------------------------------------------------------------------------- registry


def test_custom_reader_and_longest_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "_READERS", dict(base._READERS))

    def read_eml(path: Path, options: base.ReadOptions):  # type: ignore[no-untyped-def]
        text = base.read_text(path, options.max_bytes)
        if isinstance(text, InputError):
            yield text
            return
        yield Document(doc_id=path.stem, text=text.split("\n\n", 1)[-1])

    def broken(path: Path, options: base.ReadOptions):  # type: ignore[no-untyped-def]
        yield Document(doc_id="first", text="Before the failure.")
        raise KeyError("bug")

    register_reader(["eml"], read_eml)
    register_reader(".weird.txt", broken)
    assert reader_for(tmp_path / "MAIL.EML") is read_eml
    assert reader_for(tmp_path / "x.weird.txt") is broken
    assert reader_for(tmp_path / "x.txt") is not broken
    (tmp_path / "m.eml").write_text("From: a@b\n\nBody of the mail.", encoding="utf-8")
    (tmp_path / "x.weird.txt").write_text("anything", encoding="utf-8")
    m, first, err = read(tmp_path / "m.eml", tmp_path / "x.weird.txt")
    assert isinstance(m, Document) and m.text == "Body of the mail."
    assert isinstance(first, Document)
    assert isinstance(err, InputError) and err.reason == "reader_failed"
    with pytest.raises(ValueError):
        register_reader(".", read_eml)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-05-04", datetime(2023, 5, 4, tzinfo=UTC)),
    ("2023-05-04T10:00:00Z", datetime(2023, 5, 4, 10, tzinfo=UTC)),
    ("2023-05-04T10:00:00", datetime(2023, 5, 4, 10, tzinfo=UTC)),
    ("2023-05-04 23:30+05:00", datetime(2023, 5, 4, 23, 30, tzinfo=timezone(timedelta(hours=5)))),
    ("May 4, 2023", datetime(2023, 5, 4, tzinfo=UTC)),
    ("Sept. 14, 2023", datetime(2023, 9, 14, tzinfo=UTC)),
    ("4 May 2023", datetime(2023, 5, 4, tzinfo=UTC)),
    ("Thursday, 4th May 2023 3:15 pm", datetime(2023, 5, 4, 15, 15, tzinfo=UTC)),
    ("Thu, 04 May 2023 10:00:00 +0000", datetime(2023, 5, 4, 10, tzinfo=UTC)),
    ("13/05/2023", datetime(2023, 5, 13, tzinfo=UTC)),
    ("05/13/2023", datetime(2023, 5, 13, tzinfo=UTC)),
    ("05/05/2023", datetime(2023, 5, 5, tzinfo=UTC)),
    ("2023/05/04", datetime(2023, 5, 4, tzinfo=UTC)),
    (date(2023, 5, 4), datetime(2023, 5, 4, tzinfo=UTC)),
    ("", None),
    (None, None),
])
def test_parse_published(value: object, expected: datetime | None) -> None:
    assert parse_published(value, strict=True) == expected


@pytest.mark.parametrize("value", ["04/05/2023", "4.5.2023", "31/02/2023", "05/04/23", "yesterday",
                                   "Mayo 4, 2023", "0023-05-04", "2023-13-01", 1683158400, ["2023"]])
def test_parse_published_refuses(value: object) -> None:
    with pytest.raises(ValueError, match="cannot read date"):
        parse_published(value, strict=True)
    assert parse_published(value) is None  # the lenient default never raises


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_exactly_one_item(tmp_path: Path, text: str) -> None:
    p = tmp_path / "any.txt"
    p.write_text(text, encoding="utf-8", newline="")
    items = read(p)
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Document):
        assert item.text and item.text == item.text.strip()
        assert item.content_hash
    else:
        assert item.reason in {"is_empty", "bad_date", "binary"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["x.txt", "x.md", "x.html"]))
def test_any_bytes_give_exactly_one_item(tmp_path: Path, data: bytes, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    items = read(p)
    assert len(items) == 1
    assert isinstance(items[0], Document | InputError)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["<", ">", "/", "!", "--", "<![", "]]>", "<script>", "</script>", "<style",
                                 "<p>", "<title>", "&amp;", "&#0;", "&#x110000;", "\x00", "word", " ", "\n"]),
                max_size=40))
def test_hostile_markup_never_raises_or_leaks_scripts(tmp_path: Path, parts: list[str]) -> None:
    p = tmp_path / "x.html"
    p.write_text("".join(parts) + "<script>SCRIPT_MARKER</script>", encoding="utf-8")
    items = read(p)
    assert len(items) == 1
    if isinstance(items[0], Document):
        assert "SCRIPT_MARKER" not in items[0].text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.binary(max_size=80), max_size=8), st.sampled_from(["x.jsonl", "x.csv"]))
def test_any_bytes_in_line_formats_never_raise(tmp_path: Path, lines: list[bytes], name: str) -> None:
    p = tmp_path / name
    p.write_bytes(b"\n".join(lines))
    items = read(p, max_bytes=64)
    assert all(isinstance(i, Document | InputError) for i in items)
    assert items  # every file gives at least a document or the reason it gave none
