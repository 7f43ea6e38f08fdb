"""Public pages beyond the registry's core views: calendar, feeds, legal and accessibility pages."""
