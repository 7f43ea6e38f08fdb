from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "citypartners.ingest"
    label = "ingest"
    verbose_name = "Ingestion"
