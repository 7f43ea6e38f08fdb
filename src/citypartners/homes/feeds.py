"""A home section's Atom feed: new activities and milestones of the home's partnerships."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from citypartners.core.i18n import current_language
from citypartners.homes import queries
from citypartners.homes.figures import section_url
from citypartners.homes.models import Home
from citypartners.pages.feeds import NewsFeed, NewsItem, news_items


class HomeNewsFeed(NewsFeed):
    """The site's news feed narrowed to one home's partnerships (either side)."""

    def get_object(self, request: HttpRequest, slug: str) -> Home:
        self._host = request.get_host().split(":")[0]
        try:
            return queries.home_by_slug(slug)
        except Home.DoesNotExist:
            raise Http404("No such home") from None

    def title(self, obj: Home) -> str:
        return _("%(home)s's city partnerships: new activities and milestones") % {"home": obj.name}

    def link(self, obj: Home) -> str:
        return section_url(obj)

    def feed_guid(self, obj: Home) -> str:
        return f"tag:{self._host},2025:citypartners/{current_language()}/home-{obj.slug}"

    def items(self, obj: Home) -> list[NewsItem]:
        return news_items(home=obj.place)
