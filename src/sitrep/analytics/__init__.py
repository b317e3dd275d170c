"""analytics layer."""
