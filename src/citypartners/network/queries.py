"""Reading the network: organisations active in partnerships, by topic and partner city.

`network_of` issues a fixed number of queries whatever the number of organisations, so the
public network pages stay fast as the registry grows (tests count them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from citypartners.activities.models import Activity
from citypartners.network.models import ContactPerson, Organisation
from citypartners.partnerships.models import Partnership, PartnershipOrganisation, Topic
from citypartners.places.models import Place


@dataclass
class NetworkEntry:
    """An organisation with its roles, the topics it works on and its public contacts."""

    organisation: Organisation
    roles: list[PartnershipOrganisation] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    contacts: list[ContactPerson] = field(default_factory=list)


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("place").prefetch_related(
        "topics",
        Prefetch(
            "partnership_roles",
            queryset=PartnershipOrganisation.objects.filter(partnership__is_published=True)
            .select_related("partnership", "partnership__home", "partnership__partner")
            .order_by("partnership__slug"),
        ),
        Prefetch(
            "contacts",
            queryset=ContactPerson.objects.public().prefetch_related(
                "topics",
                Prefetch("partnerships", queryset=Partnership.objects.published()),
            ),
        ),
        Prefetch(
            "activities",
            queryset=Activity.objects.published().prefetch_related("topics"),
        ),
    )


def network_of(
    *,
    partnership: Partnership | None = None,
    topic: Topic | None = None,
    city: Place | None = None,
) -> list[NetworkEntry]:
    """Organisations active in published partnerships, narrowed by partnership, topic, city."""
    organisations = _organisations()
    active = Q(partnership_roles__partnership__is_published=True) | Q(
        contacts__has_consent=True, contacts__partnerships__is_published=True
    )
    if partnership is not None:
        active = Q(partnership_roles__partnership=partnership) | Q(
            contacts__has_consent=True, contacts__partnerships=partnership
        )
    ids = Organisation.objects.filter(active)
    if topic is not None:
        ids = ids.filter(
            Q(topics=topic)
            | Q(contacts__has_consent=True, contacts__topics=topic)
            | Q(activities__is_published=True, activities__topics=topic)
        )
    if city is not None:
        ids = ids.filter(
            Q(place=city)
            | Q(partnership_roles__partnership__partner=city)
            | Q(contacts__has_consent=True, contacts__partnerships__partner=city)
        )
    rows = organisations.filter(pk__in=ids.values("pk")).order_by("slug")
    entries = []
    for organisation in rows:
        roles = list(organisation.partnership_roles.all())
        contacts = list(organisation.contacts.all())
        if partnership is not None:
            roles = [r for r in roles if r.partnership_id == partnership.pk]
            contacts = [
                c for c in contacts if partnership.pk in {p.pk for p in c.partnerships.all()}
            ]
        topics = {t.pk: t for t in organisation.topics.all()}
        for contact in contacts:
            topics.update({t.pk: t for t in contact.topics.all()})
        for activity in organisation.activities.all():
            if partnership is None or activity.partnership_id == partnership.pk:
                topics.update({t.pk: t for t in activity.topics.all()})
        entries.append(
            NetworkEntry(
                organisation=organisation,
                roles=roles,
                topics=sorted(topics.values(), key=lambda t: t.name),
                contacts=contacts,
            )
        )
    return entries


def filter_choices() -> tuple[list[Topic], list[Place]]:
    """Every topic, and the partner places of published partnerships, to filter by."""
    topics = list(Topic.objects.order_by("slug"))
    cities = list(
        Place.objects.filter(partner_partnerships__is_published=True).distinct().order_by("slug")
    )
    return topics, cities


def contactable(pk: int) -> ContactPerson | None:
    """A contact the public may write to: consent recorded and an address on file."""
    return (
        ContactPerson.objects.public()
        .exclude(email="")
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )
