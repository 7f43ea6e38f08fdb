"""Self-service: a national reviewer invites a municipality; its first editor sets a password
and two-factor authentication, registers partnerships and submits documents; national reviewers
decide in the same review."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from citypartners.backoffice.roles import EDITORS, NATIONAL, REVIEWERS
from citypartners.editors.enums import MembershipRole
from citypartners.editors.models import Invitation, Membership, Submission
from citypartners.editors.services import invite
from citypartners.homes.enums import HomeKind
from citypartners.jobs.worker import run_due_tasks
from citypartners.partnerships.models import Partnership
from citypartners.sources.enums import ReviewStatus
from citypartners.sources.models import Claim
from tests.conftest import make_staff
from tests.factories import make_city, make_home

PASSWORD = "Kanal-Ufer-Linde-47"


@pytest.fixture
def town(db):
    place = make_city(slug="musterstadt", name_de="Musterstadt", name_en="Musterstadt",
                      country_code="DE")  # fmt: skip
    return make_home(place=place, kind=HomeKind.MUNICIPALITY, slug="musterstadt")


@pytest.fixture
def national_reviewer(db):
    user = make_staff("national-reviewer", REVIEWERS)
    user.groups.add(Group.objects.get(name=NATIONAL))
    return user


def join_link(message) -> str:
    return re.search(r"https?://\S+/(?:mitmachen|join)/[\w-]+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.parametrize(
    ("language", "subject", "path"),
    [("de", "Einladung", "/de/mitmachen/"), ("en", "Invitation", "/en/join/")],
)
def test_national_reviewer_invites_by_mail_in_the_recipients_language(
    client, town, national_reviewer, mailoutbox, language, subject, path
):
    client.force_login(national_reviewer)
    response = client.post(
        reverse("admin:editors_invitation_add"),
        {"home": town.pk, "email": "Partner@Musterstadt.example", "language": language},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = Invitation.objects.get(home=town)
    assert invitation.email == "partner@musterstadt.example" and invitation.sent_at is None
    assert mailoutbox == []  # sent by the worker, not in the request
    assert run_due_tasks() == 1
    (message,) = mailoutbox
    assert message.to == ["partner@musterstadt.example"]
    assert subject in message.subject and "Musterstadt" in message.subject
    assert path in message.body
    html = message.alternatives[0][0]
    assert join_link(message) in html and f'lang="{language}"' in html
    invitation.refresh_from_db()
    assert invitation.token_hash and join_link(message).split("/")[-2] not in invitation.token_hash
    assert invitation.expires_at - invitation.sent_at == dt.timedelta(days=7)


def test_only_national_reviewers_invite(client, town, reviewer):
    client.force_login(reviewer)  # a reviewer of Berlin, not of the national office
    response = client.post(
        reverse("admin:editors_invitation_add"),
        {"home": town.pk, "email": "x@example.org", "language": "de"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def sent_invitation(town, national_reviewer, mailoutbox, language="en") -> str:
    invite(home=town, email="partner@musterstadt.example", language=language, by=national_reviewer)
    run_due_tasks()
    return path_of(join_link(mailoutbox[-1]))


def test_first_editor_sets_password_then_two_factor_before_anything_else(
    client, town, national_reviewer, mailoutbox
):
    link = sent_invitation(town, national_reviewer, mailoutbox)
    page = client.get(link)
    assert page.status_code == 200 and "Musterstadt" in page.content.decode()
    weak = client.post(
        link,
        {"username": "musterstadt", "password": "aaaaaaaaaaaa", "password_again": "aaaaaaaaaaaa"},
    )
    assert weak.status_code == 200 and not User.objects.filter(username="musterstadt").exists()
    assert "repeats" in weak.content.decode()
    response = client.post(
        link, {"username": "musterstadt", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice-two-factor")
    user = User.objects.get(username="musterstadt")
    assert user.email == "partner@musterstadt.example" and user.check_password(PASSWORD)
    assert Membership.objects.get(user=user).home == town
    assert Membership.objects.get(user=user).role == MembershipRole.EDITOR
    # Nothing else opens before two-factor authentication is set up.
    blocked = client.get(reverse("admin:partnerships_partnership_changelist"))
    assert blocked.status_code == 302 and blocked["Location"] == reverse("backoffice-two-factor")
    client.get(reverse("backoffice-two-factor"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    client.post(reverse("backoffice-two-factor"), {"token": code})
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("admin:index")).status_code == 200
    # The link was for one use.
    again = client.get(link)
    assert again.status_code == 410 and "accepted already" in again.content.decode()


def test_an_expired_or_unknown_link_creates_nothing(client, town, national_reviewer, mailoutbox):
    link = sent_invitation(town, national_reviewer, mailoutbox)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.post(
        link, {"username": "late", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert response.status_code == 410 and not User.objects.filter(username="late").exists()
    assert client.get(link[:-5] + "xxxx/").status_code == 404


@pytest.fixture
def town_editor(town):
    return make_staff("musterstadt-editor", EDITORS, home=town)


def registration(town, place, **changes) -> dict:
    data = {
        "home": town.pk,
        "partner": place.pk,
        "partner_name": "",
        "partner_country": "",
        "kind": "city_partnership",
        "since": "Sept. 1987",
        "title": "Council decision on the partnership with Tours",
        "publisher": "Musterstadt town council",
        "url": "https://musterstadt.example/council/1987-09",
        "language": "de",
        "source_kind": "document",
        "evidence": "The council agrees to the partnership with Tours.",
    }
    data.update(changes)
    return data


def test_registration_creates_a_claim_for_national_review(
    client, town, town_editor, national_reviewer
):
    tours = make_city(name_en="Tours", name_de="Tours")
    client.force_login(town_editor)
    form = client.get(reverse("backoffice-register-partnership"))
    assert form.status_code == 200 and "Musterstadt" in form.content.decode()
    response = client.post(reverse("backoffice-register-partnership"), registration(town, tours))
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get(value__home="musterstadt")
    assert claim.review_status == ReviewStatus.PENDING
    assert claim.value["since"] == "1987-09" and claim.value["precision"] == "month"
    assert not claim.source.is_public and claim.source.url.endswith("1987-09")
    assert Submission.objects.get(source=claim.source).home == town
    assert not Partnership.objects.filter(home=town.place).exists()  # not before review
    # The editor follows it, and cannot decide it.
    page = client.get(response["Location"]).content.decode()
    assert "Tours" in page and 'value="accept"' not in page
    # A national reviewer accepts it in the review: the partnership exists, citing the source.
    client.force_login(national_reviewer)
    url = reverse("admin:sources_claim_review", args=[claim.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 302
    partnership = Partnership.objects.get(home=town.place, partner=tours)
    assert partnership.kind == "city_partnership" and partnership.since.isoformat() == "1987-09"
    assert claim.source in partnership.sources.all()
    claim.source.refresh_from_db()
    assert claim.source.is_public


def test_registration_for_another_home_is_refused(client, town, town_editor, boroughs):
    tours = make_city(name_en="Tours", name_de="Tours")
    client.force_login(town_editor)
    data = registration(boroughs.spandau, tours)  # tampered: Spandau is not the editor's
    response = client.post(reverse("backoffice-register-partnership"), data)
    assert response.status_code == 200
    assert not Claim.objects.filter(value__home=boroughs.spandau.place.slug).exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"url": ""}, "public address or upload a copy"),
        ({"partner": "", "partner_name": "Tours"}, "country"),
        ({"since": "sometime"}, "1993"),
    ],
)
def test_registration_says_what_is_missing(client, town, town_editor, changes, error):
    tours = make_city(name_en="Tours", name_de="Tours")
    client.force_login(town_editor)
    with translation.override("en"):
        response = client.post(
            reverse("backoffice-register-partnership"),
            registration(town, tours, **changes),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200 and error in response.content.decode()
    assert not Claim.objects.exists() or not Claim.objects.filter(value__home="musterstadt")


def test_a_new_partner_by_name_is_created_on_acceptance(
    client, town, town_editor, national_reviewer
):
    client.force_login(town_editor)
    data = registration(
        town, make_city(), partner="", partner_name="Zgorzelec", partner_country="pl"
    )
    assert client.post(reverse("backoffice-register-partnership"), data).status_code == 302
    claim = Claim.objects.get(value__home="musterstadt")
    assert claim.value["city"] == "Zgorzelec" and claim.value["country"] == "PL"
    client.force_login(national_reviewer)
    client.post(reverse("admin:sources_claim_review", args=[claim.pk]), {"decision": "accept"})
    partnership = Partnership.objects.get(home=town.place)
    assert partnership.partner.name_en == "Zgorzelec" and partnership.partner.country_code == "PL"


def test_a_homes_upload_is_submitted_for_its_home(client, town, town_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(town_editor)
    page = client.get(reverse("admin:sources_claim_upload")).content.decode()
    assert "Musterstadt" in page  # it submits for its home
    document = tmp_path / "ratsbeschluss.txt"
    document.write_text(
        "Musterstadt und Tours sind seit 1987 Partnerstädte. Der Rat bestätigt dies.",
        encoding="utf-8",
    )
    with document.open("rb") as handle:
        response = client.post(
            reverse("admin:sources_claim_upload"), {"document": handle, "home": town.pk}
        )
    assert response.status_code == 302
    run_due_tasks()
    submission = Submission.objects.get(home=town)
    assert submission.submitted_by == town_editor and submission.channel == "upload"
    status = client.get(response["Location"])
    assert status.status_code == 200
    # Another home's editor cannot follow it.
    other = make_staff("other-editor", EDITORS, home=make_home())
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 403


def test_send_again_replaces_the_link(client, town, national_reviewer, mailoutbox):
    first = sent_invitation(town, national_reviewer, mailoutbox)
    invitation = Invitation.objects.get(home=town)
    client.force_login(national_reviewer)
    client.post(
        reverse("admin:editors_invitation_changelist"),
        {"action": "send_again", "_selected_action": [invitation.pk]},
    )
    assert run_due_tasks() == 1
    second = path_of(join_link(mailoutbox[-1]))
    assert second != first
    client.logout()
    assert client.get(first).status_code == 404  # the old link stopped working
    assert client.get(second).status_code == 200


def test_administrators_add_memberships_with_their_group(client, town, administrator):
    account = User.objects.create_user("newcomer", "n@example.org", PASSWORD, is_staff=True)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:editors_membership_add"),
        {"user": account.pk, "home": town.pk, "role": "reviewer"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(user=account).role == "reviewer"
    assert list(account.groups.values_list("name", flat=True)) == [REVIEWERS]
