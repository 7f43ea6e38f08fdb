"""The public newsletter pages: sign up, confirm, unsubscribe, change preferences.

Every answer to the sign-up form is the same page whatever the address (no enumeration);
the mail is sent by the worker, so the answer takes no longer for a known address either.
The unsubscribe URL accepts the RFC 8058 one-click POST from mail programs: no login, cookie
or CSRF token, because the signed link itself is the proof.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from citypartners.core.i18n import current_language
from citypartners.homes.models import Home
from citypartners.homes.queries import partnership_rows_of
from citypartners.messaging.public_forms import public_form_page
from citypartners.newsletter import links, queries, services
from citypartners.newsletter.enums import ConsentChannel, SubscriberStatus
from citypartners.newsletter.forms import PreferencesForm, SubscribeForm

SCOPE = "newsletter"


def _subscribe_form(data=None, *, partnership=None, partnerships=()) -> SubscribeForm:
    consent_text = queries.current_consent_text()
    initial = {
        "language": current_language(),
        "consent_version": consent_text.version if consent_text else None,
        "partnerships": [partnership.pk] if partnership else list(partnerships),
    }
    return SubscribeForm(data, initial=initial)


def _partnerships_of_home(slug: str) -> list[int]:
    home = Home.objects.published().filter(slug=slug).select_related("place").first()
    if home is None:
        return []
    return list(partnership_rows_of(home.place).values_list("pk", flat=True))


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = _subscribe_form(request.POST)
    else:
        # From a home's section (?home=<slug>): that home's partnerships are ticked.
        form = _subscribe_form(partnerships=_partnerships_of_home(request.GET.get("home", "")))
    return public_form_page(
        request,
        form,
        template="newsletter/subscriber_form.html",
        context={"consent_text": queries.current_consent_text()},
        scope=SCOPE,
        email_field="email",
        write=lambda data: services.subscribe(
            email=data["email"],
            language=data["language"],
            partnerships=data["partnerships"],
            topics=data["topics"],
            consent_text=data["consent_version"],
        ),
        done=reverse("newsletter:thanks"),
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/subscriber_thanks.html")


_CONFIRM_STATUS = {
    services.ConfirmResult.CONFIRMED: 200,
    services.ConfirmResult.ALREADY_CONFIRMED: 200,
    services.ConfirmResult.EXPIRED: 410,
    services.ConfirmResult.INVALID: 404,
}


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners must not confirm on their own); POST confirms."""
    if request.method == "POST":
        result = services.confirm_subscription(token=token)
        done = True
    else:
        result = services.check_confirmation(token=token)
        done = False
    context = {"result": result or "valid", "done": done, "token": token}
    if result == services.ConfirmResult.CONFIRMED:
        subscriber = queries.subscriber_for_confirmed_token(token)
        if subscriber is not None:
            context["preferences_url"] = links.preferences_url(
                subscriber.public_id, subscriber.language
            )
    status = _CONFIRM_STATUS.get(result, 200)
    return render(request, "newsletter/subscriber_confirm.html", context, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = queries.subscriber_for_link(token, salt=links.UNSUBSCRIBE_SALT)
    if subscriber is None:
        return render(
            request, "newsletter/subscriber_unsubscribe.html", {"invalid": True}, status=404
        )
    context = {"token": token, "subscriber": subscriber}
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        channel = ConsentChannel.ONE_CLICK if one_click else ConsentChannel.UNSUBSCRIBE_PAGE
        context["changed"] = services.unsubscribe(subscriber=subscriber, channel=channel)
        context["done"] = True
    else:
        context["done"] = subscriber.status == SubscriberStatus.UNSUBSCRIBED
        context["changed"] = False
    return render(request, "newsletter/subscriber_unsubscribe.html", context)


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = queries.subscriber_for_link(token, salt=links.PREFERENCES_SALT)
    if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return render(
            request,
            "newsletter/subscriber_preferences.html",
            {"invalid": subscriber is None, "unsubscribed": subscriber is not None},
            status=404 if subscriber is None else 200,
        )
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.update_preferences(
                subscriber=subscriber,
                language=form.cleaned_data["language"],
                partnerships=form.cleaned_data["partnerships"],
                topics=form.cleaned_data["topics"],
            )
            saved = True
    else:
        form = PreferencesForm(
            initial={
                "language": subscriber.language,
                "partnerships": list(subscriber.partnerships.values_list("pk", flat=True)),
                "topics": list(subscriber.topics.values_list("pk", flat=True)),
            }
        )
    context = {
        "form": form,
        "saved": saved,
        "subscriber": subscriber,
        "unsubscribe_url": links.unsubscribe_url(subscriber.public_id, subscriber.language),
    }
    return render(request, "newsletter/subscriber_preferences.html", context)
