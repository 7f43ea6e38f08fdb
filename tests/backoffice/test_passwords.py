"""The password policy: common passwords, the user's own name (also with digits for letters),
short and repetitive passwords are refused, in the back office and by createeditor."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

GOOD = "river-lantern-orbit-74"


def _change_password(client, user, new: str):
    client.force_login(user)
    return client.post(
        "/backoffice/password_change/",
        {"old_password": "a-long-test-passphrase", "new_password1": new, "new_password2": new},
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaaaa", "password_repetitive"),
        ("abcabcabcabc", "password_repetitive"),
        ("ed1tor-ed1tor", "password_like_username"),
        ("ED1TOR!ed1tor", "password_like_username"),
        ("password1234", "password_too_common"),
        ("short-9", "password_too_short"),
    ],
)
def test_back_office_refuses_weak_password(db, client, password, reason):
    from tests.conftest import make_staff

    user = make_staff("ed1tor", "editors")
    response = _change_password(client, user, password)
    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["form"].errors.as_data()
    assert reason in {error.code for field in errors.values() for error in field}
    assert "errornote" in response.content.decode()  # shown to the person, not only in the form
    user.refresh_from_db()
    assert user.check_password("a-long-test-passphrase")


def test_back_office_accepts_a_good_password(client, editor):
    response = _change_password(client, editor, GOOD)
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(GOOD)


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "ed1tor-ed1tor", "3d1t0r3d1t0r"])
def test_createeditor_refuses_repetitive_or_name_password(db, monkeypatch, password):
    monkeypatch.setenv("CITYPARTNERS_EDITOR_PASSWORD", password)
    with pytest.raises(CommandError, match="Password refused"):
        call_command("createeditor", "ed1tor")
    assert not User.objects.filter(username="ed1tor").exists()
