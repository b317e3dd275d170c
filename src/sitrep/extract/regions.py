"""Country and province names read without a gazetteer: a coarse location when no geocoder is configured."""

from __future__ import annotations

import re

# Country and province names for a coarse location when no geocoder is configured.
REGIONS: dict[tuple[str, str | None], tuple[str, ...]] = {
    ("Pakistan", "Khyber Pakhtunkhwa"): (
        "khyber pakhtunkhwa", "khyber-pakhtunkhwa", "kpk", "nwfp", "north-west frontier province", "fata",
        "federally administered tribal areas", "peshawar", "waziristan", "bajaur", "kurram", "orakzai",
        "mohmand", "bannu", "lakki marwat", "dera ismail khan", "d.i. khan", "tank", "swat", "mardan", "kohat",
        "charsadda", "nowshera", "dir", "chitral", "hangu", "karak", "mir ali", "miranshah", "wana", "khyber district",
        "tirah", "landi kotal", "parachinar", "mansehra", "abbottabad", "buner", "malakand", "shangla"),
    ("Pakistan", "Balochistan"): (
        "balochistan", "baluchistan", "quetta", "turbat", "kech", "gwadar", "panjgur", "mastung", "kalat",
        "sibi", "nushki", "awaran", "kharan", "dera bugti", "kohlu", "zhob", "pishin", "chaman", "khuzdar",
        "lasbela", "hub", "bolan", "kachhi", "harnai", "washuk", "kalat", "loralai", "jaffarabad", "naseerabad",
        "noshki", "tump", "buleda", "mach", "machh", "sui", "barkhan", "musakhel", "killa saifullah", "ziarat"),
    ("Pakistan", "Punjab"): ("punjab", "lahore", "rawalpindi", "faisalabad", "multan", "gujranwala",
                             "dera ghazi khan", "d.g. khan", "bahawalpur", "sargodha", "mianwali", "attock"),
    ("Pakistan", "Sindh"): ("sindh", "karachi", "hyderabad", "sukkur", "larkana", "jacobabad", "shikarpur",
                            "nawabshah", "thatta"),
    ("Pakistan", "Gilgit-Baltistan"): ("gilgit-baltistan", "gilgit", "baltistan", "skardu", "diamer", "chilas"),
    ("Pakistan", "Islamabad Capital Territory"): ("islamabad",),
    ("Pakistan", "Azad Kashmir"): ("azad kashmir", "azad jammu and kashmir", "muzaffarabad", "ajk"),
    ("Pakistan", None): ("pakistan", "pakistani"),
    ("Afghanistan", "Kabul"): ("kabul",),
    ("Afghanistan", "Kandahar"): ("kandahar",),
    ("Afghanistan", "Helmand"): ("helmand", "lashkar gah"),
    ("Afghanistan", "Nangarhar"): ("nangarhar", "jalalabad"),
    ("Afghanistan", "Kunduz"): ("kunduz",),
    ("Afghanistan", "Herat"): ("herat",),
    ("Afghanistan", "Balkh"): ("balkh", "mazar-i-sharif", "mazar-e-sharif", "mazari sharif"),
    ("Afghanistan", "Ghazni"): ("ghazni",),
    ("Afghanistan", "Paktika"): ("paktika",),
    ("Afghanistan", "Paktia"): ("paktia", "paktya", "gardez"),
    ("Afghanistan", "Khost"): ("khost",),
    ("Afghanistan", "Kunar"): ("kunar", "konar"),
    ("Afghanistan", None): (
        "afghanistan", "afghan", "laghman", "logar", "wardak", "parwan", "kapisa", "panjshir", "baghlan",
        "takhar", "badakhshan", "faryab", "jowzjan", "sar-e pol", "samangan", "badghis", "ghor", "farah", "nimroz",
        "uruzgan", "zabul", "daykundi", "bamyan", "nuristan"),
}
REGION_RX = re.compile(
    r"\b(" + "|".join(sorted({re.escape(n) for names in REGIONS.values() for n in names}, key=len, reverse=True))
    + r")\b", re.IGNORECASE)
REGION_OF = {n: key for key, names in REGIONS.items() for n in names}



def region(text: str) -> tuple[str, str | None, str] | None:
    """(country, admin1, evidence words) of the first region named in ``text``, preferring a province."""
    first: tuple[str, str | None, str] | None = None
    for m in REGION_RX.finditer(text[:20000]):
        country, admin1 = REGION_OF[m.group(1).lower()]
        if admin1 is not None:
            return country, admin1, m.group(1)
        if first is None:
            first = (country, None, m.group(1))
    return first


