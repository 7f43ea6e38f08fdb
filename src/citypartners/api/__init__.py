"""The read-only JSON API under /api/v1/ (django-ninja), with its OpenAPI description and docs."""
