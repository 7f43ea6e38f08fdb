"""Views of the public pages: prose pages, the barrier report, the activities calendar, robots.

They read through `queries` modules and call services; they hold no domain logic.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.http import require_GET, require_http_methods

from citypartners.activities import queries as activity_queries
from citypartners.activities.enums import Timing
from citypartners.core.i18n import current_language
from citypartners.feedback.services import report_barrier
from citypartners.messaging import limits
from citypartners.pagecache.decorators import public_page
from citypartners.pages.forms import BarrierReportForm, CalendarFilterForm
from citypartners.pages.structured_data import events_graph
from citypartners.partnerships import queries as partnership_queries

ACTIVITIES_PER_PAGE = 20
# At most this many barrier reports per client address and hour; more is abuse, not feedback.
REPORTS_PER_HOUR = 5
VIDEO_SUFFIXES = (".mp4", ".webm")


def _office_context() -> dict:
    home = partnership_queries.home_place()
    programme = partnership_queries.programme_of(home) if home else None
    return {
        "home_place": home,
        "programme": programme,
        "office": programme.office if programme else None,
    }


@public_page
def prose_page(request: HttpRequest, name: str) -> HttpResponse:
    """A page of prose written once per language: `pages/<name>_<language>.html`."""
    return render(request, f"pages/{name}_{current_language()}.html", _office_context())


@public_page
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    context = _office_context()
    context["sign_language_videos"] = sign_language_videos()
    return render(request, f"pages/accessibility_{current_language()}.html", context)


@public_page
def easy_read(request: HttpRequest) -> HttpResponse:
    """Leichte Sprache exists in German only; the English URL leads to it."""
    if current_language() != "de":
        with override("de"):
            return redirect(reverse("pages:easy_read"))
    request.available_languages = ("de",)  # the language switch then says "No English version"
    return render(request, "pages/easy_read_de.html", _office_context())


def sign_language_videos() -> list[dict]:
    """Self-hosted videos in MEDIA_ROOT/sign-language/, each with captions if a .vtt exists.

    A file `01-about.mp4` with `01-about.vtt` beside it and an optional `01-about.txt`
    (its title) becomes one video; the order is the file names'.
    """
    folder = Path(settings.MEDIA_ROOT) / "sign-language"
    if not folder.is_dir():
        return []
    videos = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in VIDEO_SUFFIXES:
            continue
        title_file = path.with_suffix(".txt")
        captions = path.with_suffix(".vtt")
        videos.append(
            {
                "title": title_file.read_text(encoding="utf-8").strip()
                if title_file.exists()
                else path.stem,
                "url": f"{settings.MEDIA_URL}sign-language/{path.name}",
                "type": "video/webm" if path.suffix.lower() == ".webm" else "video/mp4",
                "captions": f"{settings.MEDIA_URL}sign-language/{captions.name}"
                if captions.exists()
                else "",
            }
        )
    return videos


@public_page
def sign_language(request: HttpRequest) -> HttpResponse:
    context = _office_context()
    context["videos"] = sign_language_videos()
    return render(request, f"pages/sign_language_{current_language()}.html", context)


def _over_limit(request: HttpRequest) -> bool:
    """Count this attempt; true once the client sent more than the hourly allowance."""
    return not limits.allow_client(request, "barrier-report", limit=REPORTS_PER_HOUR, window=3600)


@require_http_methods(["GET", "POST"])
def report_a_barrier(request: HttpRequest) -> HttpResponse:
    status = 200
    limited = False
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        if _over_limit(request):
            limited = True
            status = 429
        elif form.is_valid():
            if not form.is_spam():
                data = form.cleaned_data
                report_barrier(
                    description=data["description"],
                    page_url=data["page_url"],
                    name=data["name"],
                    email=data["email"],
                    language=current_language(),
                )
            return redirect("pages:barrier_thanks")
        else:
            status = 400
    else:
        form = BarrierReportForm(initial={"page_url": request.GET.get("page", "")[:500]})
    context = {"form": form, "limited": limited, **_office_context()}
    return render(request, "pages/barrier_report_form.html", context, status=status)


def barrier_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/barrier_report_thanks.html", _office_context())


@public_page(reads=("when", "partnership", "topic", "year", "page"))
def activity_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    home = partnership_queries.home_place()
    choices = activity_queries.filter_choices(home, partnership=request.GET.get("partnership", ""))
    form = CalendarFilterForm(request.GET, choices=choices)
    chosen = form.chosen()
    counts = activity_queries.count_by_timing(chosen, home=home, today=today)
    total = counts[chosen.when] if chosen.when in counts else sum(counts.values())
    rows = activity_queries.calendar_activities(chosen, home=home, today=today, count=total)
    paginator = Paginator(rows, ACTIVITIES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    activities = list(page.object_list)
    for activity in activities:
        activity.timing_now = activity.timing(today)
        activity.timing_label = Timing(activity.timing_now).label
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "chosen": chosen,
        "page": page,
        "activities": activities,
        "counts": counts,
        "filter_query": query.urlencode(),
        "is_filtered": any([chosen.when, chosen.partnership, chosen.topic, chosen.year]),
        "structured_data": events_graph(activities, request=request),
        "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "pages/activity_calendar.html", context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /backoffice/",
        "Disallow: /i18n/",
        # Search result pages are an endless space of near-duplicates.
        *[f"Disallow: {path}" for path in _search_paths()],
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _search_paths() -> list[str]:
    paths = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            paths.append(reverse("web:search"))
    return paths
