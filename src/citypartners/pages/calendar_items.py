"""The calendar's entries of one group (upcoming, under way, past, undated), written out in
Python.

Why not a template loop: each entry looked up a dozen variables, a URL per topic and a
filter per date through the template engine, which was most of the calendar's rendering
(BENCHMARKS.md). The markup is the one the template wrote, every text escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from citypartners.activities.models import Activity
from citypartners.core.i18n import current_language

# Words of a description the calendar shows; the partnership page has the rest.
DESCRIPTION_WORDS = 60
_MODIFIERS = {"upcoming": " cp-timeline__item--upcoming", "current": " cp-timeline__item--current"}


def _item(activity: Activity, group: str, language: str, urls: tuple[str, str, str]) -> str:
    prefix, suffix, calendar = urls
    dates = escape(activity.dates.format(language))
    if activity.starts:
        when = (
            f'<time class="cp-timeline__date" datetime="{escape(activity.starts.isoformat())}">'
            f"{dates}</time>"
        )
    else:
        when = f'<span class="cp-timeline__date">{dates}</span>'
    slug = escape(activity.slug)
    partnership = activity.partnership
    link = f"{prefix}{partnership.slug}{suffix}#activity-{activity.slug}"
    out = [
        f'    <li class="cp-timeline__item{_MODIFIERS.get(group, "")}" id="activity-{slug}">\n'
        f"      {when}\n"
        f'      <h3 class="cp-timeline__title">{escape(activity.title)}</h3>\n'
        f'      <p class="cp-timeline__body">{escape(capfirst(activity.get_kind_display()))} · '
        f'<a class="kern-link" href="{escape(link)}">{escape(str(partnership))}</a> · '
        f'<span class="cp-timing">{escape(capfirst(str(activity.timing_label)))}</span></p>\n'
    ]
    if activity.description:
        short = Truncator(activity.description).words(DESCRIPTION_WORDS, truncate=" …")
        out.append(f'      <p class="cp-timeline__body">{escape(short)}</p>\n')
    topics = activity.topics.all()
    if topics:
        links = ", ".join(
            f'<a class="kern-link" href="{escape(calendar)}?topic={escape(topic.slug)}">'
            f"{escape(topic.name)}</a>"
            for topic in topics
        )
        out.append(
            f'      <span class="cp-timeline__meta">{escape(gettext("Topics"))}: {links}</span>\n'
        )
    out.append("    </li>\n")
    return "".join(out)


def calendar_items(activities: Iterable[Activity], group: str) -> SafeString:
    """The `<li>`s of one group of the calendar, in the order given."""
    prefix, suffix = reverse("web:partnership", args=["-"]).rsplit("-", 1)
    urls = (prefix, suffix, reverse("pages:activities"))
    language = current_language()
    return mark_safe("".join(_item(activity, group, language, urls) for activity in activities))
