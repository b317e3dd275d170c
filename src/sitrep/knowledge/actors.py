"""The actor dictionary: canonical ACLED-style actors loaded from ``data/actors.toml``.

Aliases are matched with one Aho-Corasick automaton per case mode, so finding every actor in a
sentence costs one pass over it. Generic actors ("gunmen", "civilians", "police") carry a name
template that the event's country fills in; an actor with an ``era`` names another actor after a
date (the Taliban were an insurgency until August 2021 and the state afterwards).
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import ahocorasick

from sitrep.domain import Actor

logger = logging.getLogger(__name__)

GENERIC = "*"
ARMED_KINDS = frozenset({"state", "rebel", "militia", "unidentified"})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary entry; ``name`` may be a template with ``{country}``."""

    name: str
    kind: str
    country: str
    short: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    era_until: date | None = None
    era_after: str | None = None
    fired: frozenset[str] = frozenset()  # aliases that name the forces by what they fire ("Pakistani shelling")

    @property
    def generic(self) -> bool:
        return self.country == GENERIC

    def resolve(self, country: str | None = None, when: date | None = None) -> str:
        """The canonical name for an event in ``country`` on ``when``."""
        if self.era_until is not None and self.era_after and when is not None and when >= self.era_until:
            return self.era_after
        if self.generic:
            return self.name.format(country=country or "Unknown")
        return self.name


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An alias found in a text."""

    entry: ActorEntry
    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def fired(self) -> bool:
        """Whether the name is the fire itself ("Indian firing", "Pakistani airstrikes"): whoever fired it
        acted, wherever the sentence names it."""
        return _fold(self.text) in self.entry.fired


def _fold(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class ActorDictionary:
    """Canonical actors and a fast matcher for their names."""

    def __init__(self, entries: list[ActorEntry], fire_nouns: tuple[str, ...] = ()) -> None:
        self.entries = tuple(entries)
        self.fire_nouns = fire_nouns  # what forces fire ("shelling", "airstrikes"), lower case
        self.by_name = {e.name: e for e in entries}
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        for idx, entry in enumerate(entries):
            for alias in entry.aliases:
                key = _fold(alias)
                if key not in self._folded:  # first entry wins, so the file order sets priority
                    self._folded.add_word(key, (len(key), idx))
            for acro in entry.acronyms:
                if acro not in self._exact:
                    self._exact.add_word(acro, (len(acro), idx))
        self._folded.make_automaton()
        self._exact.make_automaton()

    @classmethod
    def from_toml(cls, raw: bytes) -> ActorDictionary:
        data = tomllib.loads(raw.decode("utf-8"))
        fire_nouns = tuple(data.get("fire_nouns", ()))
        entries = []
        for item in data.get("actor", []):
            era = item.get("era") or {}
            # "Pakistani shelling", "Indian firing": forces named by what they fire
            fired = tuple(f"{adj} {noun}" for adj in item.get("fire_of", ()) for noun in fire_nouns)
            entries.append(ActorEntry(
                name=item["name"], kind=item["kind"], country=item.get("country", ""),
                short=item.get("short", item["name"]),
                aliases=tuple(item.get("aliases", ())) + fired, acronyms=tuple(item.get("acronyms", ())),
                fired=frozenset(_fold(f) for f in fired),
                era_until=date.fromisoformat(era["until"]) if "until" in era else None,
                era_after=era.get("after"),
            ))
        logger.debug("loaded %s actors", len(entries))
        return cls(entries, fire_nouns)

    @classmethod
    def default(cls) -> ActorDictionary:
        """The bundled dictionary, loaded once per process."""
        return _default_dictionary()

    def find(self, text: str) -> list[ActorMatch]:
        """All non-overlapping actor names in ``text``, longest first where they overlap, in text order."""
        if not text:
            return []
        hits: list[tuple[int, int, int]] = []
        n = len(text)
        for automaton, haystack in ((self._folded, _fold(text)), (self._exact, text)):
            if not len(automaton):
                continue
            for end, (length, idx) in automaton.iter(haystack):
                start = end - length + 1
                if start > 0 and _is_word_char(text[start - 1]):
                    continue
                if end + 1 < n and _is_word_char(text[end + 1]):
                    continue
                if start >= 5 and text[start - 5:start].lower() == "anti-":
                    continue  # "anti-Taliban militia": the group's enemies
                hits.append((start, end + 1, idx))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[ActorMatch] = []
        last_end = -1
        for start, end, idx in hits:
            if start < last_end:
                continue
            out.append(ActorMatch(self.entries[idx], start, end, text[start:end]))
            last_end = end
        return out

    def actor(self, name: str) -> Actor | None:
        """The domain record for a canonical (non-template) name."""
        entry = self.by_name.get(name)
        if entry is None:
            return None
        return Actor(name=entry.name, kind=entry.kind, country=entry.country or None,
                     aliases=entry.aliases + entry.acronyms, short=entry.short)

    def kind_of(self, name: str) -> str | None:
        """The kind of a resolved name, including names built from templates."""
        entry = self.by_name.get(name)
        if entry is not None:
            return entry.kind
        for e in self.entries:
            if e.generic:
                prefix, _, suffix = e.name.partition("{country}")
                if name.startswith(prefix) and name.endswith(suffix):
                    return e.kind
        return None


@cache
def _default_dictionary() -> ActorDictionary:
    raw = resources.files("sitrep.knowledge").joinpath("data/actors.toml").read_bytes()
    return ActorDictionary.from_toml(raw)
