"""Shared fixtures: the Berlin dataset loaded once per test session, clients, and paths.

Each test runs in a transaction that is rolled back, so tests may change the registry freely.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "data" / "berlin"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from citypartners.dataset.loading import load_dataset

    with django_db_blocker.unblock():
        load_dataset(DATASET)
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions() -> None:
    """Before the test database is dropped, end sessions that threads (the browser tests' live
    server, the API's schema tests) may still hold on PostgreSQL; DROP DATABASE waits for none."""
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connections.close_all()


@pytest.fixture(autouse=True)
def _cache_of_this_test_only():
    """The local-memory cache outlives a test's rolled-back transaction, and the registry
    version rolls back with it: without this a page part kept by one test could answer
    another's request made under the same version number."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the source documents are missing: expected them in {SEEDS}")
    return SEEDS


@pytest.fixture
def home(db):
    from citypartners.places.models import Place

    return Place.objects.get(slug=settings.CITYPARTNERS_HOME)


def default_home():
    """The installation's default home (Berlin) as a `Home`, made if the data has none yet."""
    from citypartners.homes.models import Home
    from citypartners.places.models import Place

    place = Place.objects.get(slug=settings.CITYPARTNERS_HOME)
    home, _created = Home.objects.get_or_create(
        place=place, defaults={"slug": place.slug, "kind": "state"}
    )
    return home


def make_staff(username: str, group: str, *, home=None, role: str | None = None):
    """A back-office account in one of the groups of `backoffice.roles`; editors and reviewers
    work for the default home (Berlin) unless another `home` is given."""
    from django.contrib.auth.models import Group, User

    from citypartners.backoffice.roles import EDITORS, REVIEWERS, ensure_groups
    from citypartners.editors.services import grant_membership

    ensure_groups()
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-test-passphrase", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    if group in (EDITORS, REVIEWERS):
        role = role or ("reviewer" if group == REVIEWERS else "editor")
        grant_membership(user=user, home=home or default_home(), role=role)
    return user


@pytest.fixture
def editor(db):
    from citypartners.backoffice.roles import EDITORS

    return make_staff("editor", EDITORS)


@pytest.fixture
def reviewer(db):
    from citypartners.backoffice.roles import REVIEWERS

    return make_staff("reviewer", REVIEWERS)


@pytest.fixture
def administrator(db):
    from citypartners.backoffice.roles import ADMINISTRATORS

    return make_staff("administrator", ADMINISTRATORS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
