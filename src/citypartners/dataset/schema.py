"""The dataset format: which file holds which entity, and the fields of each entry.

Files are read in this order, so every reference points to an entry loaded before it (places
may refer to places earlier in their own file). `docs/data.md` explains the format for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from citypartners.activities.enums import ActivityKind
from citypartners.activities.models import Activity
from citypartners.dataset.fields import (
    Aliases,
    Choice,
    Coordinate,
    Date,
    Field,
    Flag,
    Integer,
    Ref,
    RefList,
    Text,
    Translated,
)
from citypartners.homes.enums import HomeKind, HomeLanguage
from citypartners.homes.models import Home
from citypartners.network.enums import OrganisationKind
from citypartners.network.models import Organisation
from citypartners.partnerships.enums import (
    MilestoneKind,
    Operator,
    PartnershipKind,
    StatusKind,
    TopicKind,
    TopicRole,
)
from citypartners.partnerships.models import (
    Milestone,
    Partnership,
    PartnershipOrganisation,
    PartnershipTopic,
    Programme,
    StatusChange,
    Topic,
)
from citypartners.places.enums import PlaceKind
from citypartners.places.models import Place
from citypartners.sources.enums import SourceKind
from citypartners.sources.models import Source


@dataclass
class Children:
    """A list of dependent rows inside an entry (a partnership's status changes, …)."""

    name: str
    model: type[models.Model]
    parent_attr: str
    fields: list[Field]
    order_by: tuple[str, ...] = ("position", "pk")  # pk breaks ties: rows added in a form


@dataclass
class Entity:
    name: str
    file: str
    model: type[models.Model]
    key: str
    fields: list[Field]
    children: list[Children] = field(default_factory=list)
    key_is_ref: str = ""  # the key is itself a reference (programme: its home place)


SOURCE_REFS = RefList("sources", target="sources", required=True)

ENTITIES: list[Entity] = [
    Entity(
        "sources",
        "sources.yaml",
        Source,
        "key",
        [
            Text("title", required=True, max_length=300),
            Text("language", required=True),
            Choice("kind", required=True, choices=SourceKind),
            Text("publisher"),
            Text("url"),
            Date("published_on"),
            Date("retrieved_on"),
            Text("file_name"),
            Text("sha256"),
            Translated("note"),
            Flag("is_public"),
        ],
    ),
    Entity(
        "places",
        "places.yaml",
        Place,
        "slug",
        [
            Choice("kind", required=True, choices=PlaceKind),
            Translated("name", required=True),
            Text("name_local"),
            Text("country", attr="country_code", required=True),
            Ref("parent", target="places"),
            Coordinate("latitude", limit=90),
            Coordinate("longitude", limit=180),
            Integer("geonames_id"),
            Aliases("aliases"),
        ],
    ),
    Entity(
        "topics",
        "topics.yaml",
        Topic,
        "slug",
        [
            Choice("kind", required=True, choices=TopicKind),
            Translated("name", required=True),
            Ref("parent", target="topics"),
        ],
    ),
    Entity(
        "organisations",
        "organisations.yaml",
        Organisation,
        "slug",
        [
            Choice("kind", required=True, choices=OrganisationKind),
            Translated("name", required=True),
            Text("acronym"),
            Translated("unit"),
            Ref("place", target="places"),
            Text("address"),
            Text("phone"),
            Text("fax"),
            Text("email"),
            Text("website"),
            Date("founded_on"),
            Translated("description"),
            RefList("sources", target="sources"),
        ],
    ),
    Entity(
        "partnerships",
        "partnerships.yaml",
        Partnership,
        "slug",
        [
            Choice("kind", required=True, choices=PartnershipKind),
            Choice("operator", required=True, choices=Operator),
            Ref("home", target="places", required=True),
            Ref("partner", target="places", required=True),
            Translated("name"),
            Translated("summary", required=True),
            Translated("description", required=True),
            Flag("is_published"),
            RefList("sources", target="sources", required=True),
        ],
        children=[
            Children(
                "status_changes",
                StatusChange,
                "partnership",
                [
                    Choice("kind", required=True, choices=StatusKind),
                    Date("date", attr="on"),
                    Translated("note"),
                    SOURCE_REFS,
                ],
            ),
            Children(
                "milestones",
                Milestone,
                "partnership",
                [
                    Choice("kind", required=True, choices=MilestoneKind),
                    Date("date", attr="on"),
                    Translated("title", required=True),
                    Translated("description"),
                    SOURCE_REFS,
                ],
            ),
            Children(
                "topics",
                PartnershipTopic,
                "partnership",
                [
                    Ref("topic", target="topics", required=True),
                    Choice("role", required=True, choices=TopicRole),
                    SOURCE_REFS,
                ],
            ),
            Children(
                "organisations",
                PartnershipOrganisation,
                "partnership",
                [
                    Ref("organisation", target="organisations", required=True),
                    Translated("role", required=True),
                    SOURCE_REFS,
                ],
            ),
        ],
    ),
    Entity(
        "activities",
        "activities.yaml",
        Activity,
        "slug",
        [
            Ref("partnership", target="partnerships", required=True),
            Choice("kind", required=True, choices=ActivityKind),
            Translated("title", required=True),
            Translated("description"),
            Date("starts"),
            Date("ends"),
            Flag("is_published"),
            RefList("topics", target="topics"),
            RefList("organisations", target="organisations"),
            RefList("sources", target="sources", required=True),
        ],
    ),
    Entity(
        "programmes",
        "programmes.yaml",
        Programme,
        "home",
        [
            Translated("name", required=True),
            Translated("description", required=True),
            Ref("office", target="organisations"),
            RefList("topics", target="topics"),
            Translated("boroughs_note"),
            RefList("boroughs", target="places"),
            RefList("sources", target="sources", required=True),
        ],
        key_is_ref="places",
    ),
    Entity(
        "homes",
        "homes.yaml",
        Home,
        "slug",
        [
            Ref("place", target="places", required=True),
            Choice("kind", required=True, choices=HomeKind),
            Ref("parent", target="homes"),
            Ref("office", target="organisations"),
            Choice("language", required=True, choices=HomeLanguage),
            Integer("position"),
            Flag("is_published"),
            RefList("sources", target="sources", required=True),
        ],
    ),
]
