"""The POST of a public form that makes the site send a mail, in one place.

Every such form (writing to a contact, answering a partner search, proposing a project,
signing up for the newsletter) is guarded the same way and in the same order: the client's
limit first (a flood costs no validation), then the honeypot (a bot is thanked and nothing is
stored), then validation, then the per-mailbox limit, and only then the write. Keeping the
order in one function keeps the forms from drifting apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from citypartners.messaging import limits
from citypartners.messaging.forms import HoneypotForm


def public_form_page(
    request: HttpRequest,
    form: HoneypotForm,
    *,
    template: str,
    context: dict[str, Any],
    scope: str,
    email_field: str,
    write: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """The page of a public form: on GET the form; on POST the form run through the limits
    and the honeypot, its data (without the honeypot field) handed to `write` and the visitor
    sent on to `done`, or the form shown again with its errors (400), or 429 over a limit."""
    status = 200
    if request.method == "POST":
        if not limits.allow_client(request, scope):
            return limits.too_many_requests(request)
        if form.is_spam():
            return redirect(done)
        if form.is_valid():
            if not limits.allow_email(form.cleaned_data[email_field], scope):
                return limits.too_many_requests(request)
            write({name: value for name, value in form.cleaned_data.items() if name != "website"})
            return redirect(done)
        status = 400
    return render(request, template, {**context, "form": form}, status=status)
