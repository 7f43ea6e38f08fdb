"""Shared foundations: the base model, the date-with-precision type and language helpers."""
