"""Reading and writing the dataset's YAML: block style, Unicode, long texts as literal blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from citypartners.dataset.errors import DatasetError

HEADER = "# citypartners dataset file ({name}). The format is described in docs/data.md.\n"


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_text)


def dump(name: str, entries: list[dict[str, Any]]) -> str:
    body = yaml.dump(
        entries,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return HEADER.format(name=name) + body


def read(path: Path) -> list[Any]:
    """The entries of one file, or a DatasetError naming the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DatasetError(path.name, f"cannot be read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise DatasetError(
            path.name, f"is not UTF-8 text ({error.reason} at byte {error.start})"
        ) from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise DatasetError(path.name, f"is not valid YAML{where}: {problem}") from error
    if data is None:
        return []
    if not isinstance(data, list):
        raise DatasetError(path.name, "must hold a list of entries")
    return data
