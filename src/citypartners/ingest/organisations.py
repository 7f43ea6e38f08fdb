"""Find organisations that a text introduces with an acronym: "Agentur für … (ATDT)".

Official pages name an institution once in full and then by its acronym; that pattern is
reliable enough to give editors a list of organisations to link, with the span naming each.
The full name is taken as the words before the bracket whose initials spell the acronym, or,
failing that, the words from the last institution noun (Ministerium, Agency, Kommission …).
"""

from __future__ import annotations

import re

from citypartners.ingest.wordlists import word_set

_ACRONYM = re.compile(r"\((?P<acronym>[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9&\-]{0,9})\)")
_WORD = re.compile(r"[^\s()\[\],;:.!?\"„“”]+")
_STOP_BEFORE = re.compile(r"[,;:.!?()\[\]\"„“”]")
_LINKING = word_set(
    "für fuer und der die das des den dem von vom zur zum of for and the de del la las los y "
    "et du für digitale"
)
_INSTITUTION = re.compile(
    r"(?i)(gesellschaft|ministerium|ministry|ministerio|secretar|agentur|agency|agencia|kommission|"
    r"commission|comisión|institut|institute|universit|hochschule|college|stiftung|foundation|"
    r"fundación|verband|association|amt$|office|council|rat$|bank|bund|behörde|authority|senat|"
    r"kammer|chamber|organi[sz]ation|organismo|programm|programme|program|akademie|academy|"
    r"zentrum|center|centre|orchester|orchestra|museum|theater|theatre|gmbh|e\.v|union|netzwerk|"
    r"network|forum|service|dienst|department|direktion|directorate)"
)


def find_organisations(text: str) -> list[dict]:
    """Organisations with acronyms: ``{"name", "acronym", "evidence"}``, first mention each."""
    found: dict[str, dict] = {}
    for match in _ACRONYM.finditer(text):
        acronym = match.group("acronym")
        if sum(ch.isupper() for ch in acronym) < 2 or acronym in found:
            continue
        span = _name_before(text, match.start(), acronym)
        if span is None:
            continue
        start, end = span
        name = text[start:end]
        found[acronym] = {
            "name": name,
            "acronym": acronym,
            "evidence": {"start": start, "end": match.end(), "text": text[start : match.end()]},
        }
    return list(found.values())


def _clause_words(text: str, position: int) -> list[tuple[int, int, str]]:
    window_start = max(0, position - 160)
    window = text[window_start:position]
    cut = max((m.end() for m in _STOP_BEFORE.finditer(window)), default=0)
    # a hyphen-continued word ("Kleinst-, Klein- und …") is an enumeration, not a name
    words = [
        (window_start + m.start(), window_start + m.end(), m.group(0))
        for m in _WORD.finditer(window, cut)
    ]
    return words[-10:]


def _initials_match(words: list[str], acronym: str) -> bool:
    letters = acronym.lower().replace("-", "").replace("&", "")
    content = [word for word in words if word.lower() not in _LINKING or word[0].isupper()]
    if not content or content[0][0].lower() != letters[0]:
        return False
    phrase = " ".join(content).lower()
    position = 0
    for letter in letters:
        position = phrase.find(letter, position)
        if position < 0:
            return False
        position += 1
    capitals = sum(word[0].isupper() for word in content)
    return capitals <= len(letters) + 1


def _name_before(text: str, position: int, acronym: str) -> tuple[int, int] | None:
    words = _clause_words(text, position)
    if not words:
        return None
    # longest run of words ending at the bracket that starts with a capital and spells it
    for first in range(len(words)):
        chosen = words[first:]
        if not chosen[0][2][0].isupper() or chosen[0][2].lower() in _LINKING:
            continue
        if _initials_match([w for _, _, w in chosen], acronym):
            return chosen[0][0], chosen[-1][1]
    for first in range(len(words)):
        word = words[first][2]
        if word[0].isupper() and _INSTITUTION.search(word):
            chosen = words[first:]
            if all(w[0].isupper() or w.lower() in _LINKING for _, _, w in chosen):
                return chosen[0][0], chosen[-1][1]
    return None
