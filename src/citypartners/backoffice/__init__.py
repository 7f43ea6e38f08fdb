"""The editors' back office (Django admin)."""
