"""How many UCDP GED headlines state the death toll that UCDP coded (`best`) at all.

A headline-only extractor cannot reach UCDP's `best` when the headline gives no figure ("Pakistan
parliament condemns India over Kashmir") or another one. This counts, over the rows with a headline:
- `figure`: `best` appears in the headline as a number (digits or a word up to twelve);
- `one_victim`: `best` is 1 and the headline tells of a killing without a number ("soldier killed");
- `no_killing`: the headline has no word of killing or death at all;
- `other`: the headline gives figures, none equal to `best`.

    .venv/bin/python benchmarks/ucdp_ceiling.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12}
KILLING = re.compile(r"kill|dead|die|death|slain|toll|lynch|behead|shot", re.IGNORECASE)


def categorise(headline: str, best: int) -> str:
    low = headline.lower()
    numbers = {int(x) for x in re.findall(r"\b\d+\b", low)}
    numbers |= {v for w, v in WORDS.items() if re.search(rf"\b{w}\b", low)}
    if best in numbers:
        return "figure"
    if not KILLING.search(low):
        return "no_killing"
    return "one_victim" if best == 1 else "other"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    path = args.shared / "ucdp" / "ucdp_ged_pk_1989_2021.csv"
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if (row.get("source_headline") or "").strip() and row.get("best"):
                counts[categorise(row["source_headline"], int(row["best"]))] += 1
    total = sum(counts.values())
    for name in ("figure", "one_victim", "no_killing", "other"):
        print(f"{name:11} {counts[name]:5}  {counts[name] / total:.3f}")
    print(f"reachable  {counts['figure'] + counts['one_victim']:5}  "
          f"{(counts['figure'] + counts['one_victim']) / total:.3f}  of {total} headlines")


if __name__ == "__main__":
    main()
