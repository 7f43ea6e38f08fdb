"""Loading a dataset directory into the registry: validated, transactional, and it never
destroys an editor's work.

Every entry is compared with what the database holds and written only when it differs, so
loading the same files twice changes nothing (not even a timestamp). Any problem aborts the
whole load and names the file, the entry and the field.

An entry that exists in the database is updated from the file only when nobody has changed it
since it was last loaded: the loader keeps a fingerprint of the values it wrote
(`LoadedRecord`) and compares it with the database's current values. Where an editor changed the
record, the file's differences are reported as conflicts and not applied; `force=True` applies
them anyway (the editor's values stay in the record's history). What is missing is created,
whether it was never loaded or deleted since: a restore from the files gives the whole registry
back.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation

from citypartners.activities.services import refresh_activity_dates
from citypartners.dataset import yaml_io
from citypartners.dataset.errors import DatasetError
from citypartners.dataset.fields import FieldProblem, RefList
from citypartners.dataset.models import LoadedRecord
from citypartners.dataset.schema import ENTITIES, Children, Entity
from citypartners.partnerships.services import refresh_partnership_state
from citypartners.places.services import set_aliases
from citypartners.search.models import SearchEntry
from citypartners.search.services import analyze_tables


@dataclass(frozen=True)
class Conflict:
    """A field an editor changed that the file also changed: kept as the editor left it."""

    entity: str
    key: str
    field: str
    database: str
    file: str

    def __str__(self) -> str:
        return (
            f"{self.entity} {self.key}, field '{self.field}':\n"
            f"    database: {self.database}\n    file:     {self.file}"
        )


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)  # edited in the back office, file not applied
    overwritten: Counter = field(default_factory=Counter)  # edited, file applied by force
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values())
            or sum(self.updated.values())
            or sum(self.overwritten.values())
        )

    def summary(self) -> str:
        parts = []
        for entity in ENTITIES:
            name = entity.name
            line = (
                f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
                f"{self.unchanged[name]} unchanged"
            )
            if self.kept[name]:
                line += f", {self.kept[name]} edited in the back office and kept"
            if self.overwritten[name]:
                line += f", {self.overwritten[name]} edited in the back office and overwritten"
            parts.append(line)
        if self.conflicts:
            parts.append(
                f"{len(self.conflicts)} conflict(s): the file changed a value an editor had "
                "also changed; the editor's value was kept:"
            )
            parts += [f"  {conflict}" for conflict in self.conflicts]
        return "\n".join(parts)


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    """Lists of model instances become sorted primary keys, so they compare with the database."""
    out = {}
    for name, value in values.items():
        if isinstance(value, list) and value and isinstance(value[0], models.Model):
            value = sorted(item.pk for item in value)
        out[name] = value
    return out


def _canonical(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def _hash(value: Any) -> str:
    text = json.dumps(value, default=_canonical, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _show(value: Any, limit: int = 160) -> str:
    """A value as a person reads it in a console report, cut to one line."""
    if isinstance(value, str):
        text = repr(value)
    else:
        text = json.dumps(value, default=str, ensure_ascii=False)
    text = text.replace("\r", "").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    def __init__(self, directory: Path, *, force: bool = False) -> None:
        self.directory = directory
        self.force = force
        self.resolve = _Resolver()
        self.report = LoadReport()
        self.now = timezone.now()

    def run(self) -> LoadReport:
        files = self._read_files()
        with transaction.atomic(), reversion.create_revision():
            comment = f"Loaded dataset {self.directory.name}"
            reversion.set_comment(comment + (" (forced)" if self.force else ""))
            for entity in ENTITIES:
                self._load_entity(entity, files.get(entity.name, []))
        # A bulk write: the planner's statistics of what it wrote, and of the search index
        # that the load refreshed when it committed (issue 16).
        analyze_tables(tables=_written_tables())
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

    def _validated(self, entity: Entity, entries: list[Any]) -> list[tuple[str, dict, str]]:
        seen: set[str] = set()
        out = []
        allowed = {entity.key, *(f.name for f in entity.fields), *(c.name for c in entity.children)}
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
            for name in raw:
                if name not in allowed:
                    raise DatasetError(
                        entity.file, "is not a known field", entry=label, field=str(name)
                    )
            out.append((key, raw, label))
        return out

    def _load_entity(self, entity: Entity, entries: list[Any]) -> None:
        records = {record.key: record for record in LoadedRecord.objects.filter(entity=entity.name)}
        pending = []
        # First every entry is read and the missing ones are created, so that references to
        # entries of the same file (a place's parent) resolve in the second pass.
        for key, raw, label in self._validated(entity, entries):
            early = self._read_values(entity, raw, label, late=False)
            lookup = self._lookup(entity, key, label)
            obj = entity.model.objects.filter(**lookup).first()
            created = obj is None
            if created:
                obj = entity.model(**lookup)
                self._write(entity, obj, early, label, created=True)
            if not entity.key_is_ref:
                self.resolve.loaded[(entity.name, key)] = obj
            pending.append((key, raw, label, obj, created, early))
        for key, raw, label, obj, created, early in pending:
            values = {**early, **self._read_values(entity, raw, label, late=True)}
            file_state = self._file_state(entity, values)
            if created:
                self._write(entity, obj, {n: v for n, v in values.items() if n not in early}, label)
                self._finish(entity, obj)
                self.report.created[entity.name] += 1
                self._remember(entity, key, file_state, records.get(key))
                continue
            db_state = self._db_state(entity, obj)
            record = records.get(key)
            if db_state == file_state:
                self.report.unchanged[entity.name] += 1
                self._remember(entity, key, file_state, record)
                continue
            # A field the schema gained since the last load counts as untouched.
            edited = record is None or any(
                record.fields.get(name, digest) != digest
                for name, digest in _hashes(db_state).items()
            )
            if edited and not self.force:
                self._report_conflicts(entity, key, raw, obj, db_state, file_state, record)
                self.report.kept[entity.name] += 1
                continue
            self._write(entity, obj, values, label)
            self._finish(entity, obj)
            counter = self.report.overwritten if edited else self.report.updated
            counter[entity.name] += 1
            self._remember(entity, key, file_state, record)

    def _lookup(self, entity: Entity, key: str, label: str) -> dict[str, Any]:
        if not entity.key_is_ref:
            return {entity.key: key}
        try:
            key_obj = self.resolve(entity.key_is_ref, key)
        except FieldProblem as problem:
            raise DatasetError(entity.file, str(problem), entry=label, field=entity.key) from None
        return {f"{entity.key}_id": key_obj.pk}

    def _read_values(self, entity: Entity, raw: dict, label: str, *, late: bool) -> dict:
        """{field or children name: the values read from the file}, for early or late fields."""
        values: dict[str, Any] = {}
        for spec in entity.fields:
            if (getattr(spec, "target", "") == entity.name) == late:
                values[spec.name] = self._read_field(entity, spec, raw, label)
        if not late:
            for children in entity.children:
                values[children.name] = self._read_children(
                    entity, children, raw.get(children.name), label
                )
        return values

    def _read_field(self, entity: Entity, spec, raw: dict, label: str, file: str = "") -> dict:
        try:
            return spec.read(raw.get(spec.name), self.resolve)
        except FieldProblem as problem:
            raise DatasetError(
                file or entity.file, str(problem), entry=label, field=spec.name
            ) from None

    # what is compared: the file's values and the database's, in the same comparable form ------

    def _file_state(self, entity: Entity, values: dict) -> dict[str, Any]:
        state = {}
        for spec in entity.fields:
            state[spec.name] = _comparable(values[spec.name])
        for children in entity.children:
            state[children.name] = [_comparable(row) for row, _label in values[children.name]]
        return state

    def _db_state(self, entity: Entity, obj: models.Model) -> dict[str, Any]:
        state = {}
        for spec in entity.fields:
            state[spec.name] = _comparable(spec.current(obj))
        for children in entity.children:
            rows = children.model.objects.filter(**{children.parent_attr: obj}).order_by(
                *children.order_by
            )
            state[children.name] = [
                _comparable({k: v for f in children.fields for k, v in f.current(row).items()})
                for row in rows
            ]
        return state

    def _report_conflicts(self, entity, key, raw, obj, db_state, file_state, record) -> None:
        """The fields the file changed since the last load where the database differs too."""
        for name, file_value in file_state.items():
            if file_value == db_state[name]:
                continue
            if record is not None and record.fields.get(name) == _hash(file_value):
                continue  # only the editor changed this field: their value stands, no conflict
            self.report.conflicts.append(
                Conflict(
                    entity.name,
                    key,
                    name,
                    *_difference(self._exported(entity, name, obj), raw.get(name)),
                )
            )

    def _exported(self, entity: Entity, name: str, obj: models.Model) -> Any:
        for spec in entity.fields:
            if spec.name == name:
                return spec.export(obj)
        children = next(c for c in entity.children if c.name == name)
        related = children.model._meta.get_field(children.parent_attr).related_query_name()
        rows = getattr(obj, related).order_by(*children.order_by)
        return [{spec.name: spec.export(row) for spec in children.fields} for row in rows]

    def _remember(self, entity: Entity, key: str, state: dict, record) -> None:
        hashes = _hashes(state)
        if record is not None and record.fields == hashes:
            return
        LoadedRecord.objects.update_or_create(
            entity=entity.name,
            key=key,
            defaults={"fingerprint": _hash(hashes), "fields": hashes, "loaded_at": self.now},
        )

    # writing ---------------------------------------------------------------------------------

    def _write(
        self, entity: Entity, obj: models.Model, values: dict, label: str, *, created=False
    ) -> None:
        own, many = {}, {}
        for spec in entity.fields:
            if spec.name not in values:
                continue
            if isinstance(spec, RefList) or spec.name == "aliases":
                many.update(values[spec.name])
            else:
                own.update(values[spec.name])
        current = {name: getattr(obj, name) for name in own}
        if created or current != own:
            for name, value in own.items():
                setattr(obj, name, value)
            if entity.name == "activities":
                refresh_activity_dates(obj)
            self._save(entity.file, obj, label)
        self._apply_many(obj, many)
        for children in entity.children:
            if children.name in values:
                self._write_children(entity, children, obj, values[children.name])

    def _finish(self, entity: Entity, obj: models.Model) -> None:
        if entity.name == "partnerships":
            refresh_partnership_state(obj)

    def _save(self, file: str, obj: models.Model, label: str) -> None:
        try:
            obj.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            raise DatasetError(file, "; ".join(messages), entry=label, field=name) from None
        obj.save()

    def _apply_many(self, obj: models.Model, many: dict) -> None:
        for name, value in many.items():
            if name == "aliases":
                set_aliases(place=obj, names=value)
                continue
            manager = getattr(obj, name)
            if sorted(item.pk for item in manager.all()) != sorted(item.pk for item in value):
                manager.set(value)

    def _read_children(self, entity: Entity, spec: Children, raw_list, label: str) -> list:
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
        return desired

    def _write_children(self, entity: Entity, spec: Children, parent, desired: list) -> None:
        existing = spec.model.objects.filter(**{spec.parent_attr: parent}).order_by(*spec.order_by)
        current = [
            _comparable({k: v for f in spec.fields for k, v in f.current(child).items()})
            for child in existing
        ]
        if current == [_comparable(values) for values, _label in desired]:
            return
        spec.model.objects.filter(**{spec.parent_attr: parent}).delete()
        for position, (values, child_label) in enumerate(desired):
            many = {k: v for k, v in values.items() if isinstance(v, list)}
            own = {k: v for k, v in values.items() if not isinstance(v, list)}
            child = spec.model(**{spec.parent_attr: parent, "position": position}, **own)
            self._save(entity.file, child, child_label)
            for name, items in many.items():
                getattr(child, name).set(items)


def _hashes(state: dict[str, Any]) -> dict[str, str]:
    return {name: _hash(value) for name, value in state.items()}


def _difference(database: Any, file: Any) -> tuple[str, str]:
    """Both values for the report; of two bilingual texts only the languages that differ."""
    if isinstance(database, dict) and isinstance(file, dict):
        names = [
            n
            for n in database
            if str(database.get(n) or "").strip() != str(file.get(n) or "").strip()
        ]
        database = {n: database.get(n) for n in names}
        file = {n: file.get(n) for n in names}
    return _show(database), _show(file)


def _written_tables() -> list[str]:
    """The tables a dataset load writes: each entity's and child's, their many-to-many tables,
    and the search index."""
    tables: list[str] = []
    written = [entity.model for entity in ENTITIES]
    written += [child.model for entity in ENTITIES for child in entity.children]
    for model in written:
        tables.append(model._meta.db_table)
        tables += [field.remote_field.through._meta.db_table for field in model._meta.many_to_many]
    tables.append(SearchEntry._meta.db_table)
    return list(dict.fromkeys(tables))


def load_dataset(directory: Path, *, force: bool = False) -> LoadReport:
    """Load every dataset file in the directory in one transaction; raise DatasetError on a problem.

    Records an editor changed since the last load are kept and their differences reported in
    `LoadReport.conflicts`; `force` applies the file to them as well.

    Messages are in English whatever language is active, like every console message.
    """
    with translation.override("en"):
        return _Loader(Path(directory), force=force).run()
