"""Gzip streams joined from pieces compressed once and a filling added per answer."""

import gzip
import zlib

from hypothesis import given
from hypothesis import strategies as st

from citypartners.pagecache import compression

pieces = st.lists(st.binary(max_size=3000), min_size=1, max_size=5)
fillings = st.binary(max_size=100)


@given(pieces, fillings)
def test_joined_stream_is_the_gzip_of_the_filled_page(parts, filling):
    stream = compression.join_with(parts, compression.compress_pieces(parts), filling)
    assert gzip.decompress(stream) == filling.join(parts)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # as a browser reads it: one member
    assert inflater.decompress(stream) == filling.join(parts) and inflater.eof


def test_repetitive_pages_shrink_and_the_filling_is_kept_verbatim():
    parts = [b"<li>partner city</li>" * 2000, b"<p>footer</p>" * 200]
    filling = b"T0KEN" * 12
    stream = compression.join_with(parts, compression.compress_pieces(parts), filling)
    assert len(stream) < len(filling.join(parts)) / 20
    assert filling in stream
