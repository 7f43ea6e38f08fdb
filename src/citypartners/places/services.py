"""Writing places: keeping a place's aliases and their folded forms in step."""

from __future__ import annotations

from django.db import transaction

from citypartners.places.models import Place, PlaceAlias, normalise_name


@transaction.atomic
def set_aliases(*, place: Place, names: list[str]) -> bool:
    """Make the place's aliases exactly `names`; returns whether anything changed."""
    wanted = {name.strip() for name in names if name.strip()}
    current = {alias.name: alias for alias in place.aliases.all()}
    removed = [alias.pk for name, alias in current.items() if name not in wanted]
    added = [name for name in wanted if name not in current]
    if removed:
        PlaceAlias.objects.filter(pk__in=removed).delete()
    for name in sorted(added):
        alias = PlaceAlias(place=place, name=name, normalised=normalise_name(name))
        alias.full_clean()
        alias.save()
    return bool(removed or added)


def refresh_alias_forms(*, place: Place) -> None:
    """Recompute the folded form of every alias of the place (after edits in the back office)."""
    for alias in place.aliases.all():
        folded = normalise_name(alias.name)
        if alias.normalised != folded:
            alias.normalised = folded
            alias.save(update_fields=["normalised"])
