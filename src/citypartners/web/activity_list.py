"""A partnership's activities as its page lists them, written out in Python.

Why not a template loop: the page of a busy partnership lists its current and undated
activities and ten upcoming and ten past ones, each with its kind, dates, sources, topics and
organisations; the include looped over them with a dozen variable look-ups and a citation tag
each, and was the largest part of the page's rendering (BENCHMARKS.md). The markup is the one
the include wrote, every text escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from citypartners.activities.models import Activity
from citypartners.core.i18n import current_language
from citypartners.core.prose import render_prose
from citypartners.web.citations import Citations


def _item(activity: Activity, citations: Citations, language: str) -> str:
    kind = escape(capfirst(activity.get_kind_display()))
    dates = f", {escape(activity.dates.format(language))}" if activity.starts else ""
    out = [
        f'  <li class="cp-activity" id="activity-{escape(activity.slug)}">\n'
        f'    <p class="cp-activity__title"><strong>{escape(activity.title)}</strong>'
        f' <span class="cp-muted">– {kind}{dates}</span>'
        f"{citations.markup(activity.sources.all())}</p>\n"
    ]
    if activity.description:
        out.append(f'    <div class="cp-prose">{render_prose(activity.description)}</div>\n')
    topics = activity.topics.all()
    if topics:
        names = ", ".join(escape(topic.name) for topic in topics)
        out.append(f'    <p class="cp-muted">{escape(gettext("Topics"))}: {names}</p>\n')
    organisations = activity.organisations.all()
    if organisations:
        names = ", ".join(
            f'<span lang="{escape(org.name_language)}"'
            f' data-name-language="{escape(org.name_language)}">{escape(org.name)}</span>'
            for org in organisations
        )
        out.append(f'    <p class="cp-muted">{escape(gettext("With"))}: {names}</p>\n')
    out.append("  </li>\n")
    return "".join(out)


def render_activity_list(
    activities: Iterable[Activity], citations: Citations, empty_text: str = ""
) -> SafeString:
    """The `<ul>` of the activities, citing their sources in `citations` in list order; the
    paragraph `empty_text` when there are none."""
    activities = list(activities)
    if not activities:
        return mark_safe(f"<p>{escape(empty_text)}</p>")
    language = current_language()
    items = "".join(_item(activity, citations, language) for activity in activities)
    return mark_safe(f'<ul class="cp-activities">\n{items}</ul>\n')
