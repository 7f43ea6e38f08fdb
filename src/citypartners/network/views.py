"""The public network pages: who is active where, writing to a contact, proposing a project."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from citypartners.core.i18n import current_language
from citypartners.messaging import limits
from citypartners.network import queries, services
from citypartners.network.forms import ContactForm, ProposalForm
from citypartners.pagecache.decorators import public_page
from citypartners.partnerships.models import Partnership, Topic
from citypartners.places.models import Place

CONTACT_SCOPE = "network-contact"
PROPOSAL_SCOPE = "network-proposal"


def _chosen(model, slug: str | None):
    return model.objects.filter(slug=slug).first() if slug else None


@public_page(reads=("topic", "city"))
def overview(request: HttpRequest) -> HttpResponse:
    topic = _chosen(Topic, request.GET.get("topic"))
    city = _chosen(Place, request.GET.get("city"))
    topics, cities = queries.filter_choices()
    context = {
        "entries": queries.network_of(topic=topic, city=city),
        "topics": topics,
        "cities": cities,
        "topic": topic,
        "city": city,
        "partnership": None,
    }
    return render(request, "network/organisation_list.html", context)


@public_page(reads=("topic",))
def partnership_network(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = (
        Partnership.objects.published().select_related("partner").filter(slug=slug).first()
    )
    if partnership is None:
        raise Http404("No such partnership")
    topic = _chosen(Topic, request.GET.get("topic"))
    topics, _cities = queries.filter_choices()
    context = {
        "entries": queries.network_of(partnership=partnership, topic=topic),
        "topics": topics,
        "cities": [],
        "topic": topic,
        "city": None,
        "partnership": partnership,
    }
    return render(request, "network/organisation_list.html", context)


@require_http_methods(["GET", "POST"])
def contact_person(request: HttpRequest, pk: int) -> HttpResponse:
    contact = queries.contactable(pk)
    if contact is None:
        raise Http404("No such contact")
    status = 200
    if request.method == "POST":
        if not limits.allow_client(request, CONTACT_SCOPE):
            return limits.too_many_requests(request)
        form = ContactForm(request.POST)
        if form.is_spam():
            return redirect("network:contact_sent", pk=pk)
        if form.is_valid():
            if not limits.allow_email(form.cleaned_data["sender_email"], CONTACT_SCOPE):
                return limits.too_many_requests(request)
            services.write_to_contact(
                contact=contact, language=current_language(), **_without(form.cleaned_data)
            )
            return redirect("network:contact_sent", pk=pk)
        status = 400
    else:
        form = ContactForm()
    return render(
        request,
        "network/contactperson_form.html",
        {"form": form, "contact": contact},
        status=status,
    )


def _without(data: dict, *names: str) -> dict:
    return {k: v for k, v in data.items() if k not in {"website", *names}}


def contact_sent(request: HttpRequest, pk: int) -> HttpResponse:
    contact = queries.contactable(pk)
    if contact is None:
        raise Http404("No such contact")
    return render(request, "network/contactperson_sent.html", {"contact": contact})


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if not limits.allow_client(request, PROPOSAL_SCOPE):
            return limits.too_many_requests(request)
        form = ProposalForm(request.POST)
        if form.is_spam():
            return redirect("network:propose_thanks")
        if form.is_valid():
            if not limits.allow_email(form.cleaned_data["contact_email"], PROPOSAL_SCOPE):
                return limits.too_many_requests(request)
            services.submit_proposal(
                language=current_language(), **_without(form.cleaned_data, "consent")
            )
            return redirect("network:propose_thanks")
        status = 400
    else:
        form = ProposalForm(initial={"partnership": request.GET.get("partnership")})
    return render(request, "network/proposal_form.html", {"form": form}, status=status)


def propose_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "network/proposal_thanks.html")
