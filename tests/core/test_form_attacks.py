"""The classic attacks on every public form: forged posts, stored scripts, redirects, traversal."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from citypartners.feedback.models import BarrierReport
from citypartners.network.models import Proposal
from citypartners.newsletter.models import Subscriber

SCRIPT = '<script>alert("x")</script>'


def _url(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


FORMS = [
    ("newsletter:subscribe", {"email": "someone@example.org", "language": "en", "consent": "on"}, Subscriber),
    ("network:propose", {"title": "T", "description": "D", "contact_name": "N",
                         "contact_email": "n@example.org", "consent": "on"}, Proposal),
    ("pages:report_barrier", {"description": "The map cannot be used with a keyboard."}, BarrierReport),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_a_public_form_refuses_a_post_without_its_csrf_token(db, name, data, model):
    client = Client(enforce_csrf_checks=True)
    page = client.get(_url(name)).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    before = model.objects.count()
    response = client.post(_url(name), data)
    assert response.status_code == 403
    assert model.objects.count() == before


def test_a_script_in_a_proposal_is_shown_as_text_in_the_back_office(client, db, editor):
    data = {
        "partnership": "berlin-paris",
        "title": SCRIPT,
        "description": SCRIPT,
        "contact_name": SCRIPT,
        "contact_email": "n@example.org",
        "organisation_name": SCRIPT,
        "consent": "on",
    }
    client.post(_url("network:propose"), data)
    proposal = Proposal.objects.get(contact_email="n@example.org")
    client.force_login(editor)
    for url in [
        reverse("admin:network_proposal_changelist"),
        reverse("admin:network_proposal_change", args=[proposal.pk]),
    ]:
        html = client.get(url).content.decode()
        assert SCRIPT not in html
        assert "&lt;script&gt;" in html


def test_a_script_in_a_barrier_report_is_shown_as_text_in_the_back_office(
    client, db, administrator
):
    client.post(
        _url("pages:report_barrier"), {"description": SCRIPT, "page_url": "javascript:alert(1)"}
    )
    client.force_login(administrator)
    html = client.get(reverse("admin:feedback_barrierreport_changelist")).content.decode()
    assert SCRIPT not in html


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_the_language_switch_never_redirects_to_another_site(client, db, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"] and "javascript" not in response["Location"]


def test_an_uploaded_file_name_cannot_climb_out_of_its_place(client, db, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from citypartners.sources.models import Source

    client.force_login(editor)
    text = "Berlin und Lyon sind seit dem 3. März 2026 Partnerstädte. Berlin grüßt Lyon.".encode()
    client.post(
        reverse("admin:sources_claim_upload"),
        {"document": SimpleUploadedFile("../../../etc/passwd", text)},
    )
    from citypartners.jobs.worker import run_due_tasks

    run_due_tasks()  # the upload is ingested by a worker
    source = Source.objects.get(sha256__isnull=False, file_name__contains="passwd")
    assert source.file_name == "passwd"


def test_there_is_no_password_reset_to_probe_for_accounts(client, db, editor):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("admin_password_reset")
    client.force_login(editor)
    assert client.get("/backoffice/password_reset/").status_code == 404
