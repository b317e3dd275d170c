"""pipeline layer: ingest documents and run extraction and linking over the store."""

from sitrep.pipeline.run import IngestResult, RunResult, ingest, run_pending

__all__ = ["IngestResult", "RunResult", "ingest", "run_pending"]
