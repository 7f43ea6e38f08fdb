"""Tell the language of a document by counting frequent function words.

Pages we ingest are long enough that a handful of stop words decides reliably, and a
dictionary-free count keeps ingestion fast and free of model downloads. The extraction's
rules read German and English; the other languages are told apart so that a French or
Polish page is stored as what it is, never as English (its claims are then the editor's
to check, see docs/ingest.md, "Known limits").
"""

from __future__ import annotations

import re

from citypartners.ingest.wordlists import word_set

_WORD = re.compile(r"[^\W\d_]+")
# Words shared by two languages count for both; only the balance decides.
_STOP = {
    "de": word_set(
        "der die das und ist sind mit von für auf dem den des im ein eine einer zu zum zur "
        "nicht auch sich wird wurde werden bei seit aus als wie über unter dass oder noch "
        "nach durch beide beiden jahr jahre jahren stadt städte"
    ),
    "en": word_set(
        "the and is are with of for on a to from this that was were be been by as "
        "at which their our its have has not also since year years city cities"
    ),
    "fr": word_set(
        "le la les du et est une un pour dans avec sur qui que par pas au aux ce cette "
        "sont été ville villes jumelage depuis entre ans année nous notre"
    ),
    "es": word_set(
        "el la los las del y es una con por para que se su al como ciudad ciudades "
        "hermanamiento desde entre años fue son está"
    ),
    "it": word_set(
        "il lo gli della delle di è che per con una sono città gemellaggio dal nel alla "
        "anni tra anche questo"
    ),
    "nl": word_set(
        "de het een van en is zijn met voor op dat die niet ook bij als stad steden "
        "jumelage sinds tussen jaar werd"
    ),
    "pl": word_set(
        "się jest nie że oraz przez miasto miasta miast od po na w z do dla roku lat "
        "partnerskie partnerskich które który została"
    ),
    "uk": word_set("і та на що як це було місто міста побратими з до від року років для також"),
    "ru": word_set("и в на что как это было город города побратимы с до от года лет для также"),
}
# The languages a Source records by name; any other is stored as "other".
SOURCE_LANGUAGES = frozenset({"de", "en", "es", "fr", "pl", "uk"})
# The languages the extraction's rules are written for.
RULE_LANGUAGES = frozenset({"de", "en"})


def detect_language(text: str, *, default: str = "en") -> str:
    """Return the ISO 639-1 code of the language of ``text``.

    ``default`` when nothing tips the balance (no stop word at all, or a tie at the top).
    """
    counts = dict.fromkeys(_STOP, 0)
    for word in _WORD.findall(text[:20000].lower()):
        for language, words in _STOP.items():
            if word in words:
                counts[language] += 1
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0 or list(counts.values()).count(counts[best]) > 1:
        return default
    return best


def source_language(code: str) -> str:
    """The value a Source stores for a detected language code."""
    return code if code in SOURCE_LANGUAGES else "other"


def rule_language(code: str) -> str:
    """The language whose rules read a document: its own, or English's for the others.

    English's reading of capitals (a capitalised word may be a name) suits the other
    Latin-script languages better than German's, where every noun is capitalised.
    """
    return code if code in RULE_LANGUAGES else "en"
