"""Organisations and contact people active in partnerships."""
