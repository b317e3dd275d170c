"""The ACLED event taxonomy and the crosswalk to GTD attack types, as data."""

from __future__ import annotations

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    VIOLENCE_AGAINST_CIVILIANS: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs}

VIOLENT_EVENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS})

# GTD attacktype1_txt -> the sitrep sub-event types it is compared with. Types not listed are not compared.
GTD_ATTACK_TYPES: dict[str, frozenset[str]] = {
    "Bombing/Explosion": frozenset({
        "Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
        "Shelling/artillery/missile attack", "Air/drone strike",
    }),
    "Armed Assault": frozenset({"Armed clash", "Attack"}),
    "Hostage Taking (Kidnapping)": frozenset({"Abduction/forced disappearance"}),
}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (KeyError for an unknown name)."""
    return SUB_EVENT_TYPES[sub_event_type]


def is_valid(event_type: str | None, sub_event_type: str | None) -> bool:
    """True when both names exist and the sub-type belongs to the type."""
    return bool(event_type and sub_event_type and SUB_EVENT_TYPES.get(sub_event_type) == event_type)


def gtd_compatible(attacktype: str, sub_event_type: str | None) -> bool | None:
    """Whether a sub-event type agrees with a GTD attack type; None when the pair is not compared."""
    allowed = GTD_ATTACK_TYPES.get(attacktype)
    if allowed is None:
        return None
    return sub_event_type in allowed
