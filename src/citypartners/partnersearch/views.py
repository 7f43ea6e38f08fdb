"""The public partner search: current posts with filters, one post, answering it by mail."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from citypartners.core.i18n import current_language
from citypartners.messaging.public_forms import public_form_page
from citypartners.national.forms import written_selects
from citypartners.national.queries import countries
from citypartners.partnersearch import queries, services
from citypartners.partnersearch.forms import AnswerForm, SearchFilterForm
from citypartners.partnerships.models import Topic

ANSWER_SCOPE = "partner-search-answer"
PER_PAGE = 20
FILTERS = ("region", "country", "size", "topic", "language")


@require_GET
def search_list(request: HttpRequest) -> HttpResponse:
    form = SearchFilterForm(
        request.GET, countries=countries(), topics=list(Topic.objects.order_by("slug"))
    )
    chosen = form.chosen()
    rows = queries.current_searches(chosen, today=timezone.localdate())
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "selects": written_selects(form),
        "chosen": chosen,
        "page": page,
        "filter_query": query.urlencode(),
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "partnersearch/partnersearch_list.html", context)


def _visible(pk: int):
    search = queries.current_search(pk, today=timezone.localdate())
    if search is None:
        raise Http404("No such partner search, or it has expired")
    return search


@require_GET
def search_detail(request: HttpRequest, pk: int) -> HttpResponse:
    search = _visible(pk)
    context = {"search": search, "can_answer": queries.can_be_answered(search)}
    return render(request, "partnersearch/partnersearch_detail.html", context)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    search = _visible(pk)
    if not queries.can_be_answered(search):
        raise Http404("This partner search takes no answers through the site")
    return public_form_page(
        request,
        AnswerForm(request.POST if request.method == "POST" else None),
        template="partnersearch/partnersearch_answer.html",
        context={"search": search},
        scope=ANSWER_SCOPE,
        email_field="sender_email",
        write=lambda data: services.write_to_partner_search(
            search=search, language=current_language(), **data
        ),
        done=reverse("partnersearch:sent", kwargs={"pk": pk}),
    )


@require_GET
def sent(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "partnersearch/partnersearch_sent.html", {"search": _visible(pk)})
