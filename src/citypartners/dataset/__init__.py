"""The versioned, human-readable dataset: load, validate and export."""
