"""Whatever a dataset file holds, loading it ends in success or a DatasetError, never a crash."""

import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypartners.dataset.errors import DatasetError
from citypartners.dataset.loading import load_dataset
from citypartners.partnerships.models import Partnership
from tests.conftest import DATASET

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["1993-09-01", "1993-13", "berlin", "paris", "active", "de", ""]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(
    ["slug", "kind", "name", "partner", "home", "status_changes", "date", "sources", "summary", "description",
     "operator", "topics", "starts", "ends", "aliases", "latitude", "geonames_id", "key", "title", "language"]
)  # fmt: skip
entries = st.lists(st.dictionaries(field_names, values, max_size=8), max_size=3)
FILES = ["places.yaml", "partnerships.yaml", "activities.yaml", "sources.yaml", "topics.yaml"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=st.sampled_from(FILES), content=entries | values)
def test_arbitrary_content_loads_or_fails_clearly(db, tmp_path_factory, file, content):
    directory = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATASET, directory, dirs_exist_ok=True)
    (directory / file).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    partnerships = Partnership.objects.count()
    try:
        load_dataset(directory)
    except DatasetError as error:
        assert str(error).startswith((file, str(directory)))
        assert Partnership.objects.count() == partnerships


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_fail_clearly(db, tmp_path_factory, raw):
    directory = tmp_path_factory.mktemp("bytes")
    (directory / "places.yaml").write_bytes(raw)
    try:
        load_dataset(directory)
    except DatasetError as error:
        assert "places.yaml" in str(error)
