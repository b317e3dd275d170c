"""Shortcuts past a pattern: the words read from a pattern are ones every match contains, so a guarded pattern finds
exactly what the pattern finds; a sentence without a number word has no count to read."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from sitrep.extract import claims, classify, cues, dates, grouping, numbers_parse, numbers_patterns, numbers_tally
from sitrep.extract.sentences import iter_sentences
from sitrep.extract.stems import Guarded, guarded, required_words

ROOT = Path(__file__).resolve().parents[1]


def test_words_of_an_alternation_are_one_per_branch() -> None:
    rx = re.compile(r"\b(?:rose|rise|increase[sd]?)\s+(?:in|of)\b|\d+\s*(?:%|percent|per\s+cent)", re.IGNORECASE)
    assert set(required_words(rx)) == {"rose", "rise", "increase", "%", "cent"}


def test_words_are_lower_case_only_when_case_is_ignored() -> None:
    assert required_words(re.compile(r"\bIED\b", re.IGNORECASE)) == ("ied",)
    assert required_words(re.compile(r"\bIED\b")) == ("IED",)


def test_optional_parts_and_repeats_are_not_required() -> None:
    assert required_words(re.compile(r"(?:the\s+)?blast")) == ("blast",)
    assert required_words(re.compile(r"\bsuicide[- ]bomb")) in {("suicide-bomb", "suicide bomb"),
                                                                 ("suicide bomb", "suicide-bomb")}
    assert required_words(re.compile(r"\d+|kill")) is None  # a number alone matches
    assert required_words(re.compile(r"(?:killed)?\s*")) is None  # the empty string matches


def test_a_pattern_without_required_words_always_runs() -> None:
    rx = guarded(r"\w+")
    assert rx.words is None and rx.possible("") and rx.search("x y").group() == "x"


def test_outside_ascii_the_pattern_decides() -> None:
    # case-insensitive matching pairs the Turkish dotted capital I with "i", which lower-casing does not
    rx = guarded(r"\bied\b", re.IGNORECASE)
    assert "ied" not in "\u0130ED".lower()
    assert rx.search("an \u0130ED exploded") is not None
    assert rx.search("a bomb exploded") is None


def test_search_window_and_sub() -> None:
    rx = guarded(r"\bblast\b", re.IGNORECASE)
    text = "A Blast hit the market; a second blast followed."
    assert rx.search(text, 10).start() == text.index("blast")
    assert rx.search(text, 0, 5) is None
    assert rx.match(text, 2).group() == "Blast"
    assert [m.start() for m in rx.finditer(text)] == [2, text.index("blast")]
    assert rx.sub("X", text) == "A X hit the market; a second X followed."
    assert rx.sub("X", "nothing here") == "nothing here"


def _guarded_patterns() -> list[tuple[str, Guarded]]:
    found = []
    for module in (claims, classify, cues, dates, grouping, numbers_parse, numbers_patterns, numbers_tally):
        for name, value in vars(module).items():
            if isinstance(value, Guarded):
                found.append((f"{module.__name__}.{name}", value))
    found += [(f"dates.{kind}", rx) for kind, rx in dates._PATTERNS]
    return found


def _sentences() -> list[str]:
    texts = [json.loads(line)["text"] for path in (ROOT / "tests" / "gold" / "extraction_gold.jsonl",
                                                     ROOT / "src" / "sitrep" / "data" / "sample" / "reports.jsonl")
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    shared = ROOT.parent / "shared" / "data"
    for rel, column in (("gtd/gtd_2021h1_af_pk.csv", "summary"), ("acled/acled_pk_balochistan_2020_2023.csv", "notes")):
        if (shared / rel).exists():
            with (shared / rel).open(encoding="utf-8", errors="replace", newline="") as fh:
                texts += [row.get(column) or "" for row in csv.DictReader(fh)]
    return [s.text for t in texts for s in iter_sentences(t)] + texts[:500]


def test_guarded_patterns_find_what_their_patterns_find() -> None:
    patterns = _guarded_patterns()
    assert len(patterns) > 30
    assert all(g.words for _, g in patterns)  # each names words, so each is a shortcut
    wrong = []
    for text in _sentences():
        for name, g in patterns:
            # the words are a necessary condition: a text the pattern matches always has one
            sound = g.possible(text) or g.rx.search(text) is None
            if not sound or [m.span() for m in g.finditer(text)] != [m.span() for m in g.rx.finditer(text)]:
                wrong.append((name, text))
    assert wrong == []


def test_a_sentence_without_a_number_word_counts_no_group() -> None:
    from sitrep.extract import numbers_refer

    wrong = [s for s in _sentences() if numbers_refer.counted_groups(s) != numbers_refer._counted_groups(s)]
    assert wrong == []


def test_the_date_word_test_agrees_with_its_pattern() -> None:
    texts = [*_sentences(), "\u0130n MAY", "on the 3\u0663rd", "DAYS AGO", ""]
    assert [s for s in texts if dates._has_date_word(s) != bool(dates._ANY_DATE_WORD.search(s))] == []
