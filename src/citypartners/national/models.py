"""The national tally: the register's published partnerships counted per cell of the overview.

Every figure of the national overview is a sum over this table, not over the partnerships
(decision record 0031). One row per German state of the home × partner country × kind ×
decade begun × status holds the number of partnerships and, for the map's circles, how many
of their partners have coordinates and the sums of those coordinates. At national size that
is a few thousand rows against 50,000 partnerships, and it grows with the cells the register
fills, not with the register.

Database triggers keep it (migration `0001`, SQL in `national.tally`), so no way of writing
can miss it: the ORM, dataset loads, COPY, raw SQL. It is derived data, like the activity
tally (decision 0009): a `dumpdata` backup leaves it out and the triggers rebuild it on load.
"""

from __future__ import annotations

from django.db import models

# The state id of partnerships whose home lies in no recorded German state.
NO_STATE = 0


class NationalTally(models.Model):
    """How many published partnerships fall in one cell of the national overview."""

    state_id = models.BigIntegerField()  # the German state's Place id, or NO_STATE
    country_code = models.CharField(max_length=2)  # the partner's country
    kind = models.CharField(max_length=24)
    decade = models.CharField(max_length=3)  # the first three digits of `since`, "" if undated
    status = models.CharField(max_length=10)
    count = models.IntegerField()
    located = models.IntegerField()  # partners with coordinates
    latitude_sum = models.DecimalField(max_digits=14, decimal_places=5)
    longitude_sum = models.DecimalField(max_digits=14, decimal_places=5)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state_id", "country_code", "kind", "decade", "status"],
                name="national_tally_cell",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.state_id} {self.country_code} {self.kind} {self.decade} {self.status}: "
            f"{self.count}"
        )
