"""Writing homes: `register_home`, `register_borough` and the `addhome` command."""

import pytest
from django.core.management import CommandError, call_command

from citypartners.homes import services
from citypartners.homes.enums import HomeKind
from citypartners.homes.models import Home
from citypartners.places.models import Place
from tests.factories import make_city, make_source

pytestmark = pytest.mark.django_db


def test_register_home_needs_a_source():
    with pytest.raises(ValueError, match="source"):
        services.register_home(place=make_city(), kind=HomeKind.MUNICIPALITY, sources=[])


def test_register_home_twice_updates_the_one_home():
    place, source = make_city(), make_source()
    first = services.register_home(place=place, kind=HomeKind.MUNICIPALITY, sources=[source])
    second = services.register_home(place=place, kind=HomeKind.DISTRICT, sources=[source])
    assert first.pk == second.pk and Home.objects.get(pk=first.pk).kind == HomeKind.DISTRICT


def test_addhome_sets_the_language_mails_to_the_home_are_written_in():
    place, source = make_city(), make_source()
    call_command("addhome", place.slug, "--language", "en", "--source", source.key)
    assert Home.objects.get(place=place).language == "en"
    # Registered again without a language, the home keeps the one it has.
    services.register_home(place=place, kind=HomeKind.MUNICIPALITY, sources=[source])
    assert Home.objects.get(place=place).language == "en"
    other = services.register_home(place=make_city(), kind=HomeKind.MUNICIPALITY, sources=[source])
    assert other.language == "de"


def test_addhome_adds_a_borough_with_its_place_under_the_state(capsys):
    source = make_source()
    call_command("addhome", "Wedding-Test", "--borough-of", "berlin", "--source", source.key)
    home = Home.objects.get(slug="wedding-test")
    assert home.kind == HomeKind.BOROUGH and home.parent.slug == "berlin"
    assert home.place.slug == "berlin-wedding-test" and home.place.parent.slug == "berlin"
    assert list(home.sources.all()) == [source]
    assert "wedding-test: borough" in capsys.readouterr().out


def test_addhome_keeps_an_existing_borough_place():
    before = Place.objects.count()
    call_command(
        "addhome", "Treptow-Köpenick", "--borough-of", "berlin", "--source", make_source().key
    )
    assert Place.objects.count() == before
    assert Home.objects.get(slug="treptow-koepenick").place.slug == "treptow-koepenick"


def test_addhome_refuses_an_unknown_source():
    with pytest.raises(CommandError, match="no-such-source"):
        call_command("addhome", "berlin", "--kind", "state", "--source", "no-such-source")
