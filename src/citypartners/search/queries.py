"""Search in both languages, through aliases and other-language names, grouped by type.

A query is folded like every stored text (case, accents, ü/ue, ß/ss), so "Muenchen", "münchen"
and "MÜNCHEN" are the same query, and it is matched against every name and text a record has
in either language: "Peking" finds Beijing on the English site, "CDMX" finds Mexico City,
"Jugendaustausch" finds the youth-exchange topic.

Finding candidates depends on the database: everywhere, entries containing every word of the
query; on PostgreSQL also German and English full-text matches (stemmed: "Partnerschaften"
finds "Partnerschaft") and, when nothing matched, trigram similarity of names for typos; on
SQLite the typo fallback compares words by edit distance in Python. Ranking is the same on
both: exact names first, then names that begin with or contain the query, then titles, then
other text (PostgreSQL's rank breaks ties). A search costs at most three queries, and on
PostgreSQL ranks at most MAX_RANKED matches, so a word found in a million entries costs no
more than a rare one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, CharField, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from citypartners.core.i18n import current_language
from citypartners.places.models import normalise_name
from citypartners.search.enums import EntryKind
from citypartners.search.models import SearchEntry
from citypartners.sources.models import Source

MAX_QUERY_LENGTH = 200
MAX_CANDIDATES = 200
# PostgreSQL ranks at most this many matching entries. A word of nearly every entry
# ("Begegnung", "Austausch" in a million activities) would otherwise be ranked a million
# times (over a second); such a query says little, and the first matches found serve it.
MAX_RANKED = 1000
MAX_PER_GROUP = 10
MIN_TERM_LENGTH = 2
TRIGRAM_THRESHOLD = 0.45
KIND_ORDER = list(EntryKind.values)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchHit:
    kind: str
    title: SafeString
    context: str
    snippet: SafeString
    url: str
    score: float
    found_as: SafeString = field(default_factory=lambda: mark_safe(""))
    # The language of the title when it is not the page's ("de" for a German source title on
    # the English site), for its `lang` attribute; "" when it is the page's or unknown.
    language: str = ""


@dataclass
class SearchGroup:
    kind: str
    label: str
    hits: list[SearchHit]
    total: int


@dataclass
class SearchResults:
    query: str
    groups: list[SearchGroup] = field(default_factory=list)
    is_fuzzy: bool = False
    too_short: bool = False

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    def group(self, kind: str) -> SearchGroup | None:
        return next((g for g in self.groups if g.kind == kind), None)


def clean_query(query: str | None) -> str:
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def _terms(query: str) -> list[str]:
    return [term for term in normalise_name(query).split() if len(term) >= MIN_TERM_LENGTH]


# ---- finding candidates ------------------------------------------------------------------


def _contains_all(terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= Q(folded__contains=term)
    return condition


def _entries():
    """Search entries with the language of a source's title, read in the same query.

    A source is cited under its own title in its own language; the index keeps no language,
    so the source's is read by a subquery on its primary key (only for source entries), and
    a page of results still costs the queries it did.
    """
    language = Subquery(Source.objects.filter(pk=OuterRef("object_id")).values("language")[:1])
    return SearchEntry.objects.annotate(
        source_language=Case(
            When(kind=EntryKind.SOURCE, then=language),
            default=Value(""),
            output_field=CharField(),
        )
    )


def _title_language(entry: SearchEntry, language: str) -> str:
    """The language of the entry's title shown on a page in `language`, if not that one.

    Sources: the source's language. Organisations: German when the English title is the
    German one (an organisation without an English name, see docs/accessibility.md).
    """
    if entry.kind == EntryKind.SOURCE:
        code = getattr(entry, "source_language", "") or ""
        return code if code not in ("", "other", language) else ""
    if entry.kind == EntryKind.ORGANISATION and language == "en":
        return "de" if entry.title_en == entry.title_de else ""
    return ""


def _candidates(terms: list[str]) -> list[SearchEntry]:
    rows = _entries()
    phrase = " ".join(terms)
    if connection.vendor == "postgresql":
        german = SearchQuery(phrase, config="german", search_type="plain")
        english = SearchQuery(phrase, config="english", search_type="plain")
        matching = SearchEntry.objects.filter(
            _contains_all(terms) | Q(vector_de=german) | Q(vector_en=english)
        ).values("pk")[:MAX_RANKED]
        rows = rows.filter(pk__in=matching).annotate(
            rank=SearchRank(F("vector_de"), german) + SearchRank(F("vector_en"), english)
        )
        rows = rows.order_by("-rank", "kind", "object_id")
    else:
        rows = rows.filter(_contains_all(terms)).annotate(
            rank=Value(0.0, output_field=FloatField())
        )
        rows = rows.order_by("kind", "object_id")
    return list(rows[:MAX_CANDIDATES])


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count once), or limit + 1 beyond it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(term: str) -> int:
    """Small typos only: none in short words, one from 4 letters, two from 8."""
    if len(term) < 4:
        return 0
    return 1 if len(term) < 8 else 2


def _close_words(terms: list[str], words: set[str]) -> dict[str, int] | None:
    """For each term the closest word within its allowance; None if a term has none."""
    matched: dict[str, int] = {}
    for term in terms:
        limit = allowed_typos(term)
        best = None
        for word in words:
            if term in word:
                best = (word, 0)
                break
            distance = _edit_distance(term, word, limit)
            if distance <= limit and (best is None or distance < best[1]):
                best = (word, distance)
        if best is None:
            return None
        matched[best[0]] = best[1]
    return matched


def _fuzzy_candidates(terms: list[str]) -> tuple[list[SearchEntry], set[str]]:
    """Entries whose names are within a small typo of every term, and the words matched."""
    if not any(allowed_typos(term) for term in terms):
        return [], set()
    if connection.vendor == "postgresql":
        phrase = " ".join(terms)
        # `names %> phrase` can use the trigram index; its threshold is TRIGRAM_THRESHOLD,
        # set on each connection by search.apps.
        similar = SearchEntry.objects.filter(TrigramWordSimilar(F("names"), Value(phrase))).values(
            "pk"
        )[:MAX_RANKED]
        rows = list(
            _entries()
            .filter(pk__in=similar)
            .annotate(rank=TrigramWordSimilarity(Value(phrase), F("names")))
            .order_by("-rank", "kind", "object_id")[:MAX_CANDIDATES]
        )
        words = set()
        for entry in rows:
            matched = _close_words(terms, set(_WORD.findall(entry.names)))
            if matched:
                words.update(matched)
        return rows, words
    found: dict[int, float] = {}
    words: set[str] = set()
    for pk, names in SearchEntry.objects.values_list("pk", "names").iterator():
        matched = _close_words(terms, set(_WORD.findall(names)))
        if matched is not None:
            found[pk] = 1.0 - sum(matched.values()) / 10
            words.update(matched)
    if not found:
        return [], set()
    best = sorted(found, key=lambda pk: -found[pk])[:MAX_CANDIDATES]
    rows = list(_entries().filter(pk__in=best))
    for entry in rows:
        entry.rank = found[entry.pk]
    return rows, words


# ---- ranking and display -----------------------------------------------------------------


def _score(entry: SearchEntry, terms: list[str], language: str) -> float:
    phrase = " ".join(terms)
    names = entry.names.split("\n")
    score = 0.0
    if phrase in names:
        score += 100
    elif any(name.startswith(phrase) for name in names):
        score += 60
    elif any(phrase in name for name in names):
        score += 40
    elif all(any(term in name for name in names) for term in terms):
        score += 30
    title = normalise_name(getattr(entry, f"title_{language}"))
    if phrase in title:
        score += 20
    elif all(term in title for term in terms):
        score += 10
    score += 10 * float(getattr(entry, "rank", 0) or 0)
    score += (len(KIND_ORDER) - KIND_ORDER.index(entry.kind)) * 0.1  # ties: partnerships first
    return score


def _matches(word: str, terms: list[str], words: set[str]) -> bool:
    folded = normalise_name(word)
    return bool(folded) and (folded in words or any(term in folded for term in terms))


def highlight(text: str, terms: list[str], words: set[str] = frozenset()) -> SafeString:
    """The text, escaped, with every word that matches the query in <mark>."""
    out = []
    position = 0
    for match in _WORD.finditer(text):
        out.append(escape(text[position : match.start()]))
        word = match.group()
        out.append(f"<mark>{escape(word)}</mark>" if _matches(word, terms, words) else escape(word))
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def snippet(
    text: str, terms: list[str], words: set[str] = frozenset(), width: int = 18
) -> SafeString:
    """Some words around the first match in the text, highlighted; empty if none matches."""
    tokens = text.split()
    for index, token in enumerate(tokens):
        if any(_matches(part, terms, words) for part in _WORD.findall(token)):
            start, end = max(0, index - width), min(len(tokens), index + width + 1)
            excerpt = " ".join(tokens[start:end])
            prefix = "… " if start > 0 else ""
            suffix = " …" if end < len(tokens) else ""
            return mark_safe(prefix + highlight(excerpt, terms, words) + suffix)
    return mark_safe("")


def _found_as(entry: SearchEntry, title: str, terms: list[str], words: set[str]) -> SafeString:
    """The other name the entry was found by ("Peking" for Beijing), highlighted, or ""."""
    if any(_matches(word, terms, words) for word in _WORD.findall(title)):
        return mark_safe("")
    for name in entry.names_as_written.split("\n"):
        if name and any(_matches(word, terms, words) for word in _WORD.findall(name)):
            return highlight(name, terms, words)
    return mark_safe("")


def _url(entry: SearchEntry) -> str:
    if not entry.url_name:
        return ""
    try:
        return reverse(entry.url_name, args=entry.url_args) + entry.url_suffix
    except NoReverseMatch:
        return ""


def _text(entry: SearchEntry, field_name: str, language: str) -> str:
    value = getattr(entry, f"{field_name}_{language}")
    if value:
        return value
    other = "en" if language == "de" else "de"
    return getattr(entry, f"{field_name}_{other}")


def search(query: str | None) -> SearchResults:
    """Search the registry; results grouped by type, best group first, best hit first."""
    query = clean_query(query)
    results = SearchResults(query=query)
    terms = _terms(query)
    if not terms:
        results.too_short = bool(query)
        return results
    entries = _candidates(terms)
    words: set[str] = set()
    if not entries:
        entries, words = _fuzzy_candidates(terms)
        results.is_fuzzy = bool(entries)
    language = current_language()
    penalty = 25 if results.is_fuzzy else 0
    # Score every candidate, but highlight and cut snippets only for the hits shown: up to
    # MAX_CANDIDATES entries are found, MAX_PER_GROUP of each kind are displayed.
    scored: dict[str, list[tuple[float, str, SearchEntry]]] = {}
    for entry in entries:
        title = _text(entry, "title", language)
        score = _score(entry, terms, language) - penalty
        scored.setdefault(entry.kind, []).append((score, title, entry))
    groups = []
    for kind, kind_entries in scored.items():
        kind_entries.sort(key=lambda item: (-item[0], item[1]))
        hits = [
            SearchHit(
                kind=kind,
                title=highlight(title, terms, words),
                context=_text(entry, "context", language),
                snippet=snippet(_text(entry, "body", language), terms, words),
                url=_url(entry),
                score=score,
                found_as=_found_as(entry, title, terms, words),
                language=_title_language(entry, language),
            )
            for score, title, entry in kind_entries[:MAX_PER_GROUP]
        ]
        groups.append(SearchGroup(kind, EntryKind(kind).label, hits, len(kind_entries)))
    groups.sort(key=lambda group: (-group.hits[0].score, KIND_ORDER.index(group.kind)))
    results.groups = groups
    return results
