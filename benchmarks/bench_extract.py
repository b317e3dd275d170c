"""Extraction speed and memory, on one core.

Short texts: GTD summaries from ../shared/data when present, else the project's gold set.
Long texts: ~1,000-word articles assembled from news-style reports that are each used once (the sample
corpus and the gold set), so that no sentence is seen twice and the extractor's caches cannot flatter the
rate. Each text set is extracted once, cold.
Real articles: the seed news articles in ../shared/corpus/seeds when present (long, with background and
quotes, as published), each extracted cold (the extractor's caches emptied before every pass), as words per
second turned into ~1,000-word articles per second.

    .venv/bin/python benchmarks/bench_extract.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import functools
import gc
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


def rate(extract, docs: list[Document]) -> float:
    started = time.perf_counter()
    for d in docs:
        extract(d)
    return len(docs) / (time.perf_counter() - started)


def empty_caches() -> None:
    """Empties the extractor's per-text caches (not the one-instance caches that hold the loaded data)."""
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("sitrep") \
                and (obj.cache_info().maxsize or 0) > 1:
            obj.cache_clear()


def real_articles_rate(extract, docs: list[Document], passes: int = 15) -> tuple[float, float]:
    """(articles of 1,000 words per second, median of the passes; slowest pass), every pass cold."""
    words = sum(len(d.text.split()) for d in docs)
    rates = []
    for _ in range(passes):
        empty_caches()
        started = time.perf_counter()
        for d in docs:
            extract(d)
        rates.append(words / 1000 / (time.perf_counter() - started))
    rates.sort()
    return rates[len(rates) // 2], rates[0]


def unique_texts() -> list[Document]:
    """Report texts for long articles, none of them used by the short-text run."""
    out: list[Document] = []
    sample = Path(str(resources.files("sitrep") / "data" / "sample" / "reports.jsonl"))
    out += [d for d in iter_documents([sample]) if isinstance(d, Document)]
    out += [g.document for g in read_gold(ROOT / "tests" / "gold" / "extraction_gold.jsonl")[1]]
    return out


def articles(texts: list[Document], words: int = 1000) -> list[Document]:
    """Consecutive texts joined into articles of about ``words`` words, each text used once."""
    docs, parts, count = [], [], 0
    for d in texts:
        parts.append(d.text)
        count += len(d.text.split())
        if count >= words:
            docs.append(Document(doc_id=f"long-{len(docs)}", text="\n\n".join(parts), published_at=d.published_at))
            parts, count = [], 0
    return docs


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
    long_docs = articles(unique_texts())
    result = {
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}",
        "load_seconds": round(load_s, 3),
        "short_source": source.name,
        "short_docs": len(short),
        "short_per_second": round(rate(extractor.extract, short)),
        "long_docs": len(long_docs),
        "long_words_mean": round(sum(len(d.text.split()) for d in long_docs) / len(long_docs)),
        "long_per_second": round(rate(extractor.extract, long_docs)),
    }
    seeds = args.shared.parent / "corpus" / "seeds" / "seeds.jsonl"
    if seeds.exists():
        real = [d for d in iter_documents([seeds]) if isinstance(d, Document)]
        median, slowest = real_articles_rate(extractor.extract, real)
        result |= {
            "real_articles": len(real),
            "real_words": sum(len(d.text.split()) for d in real),
            "real_1000_words_per_second_median": round(median),
            "real_1000_words_per_second_slowest_pass": round(slowest),
        }
    result |= {
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
