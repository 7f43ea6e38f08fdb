"""Gzip for cached pages, including pages with a per-visitor hole, without compressing per visit.

A page without holes is compressed once when stored. A page with holes (the CSRF token of a
form) is split at each hole and every piece is compressed once as its own run of deflate
blocks, ended by a full flush: such a run refers to nothing before it, so runs can be joined
into one valid deflate stream. Per visit the token goes between the stored runs as an uncompressed
block, and the gzip trailer's CRC-32 and length are computed over the pieces. The token is
never compressed, so the page's length says nothing about it (the BREACH attack needs exactly
that), and Django masks it anew for every answer besides.
"""

from __future__ import annotations

import gzip
import struct
import zlib

LEVEL = 6
# gzip member header (RFC 1952): magic, deflate, no flags, no time, default extra flags, unknown OS
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def compress(body: bytes) -> bytes:
    """The whole body as gzip (for pages without holes)."""
    return gzip.compress(body, compresslevel=LEVEL, mtime=0)


def _deflate_run(data: bytes, *, last: bool) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    )


def compress_pieces(pieces: list[bytes]) -> tuple[bytes, ...]:
    """Each piece between holes as a self-contained run of deflate blocks; the last one final."""
    return tuple(
        _deflate_run(piece, last=index == len(pieces) - 1) for index, piece in enumerate(pieces)
    )


def _stored_block(data: bytes) -> bytes:
    """`data` as one uncompressed deflate block (RFC 1951, 3.2.4), not the last of the stream.

    It starts on a byte boundary, as every run before it ends with a full flush: three header
    bits of zero (not final, type "stored") padded to a byte, then the length and its ones'
    complement, then the bytes themselves.
    """
    if len(data) > 0xFFFF:
        raise ValueError("a stored block holds at most 65,535 bytes")
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def join_with(pieces: list[bytes], runs: tuple[bytes, ...], filling: bytes) -> bytes:
    """The gzip stream of `filling.join(pieces)`, from the pieces' stored runs.

    The filling goes in uncompressed (a stored block): nothing to compute per visit, and
    nothing about it shows in the length of the answer.
    """
    filling_run = _stored_block(filling)
    crc = 0
    for index, piece in enumerate(pieces):
        if index:
            crc = zlib.crc32(filling, crc)
        crc = zlib.crc32(piece, crc)
    size = sum(map(len, pieces)) + len(filling) * (len(pieces) - 1)
    stream = filling_run.join(runs)
    return HEADER + stream + struct.pack("<II", crc, size & 0xFFFFFFFF)
