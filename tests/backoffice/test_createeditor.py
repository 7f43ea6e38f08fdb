"""`citypartners createeditor`: the first account, in its group, with no password in the repository."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError


def test_createeditor_creates_a_staff_account_in_the_editors_group(db, monkeypatch):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "correct horse battery staple")
    call_command("createeditor", "alice")
    user = User.objects.get(username="alice")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["editors"]
    assert user.check_password("correct horse battery staple")


def test_createeditor_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "short")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("createeditor", "bob")
    assert not User.objects.filter(username="bob").exists()


def test_createeditor_refuses_an_existing_name(db, monkeypatch):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "correct horse battery staple")
    call_command("createeditor", "carol")
    with pytest.raises(CommandError, match="exists already"):
        call_command("createeditor", "carol", "--admin")
    assert not User.objects.get(username="carol").is_superuser


@pytest.mark.parametrize(
    ("flag", "group"), [("--reviewer", "reviewers"), ("--admin", "administrators")]
)
def test_createeditor_puts_other_roles_in_their_group(db, monkeypatch, flag, group):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "correct horse battery staple")
    call_command("createeditor", "dora", flag)
    assert list(User.objects.get(username="dora").groups.values_list("name", flat=True)) == [group]


def test_createeditor_makes_an_editor_of_the_default_home_or_another(db, monkeypatch):
    from citypartners.editors.models import Membership

    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", "correct horse battery staple")
    call_command("createeditor", "erin")
    assert Membership.objects.get(user__username="erin").home.slug == "berlin"
    call_command("createeditor", "finn", "--reviewer", "--home", "spandau")
    membership = Membership.objects.get(user__username="finn")
    assert (membership.home.slug, membership.role) == ("spandau", "reviewer")
    call_command("createeditor", "gina", "--national")
    gina = User.objects.get(username="gina")
    assert not Membership.objects.filter(user=gina).exists()
    assert gina.groups.filter(name="national office").exists()
    with pytest.raises(CommandError, match="No home"):
        call_command("createeditor", "hugo", "--home", "atlantis")
    assert not User.objects.filter(username="hugo").exists()
