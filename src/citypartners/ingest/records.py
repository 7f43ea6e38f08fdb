"""Stage 4 of extraction: the found relations as the JSON records of ``ingest --format json``.

The shape is the contract of INTERFACES.md: dates are ISO strings cut to their precision,
every ``evidence`` is ``{"start", "end", "text"}`` with ``text == decoded_text[start:end]``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from citypartners.core.dates import Precision
from citypartners.ingest.vocabulary import COUNT, NUMBER_WORDS, PARTNER_WORDS

if TYPE_CHECKING:
    from citypartners.ingest.partners import Relations


def title_of(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def evidence_of(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def partnership_records(context: Relations) -> list[dict]:
    records = []
    for partner in sorted(context.partners.values(), key=lambda p: p.order):
        since = partner.since.date if partner.since else None
        records.append(
            {
                "city": partner.place.name,
                "city_as_written": partner.written,
                "country": partner.place.country,
                "geonames_id": partner.place.geonames_id,
                "since": since.isoformat() if since else None,
                "precision": since.precision.value if since else Precision.UNKNOWN.value,
                "evidence": evidence_of(context.text, *partner.evidence),
            }
        )
    return records


def count_records(context: Relations, listed: int) -> list[dict]:
    text = context.text
    counts = []
    for sentence in context.sentences:
        body = sentence.text_of(text)
        if not PARTNER_WORDS.search(body):
            continue
        for match in COUNT.finditer(body):
            raw = match.group("n").lower()
            stated = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
            if not stated or (
                stated == 2 and re.search(r"(?i)(?:the|die|den|beiden?)\s*$", body[: match.start()])
            ):
                continue
            start = sentence.start + match.start()
            evidence = evidence_of(text, sentence.start, sentence.end)
            consistent = stated == listed
            counts.append(
                {"stated": stated, "listed": listed, "consistent": consistent, "evidence": evidence}
            )
            if not consistent:
                context.conflicts.append(
                    {
                        "kind": "count_mismatch",
                        "stated": stated,
                        "listed": listed,
                        "evidence": evidence_of(text, start, sentence.start + match.end()),
                    }
                )
    return counts
