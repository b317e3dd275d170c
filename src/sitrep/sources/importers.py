"""Human-coded datasets as events: ACLED exports, UCDP GED and GTD, read from their CSV files.

The format is recognised from the header row. Every row becomes an :class:`~sitrep.domain.Event`
with ``origin="imported"``, ``dataset`` (``acled``, ``ucdp``, ``gtd``), ``external_id`` (ACLED
``event_id_cnty``, UCDP ``id``, GTD ``eventid``; a file without ids gets a hash of the row, so the
same row imported twice is the same event), ``raw`` (the row as it came, every column) and the
contract fields mapped as ``docs/sources.md`` lists. ``evidence`` is the dataset's own text
(ACLED ``notes``, UCDP ``source_headline``, GTD ``summary``).

Files are streamed; a bad row (a value that is not a number or a date, a repeated id, a broken
CSV line) is an ``InputError`` with its line number and the rest goes on. New importers register
with :func:`register_importer`.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sitrep.domain import Event, Source
from sitrep.errors import InputError
from sitrep.sources.base import DEFAULT_MAX_BYTES, iter_lines, parse_published
from sitrep.sources.importers_map import IMPORTERS, Importer, RowError, register_importer

__all__ = ["IMPORTERS", "ImportResult", "Importer", "detect_format", "import_file", "iter_events",
           "register_importer"]

log = logging.getLogger(__name__)
