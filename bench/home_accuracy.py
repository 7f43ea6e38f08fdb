"""How often the home is right, per document, read with the file's own name and with a
neutral one (the file name is a cue of its own; see docs/decisions/0027 and 0035).

    .venv/bin/python bench/home_accuracy.py build|all GOLD.json [GOLD.json …] [--wrong]

``build`` keeps the corpus's build part only (never pass ``measure``: its per-document
results may not be read). Prints one line per wrong document with ``--wrong``, then the counts.
"""

from __future__ import annotations

import sys

from citypartners.ingest.evaluation import load_gold, same_home
from citypartners.ingest.gazetteer import get_gazetteer
from citypartners.ingest.home import find_home
from citypartners.ingest.place_mentions import find_place_mentions
from citypartners.ingest.reading import read_document


def main(argv: list[str]) -> int:
    show = "--wrong" in argv
    args = [a for a in argv if a != "--wrong"]
    if not args or args[0] not in ("build", "all"):
        print(__doc__)
        return 2
    split, golds = args[0], args[1:]
    gazetteer = get_gazetteer(None)
    total = named = neutral = 0
    for gold in golds:
        for doc in load_gold(gold):
            if split == "build" and doc.part != "build":
                continue
            text = read_document(doc.path.read_bytes(), path=str(doc.path)).text
            mentions = find_place_mentions(text, gazetteer)
            found = find_home(text, mentions, gazetteer, None, path=str(doc.path))
            plain = find_home(text, mentions, gazetteer, None, path="upload.txt")
            right = same_home(found.name if found else None, doc.home)
            right_plain = same_home(plain.name if plain else None, doc.home)
            total += 1
            named += right
            neutral += right_plain
            if show and not (right and right_plain):
                print(
                    f"{doc.name}: gold {doc.home!r}, found {found and found.name!r}, "
                    f"with a neutral name {plain and plain.name!r}"
                )
    print(f"home right: {named}/{total} with the file's name, {neutral}/{total} with a neutral one")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
