"""Slugs keep every letter of a name, so two places never differ only by dropped letters."""

import pytest

from citypartners.core.slugs import slug_of


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Brøndbyvester", "brondbyvester"),  # ø does not decompose: slugify alone drops it
        ("Nałęczów", "naleczow"),  # ł likewise
        ("Treptow-Köpenick", "treptow-kopenick"),  # as the back office's slug field writes it
        ("Straße der Partnerstädte", "strasse-der-partnerstadte"),
        ("İzmir-Çiğli", "izmir-cigli"),
        ("Saint-Étienne", "saint-etienne"),
        ("北京", "beijing"),
        ("", ""),
    ],
)
def test_slug_of_transliterates_instead_of_dropping(name, slug):
    assert slug_of(name) == slug


def test_german_slugs_write_umlauts_as_german_addresses_do():
    assert slug_of("Treptow-Köpenick", german=True) == "treptow-koepenick"
    assert slug_of("Straße der Partnerstädte", german=True) == "strasse-der-partnerstaedte"
