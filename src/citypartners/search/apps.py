from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save

# Models whose saves and deletes change what search finds (see search.services).
INDEXED = [
    "places.Place",
    "places.PlaceAlias",
    "partnerships.Partnership",
    "partnerships.PartnershipTopic",
    "partnerships.PartnershipOrganisation",
    "partnerships.Programme",
    "partnerships.Topic",
    "activities.Activity",
    "network.Organisation",
    "sources.Source",
]


def _changed(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the index is rebuilt afterwards
        return
    from citypartners.search.services import refresh_for

    refresh_for(instance)


def _activity_topics_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        from citypartners.search.services import refresh_for

        refresh_for(instance)


def _set_trigram_threshold(sender, connection, **kwargs):
    """Typo matching on PostgreSQL: how similar a name must be (see search.queries)."""
    if connection.vendor == "postgresql":
        from citypartners.search.queries import TRIGRAM_THRESHOLD

        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {TRIGRAM_THRESHOLD:.2f}")


class SearchConfig(AppConfig):
    name = "citypartners.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        connection_created.connect(_set_trigram_threshold, dispatch_uid="search-trigram")
        for label in INDEXED:
            model = self.apps.get_model(label)
            post_save.connect(_changed, sender=model, dispatch_uid=f"search-{label}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"search-{label}-delete")
        # An activity's topics are part of its searchable text.
        activity = self.apps.get_model("activities.Activity")
        m2m_changed.connect(
            _activity_topics_changed, sender=activity.topics.through, dispatch_uid="search-topics"
        )
