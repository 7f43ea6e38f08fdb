"""The registry version: bumped by every registry write, not by other models."""

import pytest

from citypartners.opendata.versioning import bump_version, current_version
from tests.factories import make_city, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "write",
    [
        lambda: make_city(),
        lambda: make_source(),
        lambda: make_city().delete(),
        lambda: bump_version(),
    ],
)
def test_registry_writes_bump_the_version(write):
    before = current_version()
    write()
    after = current_version()
    assert after.number > before.number
    assert after.changed_at >= before.changed_at


def test_many_to_many_changes_bump_the_version():
    from citypartners.partnerships.models import Partnership

    partnership = Partnership.objects.get(slug="berlin-paris")
    source = make_source()
    before = current_version()
    partnership.sources.add(source)
    assert current_version().number > before.number


def test_other_writes_leave_the_version_alone():
    from django.contrib.auth.models import User

    before = current_version()
    User.objects.create_user("reader", "reader@example.org", "a-long-passphrase-here")
    assert current_version() == before
