"""The public network pages: who is active where, writing to a contact, proposing a project."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from citypartners.core.i18n import current_language
from citypartners.messaging.public_forms import public_form_page
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
    return public_form_page(
        request,
        ContactForm(request.POST if request.method == "POST" else None),
        template="network/contactperson_form.html",
        context={"contact": contact},
        scope=CONTACT_SCOPE,
        email_field="sender_email",
        write=lambda data: services.write_to_contact(
            contact=contact, language=current_language(), **data
        ),
        done=reverse("network:contact_sent", kwargs={"pk": pk}),
    )


def contact_sent(request: HttpRequest, pk: int) -> HttpResponse:
    contact = queries.contactable(pk)
    if contact is None:
        raise Http404("No such contact")
    return render(request, "network/contactperson_sent.html", {"contact": contact})


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProposalForm(request.POST)
    else:
        form = ProposalForm(initial={"partnership": request.GET.get("partnership")})
    return public_form_page(
        request,
        form,
        template="network/proposal_form.html",
        context={},
        scope=PROPOSAL_SCOPE,
        email_field="contact_email",
        write=lambda data: services.submit_proposal(
            language=current_language(), **{k: v for k, v in data.items() if k != "consent"}
        ),
        done=reverse("network:propose_thanks"),
    )


def propose_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "network/proposal_thanks.html")
