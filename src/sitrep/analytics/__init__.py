"""analytics layer: summaries, time series and tracking over stored events."""
