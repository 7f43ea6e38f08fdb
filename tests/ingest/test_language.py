"""A document's language: German and English for the rules, the others named, never taken for English."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from citypartners.ingest.language import detect_language, rule_language, source_language
from citypartners.sources.models import Source

# Sentences written for these tests, one per language.
SAMPLES = {
    "de": "Die Stadt pflegt seit 1991 eine Partnerschaft mit der Stadt am Meer.",
    "en": "The town has been twinned with the city by the sea since 1991.",
    "fr": "La ville est jumelée depuis 1991 avec une ville de la côte, et nous sommes fiers de cette amitié.",
    "es": "La ciudad mantiene desde 1991 un hermanamiento con una ciudad de la costa.",
    "it": "La città è legata dal 1991 da un gemellaggio con una città della costa.",
    "nl": "De stad heeft sinds 1991 een jumelage met een stad aan de kust.",
    "pl": "Miasto od 1991 roku utrzymuje kontakty partnerskie z miastem nad morzem, które jest bliskie.",
    "uk": "Місто з 1991 року має побратимів, і це місто також співпрацює з містом на морі.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language_is_told_by_its_function_words(language: str) -> None:
    assert detect_language(SAMPLES[language]) == language


def test_a_text_without_function_words_gets_the_default() -> None:
    assert detect_language("Paris 1991 Lyon 1995", default="de") == "de"


def test_german_with_a_french_name_in_it_stays_german() -> None:
    text = SAMPLES["de"] + " Das Komitee heißt « Le Comité de la Ville »."
    assert detect_language(text) == "de"


def test_source_and_rule_languages() -> None:
    assert [source_language(code) for code in ("de", "fr", "uk", "it", "ru")] == [
        "de",
        "fr",
        "uk",
        "other",
        "other",
    ]
    assert [rule_language(code) for code in ("de", "en", "fr", "pl")] == ["de", "en", "en", "en"]


@pytest.mark.django_db
def test_a_french_document_is_stored_as_french_with_a_warning(tmp_path: Path) -> None:
    document = tmp_path / "jumelage.txt"
    document.write_text(SAMPLES["fr"] + "\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("ingest", str(document), stdout=out, stderr=err)
    assert "(fr, home:" in out.getvalue()
    assert "neither German nor English (fr)" in err.getvalue()
    assert Source.objects.get(file_name="jumelage.txt").language == "fr"


@pytest.mark.django_db
def test_an_english_document_gets_no_language_warning(tmp_path: Path) -> None:
    document = tmp_path / "twinning.txt"
    document.write_text(SAMPLES["en"] + "\n", encoding="utf-8")
    err = StringIO()
    call_command("ingest", str(document), "--dry-run", stdout=StringIO(), stderr=err)
    assert "neither German nor English" not in err.getvalue()
