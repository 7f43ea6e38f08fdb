"""`any_of`: membership in a list, one array parameter on PostgreSQL, `IN` elsewhere."""

import pytest

from citypartners.activities.models import Activity
from citypartners.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_any_of_selects_like_in():
    # Those with activities and some without (the boroughs' come first in the dataset).
    with_activities = Partnership.objects.filter(activities__isnull=False).values("pk")
    ids = list(
        Partnership.objects.filter(pk__in=with_activities).values_list("pk", flat=True)
    ) + list(Partnership.objects.order_by("pk").values_list("pk", flat=True)[:10])
    expected = set(Activity.objects.filter(partnership_id__in=ids).values_list("pk", flat=True))
    found = set(Activity.objects.filter(partnership_id__any_of=ids).values_list("pk", flat=True))
    assert found == expected and expected
    assert Partnership.objects.filter(pk__any_of=ids[:3]).count() == 3


def test_any_of_sends_one_parameter_on_postgresql():
    from django.db import connection

    query = Activity.objects.filter(partnership_id__any_of=list(range(1, 500))).query
    sql, params = query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(%s::bigint[])" in sql and len(params) == 1
    else:
        assert " IN (" in sql and len(params) >= 499
