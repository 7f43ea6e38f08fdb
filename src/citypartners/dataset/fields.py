"""How each field of a dataset entry is read, compared and written.

A field knows three things: how to turn the YAML value into model values (with a clear error),
how to read the current value off a model instance, and how to write it back to YAML. Loading
and exporting use the same objects, so the two can never disagree on the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from citypartners.core.dates import InvalidPartialDate, PartialDate

LANGUAGES = ("de", "en")


class FieldProblem(ValueError):
    """A value in the file that cannot be used; the loader adds file, entry and field."""


@dataclass
class Field:
    name: str
    required: bool = False
    attr: str = ""

    def __post_init__(self) -> None:
        self.attr = self.attr or self.name

    # YAML value -> {model attribute: value}
    def read(self, raw: Any, resolve) -> dict[str, Any]:
        return {self.attr: self.convert(raw, resolve)}

    def convert(self, raw: Any, resolve) -> Any:
        return raw

    # model instance -> YAML value
    def export(self, obj: models.Model) -> Any:
        return getattr(obj, self.attr)

    def current(self, obj: models.Model) -> dict[str, Any]:
        return {self.attr: getattr(obj, self.attr)}

    def missing(self) -> Any:
        if self.required:
            raise FieldProblem("is required")
        return self.empty()

    def empty(self) -> Any:
        return ""


@dataclass
class Text(Field):
    max_length: int = 0

    def convert(self, raw, resolve):
        if raw is None:
            return self.missing()
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise FieldProblem(f"must be text, not {type(raw).__name__}")
        text = str(raw).strip()
        if self.required and not text:
            raise FieldProblem("must not be empty")
        if self.max_length and len(text) > self.max_length:
            raise FieldProblem(f"is longer than {self.max_length} characters")
        return text


@dataclass
class Choice(Field):
    choices: type[models.TextChoices] | None = None

    def convert(self, raw, resolve):
        if raw in (None, ""):
            return self.missing()
        allowed = list(self.choices.values)
        if raw not in allowed:
            raise FieldProblem(f"{raw!r} is not one of {', '.join(allowed)}")
        return raw


@dataclass
class Translated(Field):
    """A bilingual text: {de: ..., en: ...}; both keys are always written."""

    def read(self, raw, resolve):
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise FieldProblem("must be a mapping with 'de' and 'en'")
        unknown = set(raw) - set(LANGUAGES)
        if unknown:
            raise FieldProblem(f"has unknown language(s) {', '.join(sorted(map(str, unknown)))}")
        values = {}
        for code in LANGUAGES:
            text = raw.get(code) or ""
            if not isinstance(text, str):
                raise FieldProblem(f"'{code}' must be text")
            values[f"{self.attr}_{code}"] = text.strip()
        if self.required and not all(values.values()):
            raise FieldProblem("needs both a German ('de') and an English ('en') text")
        return values

    def current(self, obj):
        return {
            f"{self.attr}_{code}": getattr(obj, f"{self.attr}_{code}") or "" for code in LANGUAGES
        }

    def export(self, obj):
        return {code: getattr(obj, f"{self.attr}_{code}") or "" for code in LANGUAGES}


@dataclass
class Date(Field):
    def convert(self, raw, resolve):
        if raw is None or raw == "":
            if self.required:
                raise FieldProblem("is required")
            return PartialDate()
        try:
            return PartialDate.from_iso(str(raw))
        except InvalidPartialDate as error:
            raise FieldProblem(str(error)) from error

    def export(self, obj):
        return getattr(obj, self.attr).isoformat()


@dataclass
class Integer(Field):
    def convert(self, raw, resolve):
        if raw in (None, ""):
            if self.required:
                raise FieldProblem("is required")
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise FieldProblem(f"must be a whole number, not {raw!r}")
        return raw


@dataclass
class Coordinate(Field):
    limit: int = 180

    def convert(self, raw, resolve):
        if raw in (None, ""):
            return None
        try:
            value = Decimal(str(raw)).quantize(Decimal("0.00001"))
        except InvalidOperation as error:
            raise FieldProblem(f"{raw!r} is not a number") from error
        if not -self.limit <= value <= self.limit:
            raise FieldProblem(f"{value} is outside ±{self.limit}")
        return value

    def export(self, obj):
        value = getattr(obj, self.attr)
        return "" if value is None else str(Decimal(value).quantize(Decimal("0.00001")))

    def current(self, obj):
        value = getattr(obj, self.attr)
        return {self.attr: None if value is None else Decimal(value).quantize(Decimal("0.00001"))}


@dataclass
class Flag(Field):
    default: bool = True

    def convert(self, raw, resolve):
        if raw is None:
            return self.default
        if not isinstance(raw, bool):
            raise FieldProblem("must be true or false")
        return raw


@dataclass
class Ref(Field):
    """A reference to another entry by its key (slug)."""

    target: str = ""

    def convert(self, raw, resolve):
        if raw in (None, ""):
            if self.required:
                raise FieldProblem("is required")
            return None
        return resolve(self.target, raw)

    def current(self, obj):
        return {f"{self.attr}_id": getattr(obj, f"{self.attr}_id")}

    def read(self, raw, resolve):
        value = self.convert(raw, resolve)
        return {f"{self.attr}_id": value.pk if value is not None else None}

    def export(self, obj):
        value = getattr(obj, self.attr)
        return "" if value is None else getattr(value, _KEYS[self.target])


@dataclass
class RefList(Field):
    """A many-to-many list of references; order in the file is kept by key order on export."""

    target: str = ""
    many: bool = field(default=True, init=False)

    def convert(self, raw, resolve):
        if raw in (None, ""):
            raw = []
        if not isinstance(raw, list):
            raise FieldProblem("must be a list")
        if self.required and not raw:
            raise FieldProblem("must name at least one entry")
        values = [resolve(self.target, item) for item in raw]
        if len({value.pk for value in values}) != len(values):
            raise FieldProblem("names the same entry twice")
        return values

    def read(self, raw, resolve):
        return {self.attr: self.convert(raw, resolve)}

    def current(self, obj):
        return {self.attr: sorted(item.pk for item in getattr(obj, self.attr).all())}

    def export(self, obj):
        key = _KEYS[self.target]
        return sorted(getattr(item, key) for item in getattr(obj, self.attr).all())


@dataclass
class Aliases(Field):
    """A place's aliases as a list of names."""

    def read(self, raw, resolve):
        if raw in (None, ""):
            raw = []
        if not isinstance(raw, list) or not all(
            isinstance(item, str) and item.strip() for item in raw
        ):
            raise FieldProblem("must be a list of names")
        names = [item.strip() for item in raw]
        if len(set(names)) != len(names):
            raise FieldProblem("lists a name twice")
        return {self.attr: sorted(names)}

    def current(self, obj):
        return {self.attr: sorted(alias.name for alias in obj.aliases.all())}

    def export(self, obj):
        return sorted(alias.name for alias in obj.aliases.all())


# The key field of each entity kind, used by references and export.
_KEYS = {
    "sources": "key",
    "places": "slug",
    "topics": "slug",
    "organisations": "slug",
    "partnerships": "slug",
    "activities": "slug",
    "homes": "slug",
}
