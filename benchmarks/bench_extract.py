"""Extraction speed and memory, on one core.

Short texts: GTD summaries from ../shared/data when present, else the project's gold set.
Long texts: ~1,000-word articles assembled from the sample corpus reports.

    .venv/bin/python benchmarks/bench_extract.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from importlib import resources
from pathlib import Path

from sitrep.analytics.gold import read_gold
from sitrep.domain import Document
from sitrep.extract.base import get_extractor
from sitrep.extract.geocode import Geocoder
from sitrep.sources.files import iter_documents

ROOT = Path(__file__).resolve().parents[1]


def rate(extract, docs: list[Document], repeat: int = 3) -> float:
    best = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        for d in docs:
            extract(d)
        best = max(best, len(docs) / (time.perf_counter() - started))
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    t0 = time.perf_counter()
    extractor = get_extractor("rules", geocoder=Geocoder.default())
    load_s = time.perf_counter() - t0
    gtd = args.shared / "gtd" / "gtd_2021h1_af_pk.csv"
    source = gtd if gtd.exists() else ROOT / "tests" / "gold" / "extraction_gold.jsonl"
    short = [g.document for g in read_gold(source)[1]]
    corpus = Path(str(resources.files("sitrep") / "data" / "sample" / "reports.jsonl"))
    reports = [d for d in iter_documents([corpus]) if isinstance(d, Document)]
    long_docs = []
    for i in range(len(reports)):
        words, parts = 0, []
        j = i
        while words < 1000:
            parts.append(reports[j % len(reports)].text)
            words += len(parts[-1].split())
            j += 1
        long_docs.append(Document(doc_id=f"long-{i}", text="\n\n".join(parts),
                                  published_at=reports[i].published_at))
    result = {
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}",
        "load_seconds": round(load_s, 3),
        "short_source": source.name,
        "short_docs": len(short),
        "short_per_second": round(rate(extractor.extract, short)),
        "long_docs": len(long_docs),
        "long_words_mean": round(sum(len(d.text.split()) for d in long_docs) / len(long_docs)),
        "long_per_second": round(rate(extractor.extract, long_docs)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
