"""What the dataset loader last wrote, so a reload can tell an editor's change from its own.

`loaddataset` keeps, for every dataset entry, a fingerprint of the values it last loaded: one
hash per field and one for the whole entry. On the next load the database's current values are
hashed the same way; if they still match, nobody has touched the record and a change in the
file may be applied. If they differ, an editor changed the record in the back office and the
load keeps their work, reporting the fields where the file disagrees (see docs/data.md and
docs/decisions/0014).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoadedRecord(models.Model):
    """The fingerprint of one dataset entry as it was last loaded."""

    entity = models.CharField(_("dataset file"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    fingerprint = models.CharField(_("hash of the loaded values"), max_length=64)
    fields = models.JSONField(_("hash of each loaded field"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        verbose_name = _("loaded dataset entry")
        verbose_name_plural = _("loaded dataset entries")
        constraints = [
            models.UniqueConstraint(fields=["entity", "key"], name="loaded_record_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.entity} {self.key}"
