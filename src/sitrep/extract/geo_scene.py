"""The scene of an event that the gazetteer does not know, named next to a place that it does.

Reports place events in villages and quarters that no offline gazetteer lists: "in the Qila area of Kurram
district", "in Sangar village near Mir Ali", "in Gulzar, Nangarhar", "the Swat valley town of Madyan". The
coder's convention (ACLED's precision 2) is to keep the scene's name and put the point at the nearest known
place that contains it. The name is read from the words just before the known place (a unit named on the way,
"in X, in Y district of Z", is passed over for the scene before it) or, failing that, just after it.
"""

from __future__ import annotations

import re

from sitrep.extract.geo_mentions import COMMON_WORDS


def _name(group: str) -> str:
    """A name: one to three capitalised words ("Bama Khel", "Shir Khan Bandar"), hyphens and apostrophes
    inside, captured as ``group``."""
    return rf"(?P<{group}>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})"


_NAME = _name("name")
_SCENE_KINDS = (r"village|villages|area|areas|town|hamlet|locality|neighbou?rhood|mohalla|bazaar|bazar|square|"
                r"chowk|valley|top|pass|mountains?|hills?")
_UNIT_KINDS = r"tehsil|sub-?division|township|union\s+council|district|province|region|state|territory|county|agency"
# What stands between the scene and the known place: "X, Y", "X, in Y", "X in/of/near Y", "X (Y", "X in Z's Y"
_OWNER = r"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}['’]s\s+)?"  # "in Burkina Faso's Centre-Nord region"
_JOIN = rf"(?:\s*,\s*(?:in\s+)?|\s+(?:in|of|near|outside)\s+|\s*\(\s*)(?:the\s+)?{_OWNER}"
# Before the name: a locative word, or "the town of"; the scene or unit word may follow the name
_LEAD = (r"\b(?:in|at|near|around|outside|on|(?:control|capture|fall|outskirts|edge)\s+of)\s+(?:the\s+)?"
         r"(?:(?:town|village|hamlet|city|area)\s+of\s+)?")
_HEAD = re.compile(rf"(?P<lead>{_LEAD})?{_NAME}(?:\s+(?P<kind>{_SCENE_KINDS}|{_UNIT_KINDS})\b)?{_JOIN}$")
_UNITS = re.compile(rf"(?:{_UNIT_KINDS})", re.IGNORECASE)
_NOT_NAMES_TEXT = """
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december the a an this that these those his her their its our
"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_WINDOW = 120
_JOIN_ENDS = (", ", ",", " in ", " of ", " near ", " outside ", "(", "( ", "s ", " the ")
_AREAS = frozenset({"area", "areas", "locality"})
_LANDMARKS = frozenset({"road", "street", "bridge", "square", "chowk", "colony", "bazaar", "bazar", "market", "dam",
                        "hospital", "mosque", "school", "university", "college", "stadium", "airport", "station",
                        "park", "hotel", "cantonment", "gate", "plaza", "highway", "express"})
_QUARTERS = frozenset({"neighbourhood", "neighborhood", "mohalla", "bazaar", "bazar", "square", "chowk"})
_FEATURES = frozenset({"valley", "top", "pass", "mountain", "mountains", "hill", "hills"})


def _is_name(name: str) -> bool:
    # the words after the first may be generic ("Inayat Kalay", "Bama Khel"); the first may not
    words = [w.lower().strip("'’") for w in name.split()]
    return words[0] not in COMMON_WORDS and not any(w in _NOT_NAMES for w in words) and not name.isupper()


def scene_before(text: str, start: int, *, known_is_town: bool, known_is_city: bool = False) -> str | None:
    """The unlisted scene named just before the known place at ``start``, or None.

    The most precise place named is the location: "the Qila area of Lakki Marwat", "Sangar village near Mir
    Ali". A quarter, bazaar or square ("the Sherpur neighbourhood of Kabul") is its town, as coders place it;
    before a town a bare "X, Y" is as often a quarter as a second name of the town, so only "near" counts there;
    an "area" of a city is one of its quarters. A street, bridge or dam names a spot in its town.
    In a chain ("in Kuriga, in Chikun area of Kaduna") the first name is the most precise.
    """
    if not text.endswith(_JOIN_ENDS, 0, start):
        return None  # no word that joins a scene to the place stands right before it
    window = text[max(0, start - _WINDOW):start]
    scene: str | None = None
    unit: str | None = None
    for _ in range(3):
        m = _HEAD.search(window)
        if m is None or not _is_name(m.group("name")):
            break
        kind = (m.group("kind") or "").lower()
        is_unit = bool(kind) and _UNITS.fullmatch(kind) is not None
        # a bare name needs a locative word before it ("in X, Y"); a scene word makes it a place by itself
        if not m.group("lead") and (not kind or is_unit):
            break
        last = m.group("name").split()[-1].lower()
        if kind in _QUARTERS or last in _LANDMARKS or (known_is_city and kind in _AREAS) \
                or (known_is_town and scene is None and unit is None
                    and (is_unit or not (kind or "near" in m.group(0) or "(" in window[m.end("name"):]))):
            # a quarter, bazaar or square is its town, as coders place it; a bare "X, Y" before a town is as
            # often a quarter as a second name of the town; a district does not lie inside a town
            break
        name = m.group("name")
        if kind in _FEATURES:
            name = f"{name} {m.group('kind')}"  # "Kalash valley", "Buzi Top": the word is part of the name
        if is_unit:
            unit = unit or name  # "in Chikun district of Kaduna": a unit on the way
        else:
            scene = name
        window = window[:m.start("name")]
    return scene or unit


# "the Swat valley resort town of Madyan", "the Makran Coastal Highway near Buzi Top": the scene after the place
_AFTER = re.compile(
    rf"(?:\s+[a-z][\w-]*){{0,2}}?\s+(?:town|village|hamlet)\s+of\s+{_NAME}|"
    rf"(?:\s+[A-Z][\w-]*){{0,2}}\s+(?:[Hh]ighway|[Rr]oad|[Mm]otorway)\s+(?:near|at)\s+(?:the\s+)?"
    + _name("name2"))


def scene_after(text: str, end: int) -> tuple[str, int] | None:
    """The unlisted scene named right after the known place ending at ``end``, with where its name starts."""
    m = _AFTER.match(text, end, min(len(text), end + _WINDOW))
    if m is None:
        return None
    group = "name" if m.group("name") else "name2"
    name = m.group(group)
    if not _is_name(name) or name.split()[-1].lower() in _LANDMARKS:
        return None
    return name, m.start(group)
