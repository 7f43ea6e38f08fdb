"""Fill empty msgstr entries of German catalogues from a mapping file, leaving filled ones alone.

Used when a batch of new UI strings is translated at once:
    python scripts/fill_catalogue.py MAPPING.py src/citypartners/*/locale/de/LC_MESSAGES/*.po
The mapping file defines `DE = {msgid: msgstr or [singular, plural]}`. Prints msgids still empty.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def fill(po_path: Path, translations: dict) -> list[str]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        filled = all(message.string) if isinstance(message.string, tuple) else bool(message.string)
        if filled:
            continue
        value = translations.get(key)
        if value is None:
            missing.append(key)
            continue
        message.string = tuple(value) if isinstance(message.id, tuple) else value
        message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    return missing


def main() -> None:
    translations = runpy.run_path(sys.argv[1])["DE"]
    for name in sys.argv[2:]:
        for key in fill(Path(name), translations):
            print(f"{name}: no translation for {key!r}")


if __name__ == "__main__":
    main()
