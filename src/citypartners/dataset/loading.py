"""Loading a dataset directory into the registry: validated, transactional, idempotent.

Every entry is compared with what the database holds and written only when it differs, so
loading the same files twice changes nothing (not even a timestamp). Any problem aborts the
whole load and names the file, the entry and the field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from citypartners.activities.services import refresh_activity_dates
from citypartners.dataset import yaml_io
from citypartners.dataset.errors import DatasetError
from citypartners.dataset.fields import FieldProblem, RefList
from citypartners.dataset.schema import ENTITIES, Children, Entity
from citypartners.partnerships.services import refresh_partnership_state
from citypartners.places.services import set_aliases


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def summary(self) -> str:
        parts = []
        for entity in ENTITIES:
            name = entity.name
            parts.append(
                f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
                f"{self.unchanged[name]} unchanged"
            )
        return "\n".join(parts)


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    """Lists of model instances become sorted primary keys, so they compare with the database."""
    out = {}
    for name, value in values.items():
        if isinstance(value, list) and value and isinstance(value[0], models.Model):
            value = sorted(item.pk for item in value)
        out[name] = value
    return out


class _Resolver:
    """Finds referenced entries by key: those loaded in this run first, then the database."""

    def __init__(self) -> None:
        self.loaded: dict[tuple[str, str], models.Model] = {}
        self.models = {entity.name: (entity.model, entity.key) for entity in ENTITIES}

    def __call__(self, target: str, key: Any) -> models.Model:
        if not isinstance(key, str) or not key:
            raise FieldProblem(f"must name a {target} entry by its key, not {key!r}")
        found = self.loaded.get((target, key))
        if found is not None:
            return found
        model, key_field = self.models[target]
        try:
            found = model.objects.get(**{key_field: key})
        except model.DoesNotExist:
            raise FieldProblem(f"refers to {target} entry {key!r}, which does not exist") from None
        self.loaded[(target, key)] = found
        return found


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.resolve = _Resolver()
        self.report = LoadReport()

    def run(self) -> LoadReport:
        files = self._read_files()
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment(f"Loaded dataset {self.directory.name}")
            for entity in ENTITIES:
                self._load_entity(entity, files.get(entity.name, []))
        return self.report

    def _read_files(self) -> dict[str, list[Any]]:
        if not self.directory.is_dir():
            raise DatasetError(str(self.directory), "is not a dataset directory")
        known = {entity.file: entity for entity in ENTITIES}
        for path in sorted(self.directory.glob("*.y*ml")):
            if path.name not in known:
                raise DatasetError(
                    path.name, f"is not a dataset file; expected one of {', '.join(known)}"
                )
        if not any((self.directory / name).exists() for name in known):
            raise DatasetError(str(self.directory), "holds none of the dataset files")
        return {
            entity.name: yaml_io.read(self.directory / entity.file)
            for entity in ENTITIES
            if (self.directory / entity.file).exists()
        }

    # entries ---------------------------------------------------------------------------------

    def _load_entity(self, entity: Entity, entries: list[Any]) -> None:
        seen: set[str] = set()
        deferred = []
        for index, raw in enumerate(entries):
            label = f"#{index + 1}"
            if not isinstance(raw, dict):
                raise DatasetError(entity.file, "must be a mapping of fields", entry=label)
            key = raw.get(entity.key)
            if not isinstance(key, str) or not key.strip():
                raise DatasetError(entity.file, "has no key", entry=label, field=entity.key)
            label = f"#{index + 1} ({key})"
            if key in seen:
                raise DatasetError(entity.file, "appears twice", entry=label, field=entity.key)
            seen.add(key)
            allowed = {
                entity.key,
                *(f.name for f in entity.fields),
                *(c.name for c in entity.children),
            }
            for name in raw:
                if name not in allowed:
                    raise DatasetError(
                        entity.file, "is not a known field", entry=label, field=str(name)
                    )
            obj, late = self._load_entry(entity, key, raw, label)
            if late:
                deferred.append((obj, late, raw, label))
        for obj, late, raw, label in deferred:  # references to entries of the same file
            values = {}
            for spec in late:
                values.update(self._read_field(entity, spec, raw, label))
            self._apply(entity, obj, values, label, created=False)

    def _read_field(self, entity: Entity, spec, raw: dict, label: str, file: str = "") -> dict:
        try:
            return spec.read(raw.get(spec.name), self.resolve)
        except FieldProblem as problem:
            raise DatasetError(
                file or entity.file, str(problem), entry=label, field=spec.name
            ) from None

    def _load_entry(self, entity: Entity, key: str, raw: dict, label: str):
        own, late, many = {}, [], {}
        for spec in entity.fields:
            if getattr(spec, "target", "") == entity.name:
                late.append(spec)
            elif isinstance(spec, RefList) or spec.name == "aliases":
                many.update(self._read_field(entity, spec, raw, label))
            else:
                own.update(self._read_field(entity, spec, raw, label))
        if entity.key_is_ref:
            key_obj = self._read_key_ref(entity, key, label)
            lookup = {f"{entity.key}_id": key_obj.pk}
        else:
            lookup = {entity.key: key}
        obj = entity.model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = entity.model(**lookup)
        self._apply(entity, obj, own, label, created=created)
        changed = self._apply_many(entity, obj, many, label)
        for children in entity.children:
            changed |= self._load_children(entity, children, obj, raw.get(children.name), label)
        if entity.name == "partnerships":
            refresh_partnership_state(obj)
        if created:
            self.report.created[entity.name] += 1
        elif changed or getattr(obj, "_dataset_changed", False):
            self.report.updated[entity.name] += 1
        else:
            self.report.unchanged[entity.name] += 1
        if not entity.key_is_ref:
            self.resolve.loaded[(entity.name, key)] = obj
        return obj, late

    def _read_key_ref(self, entity: Entity, key: str, label: str):
        try:
            return self.resolve(entity.key_is_ref, key)
        except FieldProblem as problem:
            raise DatasetError(entity.file, str(problem), entry=label, field=entity.key) from None

    def _apply(
        self, entity: Entity, obj: models.Model, values: dict, label: str, *, created: bool
    ) -> None:
        current = {name: getattr(obj, name) for name in values}
        if not created and current == values:
            return
        for name, value in values.items():
            setattr(obj, name, value)
        if entity.name == "activities":
            refresh_activity_dates(obj)
        self._save(entity.file, obj, label)
        obj._dataset_changed = True

    def _save(self, file: str, obj: models.Model, label: str) -> None:
        try:
            obj.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            raise DatasetError(file, "; ".join(messages), entry=label, field=name) from None
        obj.save()

    def _apply_many(self, entity: Entity, obj: models.Model, many: dict, label: str) -> bool:
        changed = False
        for name, value in many.items():
            if name == "aliases":
                changed |= set_aliases(place=obj, names=value)
                continue
            manager = getattr(obj, name)
            if sorted(item.pk for item in manager.all()) != sorted(item.pk for item in value):
                manager.set(value)
                changed = True
        return changed

    def _load_children(self, entity: Entity, spec: Children, parent, raw_list, label: str) -> bool:
        if raw_list in (None, ""):
            raw_list = []
        if not isinstance(raw_list, list):
            raise DatasetError(entity.file, "must be a list", entry=label, field=spec.name)
        desired = []
        for index, raw in enumerate(raw_list):
            child_label = f"{label} {spec.name} #{index + 1}"
            if not isinstance(raw, dict):
                raise DatasetError(entity.file, "must be a mapping of fields", entry=child_label)
            for name in raw:
                if name not in {f.name for f in spec.fields}:
                    raise DatasetError(
                        entity.file, "is not a known field", entry=child_label, field=str(name)
                    )
            values = {}
            for field_spec in spec.fields:
                values.update(self._read_field(entity, field_spec, raw, child_label))
            desired.append((values, child_label))
        existing = spec.model.objects.filter(**{spec.parent_attr: parent}).order_by(*spec.order_by)
        current = [
            _comparable({k: v for f in spec.fields for k, v in f.current(child).items()})
            for child in existing
        ]
        if current == [_comparable(values) for values, _label in desired]:
            return False
        spec.model.objects.filter(**{spec.parent_attr: parent}).delete()
        for position, (values, child_label) in enumerate(desired):
            many = {k: v for k, v in values.items() if isinstance(v, list)}
            own = {k: v for k, v in values.items() if not isinstance(v, list)}
            child = spec.model(**{spec.parent_attr: parent, "position": position}, **own)
            self._save(entity.file, child, child_label)
            for name, items in many.items():
                getattr(child, name).set(items)
        return True


def load_dataset(directory: Path) -> LoadReport:
    """Load every dataset file in the directory in one transaction; raise DatasetError on a problem.

    Messages are in English whatever language is active, like every console message.
    """
    with translation.override("en"):
        return _Loader(Path(directory)).run()
