"""Writing the registry in the dataset format: the same files `load_dataset` reads.

Entries are written in key order and children in their stored order, so export → load into an
empty database → export gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from django.db.models import Q, QuerySet

from citypartners.dataset import yaml_io
from citypartners.dataset.fields import RefList
from citypartners.dataset.schema import ENTITIES, Entity
from citypartners.sources.models import Source


def _related_names(entity: Entity) -> list[str]:
    names = [spec.attr for spec in entity.fields if isinstance(spec, RefList)]
    if any(spec.name == "aliases" for spec in entity.fields):
        names.append("aliases")
    for children in entity.children:
        related = children.model._meta.get_field(children.parent_attr).related_query_name()
        names.append(related)
        names += [
            f"{related}__{spec.attr}" for spec in children.fields if isinstance(spec, RefList)
        ]
    return names


def _public_sources(queryset: QuerySet) -> QuerySet:
    """Public sources, and private ones a fact cites (the files must stay loadable): a document
    uploaded for ingestion and not yet published or cited is left out."""
    cited = Q()
    for relation in Source._meta.related_objects:
        if relation.many_to_many:
            cited |= Q(pk__in=relation.through.objects.values(relation.field.m2m_reverse_name()))
    return queryset.filter(Q(is_public=True) | cited)


def export_entity(entity: Entity, *, public: bool = False) -> str:
    """The YAML text of one dataset file; `public` leaves out private sources nothing cites."""
    queryset = entity.model.objects.prefetch_related(*_related_names(entity))
    if public and entity.model is Source:
        queryset = _public_sources(queryset)
    if entity.key_is_ref:
        queryset = queryset.select_related(entity.key).order_by(f"{entity.key}__slug")
    else:
        queryset = queryset.order_by(entity.key)
    entries = []
    for obj in queryset:
        key = getattr(obj, entity.key)
        entry = {entity.key: key.slug if entity.key_is_ref else key}
        for spec in entity.fields:
            entry[spec.name] = spec.export(obj)
        for children in entity.children:
            related = children.model._meta.get_field(children.parent_attr).related_query_name()
            rows = sorted(getattr(obj, related).all(), key=lambda child: (child.position, child.pk))
            entry[children.name] = [
                {spec.name: spec.export(child) for spec in children.fields} for child in rows
            ]
        entries.append(entry)
    return yaml_io.dump(entity.name, entries)


def export_dataset(directory: Path) -> list[Path]:
    """Write every dataset file into the directory; returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for entity in ENTITIES:
        path = directory / entity.file
        path.write_text(export_entity(entity), encoding="utf-8")
        written.append(path)
    return written
