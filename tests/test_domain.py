"""Domain records: stable keys, immutability and the JSON shape of the extract contract."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.domain import FIELD_NAMES, Claim, Document, Evidence, Mention, content_hash

CONTRACT = ["event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
            "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
            "fatalities_high", "wounded", "responsibility", "denied_by", "certainty"]


def test_contract_fields_are_the_event_fields() -> None:
    assert list(FIELD_NAMES) == CONTRACT


def test_content_hash_ignores_layout_only() -> None:
    a = Document(doc_id="a", text="Two killed\r\nin  Quetta.")
    b = Document(doc_id="b", text="Two killed in Quetta.")
    c = Document(doc_id="c", text="Three killed in Quetta.")
    assert a.content_hash == b.content_hash != c.content_hash
    assert len(a.content_hash) == 64


@given(st.text())
def test_content_hash_is_stable(text: str) -> None:
    assert content_hash(text) == content_hash(text) == Document(doc_id="x", text=text).content_hash


def test_records_are_frozen() -> None:
    doc = Document(doc_id="a", text="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "y"  # type: ignore[misc]


def test_mention_to_dict_has_every_contract_field_and_evidence() -> None:
    m = Mention(doc_id="r1", content_hash="ab" * 32, index=1, event_date=date(2024, 3, 3), date_precision="day",
                fatalities=3, denied_by=("TTP: Tehreek-e-Taliban Pakistan",),
                claims=(Claim(kind="casualties", claimant="police", fatalities=3,
                              published_at=datetime(2024, 3, 4, tzinfo=UTC)),),
                evidence=(Evidence("fatalities", "Three were killed.", 40, 58),
                          Evidence("event_date", "On Sunday, gunmen attacked a post.", 0, 34),
                          Evidence("event_type", "On Sunday, gunmen attacked a post.", 0, 34)))
    out = m.to_dict()
    assert {"doc_id", "claims", "evidence", *CONTRACT} <= set(out)
    assert out["event_date"] == "2024-03-03" and out["denied_by"] == ["TTP: Tehreek-e-Taliban Pakistan"]
    assert out["evidence"] == "On Sunday, gunmen attacked a post. Three were killed."
    assert out["claims"][0]["published_at"] == "2024-03-04T00:00:00+00:00"
    assert m.mention_key == "abababababababab:1"
