"""What people see of the public site (issue 14): the map's labels at desktop and phone width,
reflow at 320 px, no file names or hashes, no empty section headings, and `lang` on titles
in the other language. Measured in Chromium, not guessed from the markup."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import public_urls
from tests.urls import url

pytestmark = pytest.mark.e2e

LABELS = """() => {
    const svg = document.querySelector('svg.cp-map__svg');
    const frame = svg.getBoundingClientRect();
    const visible = (el) => getComputedStyle(el).display !== 'none';
    const labels = [...svg.querySelectorAll('text.cp-map__label')].filter(visible).map((t) => {
        const r = t.getBoundingClientRect();
        const link = t.closest('a');
        return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                link: link ? link.getAttribute('href') : null,
                fontPx: r.height};
    });
    const links = [...svg.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    return {frame: {left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom},
            labels, links};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "320px"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_partner_on_the_map_has_one_label_inside_the_drawing_and_none_overlap(
    browser, site, viewport, language
):
    context = browser.new_context(viewport=viewport, base_url=site)
    page = context.new_page()
    page.goto(url("web:home", language))
    found = page.evaluate(LABELS)
    context.close()

    frame, labels = found["frame"], found["labels"]
    labelled = sorted(label["link"] for label in labels if label["link"])
    assert labelled == sorted(found["links"]), "one visible label per partner link"
    assert len(found["links"]) >= 19
    for label in labels:
        assert frame["left"] <= label["left"] and label["right"] <= frame["right"], label
        assert frame["top"] <= label["top"] and label["bottom"] <= frame["bottom"], label
        assert label["fontPx"] >= 9, f"{label['text']} is too small to read"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, f"{a['text']} overlaps {b['text']}"


def test_every_page_type_fits_320_px_without_horizontal_scrolling(browser, site):
    context = browser.new_context(viewport=PHONE, base_url=site)
    page = context.new_page()
    too_wide = []
    for path in public_urls():
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        client = page.evaluate("document.documentElement.clientWidth")
        if width > client:
            too_wide.append(f"{path}: {width}px in {client}px")
    context.close()

    assert not too_wide, too_wide


# A file name of the shipped corpus ("000_be7cae953c875478.txt") or a SHA-256.
FILE_OR_HASH = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b|\b[0-9a-f]{64}\b|SHA-256")


def test_no_public_page_shows_a_file_name_or_a_hash(page):
    shown = []
    for path in public_urls():
        page.goto(path)
        text = page.inner_text("body")
        shown += [f"{path}: {m}" for m in FILE_OR_HASH.findall(text)]

    assert not shown, shown


EMPTY_SECTIONS = """() => {
    // A heading is empty when no text but that of lower headings follows it before the next
    // heading of the same or a higher rank.
    const main = document.querySelector('main');
    const hs = [...main.querySelectorAll('h1, h2, h3, h4')];
    const empty = [];
    hs.forEach((h, i) => {
        if (h.tagName === 'H1') return;
        const rank = Number(h.tagName[1]);
        const end = hs.slice(i + 1).find((k) => Number(k.tagName[1]) <= rank);
        const range = document.createRange();
        range.setStartAfter(h);
        if (end) range.setEndBefore(end); else range.setEndAfter(main.lastChild);
        let text = range.toString();
        for (const k of hs.slice(i + 1)) {
            if (k === end) break;
            text = text.replace(k.textContent, '');
        }
        if (!text.trim()) empty.push(h.innerText);
    });
    return empty;
}"""

NOTHING_RECORDED = re.compile(
    r"No (upcoming|current|past) activities|Keine (anstehenden|laufenden|vergangenen)"
)


def test_no_page_has_an_empty_section_or_a_nothing_recorded_heading(page):
    problems = []
    for path in public_urls():
        page.goto(path)
        empty = page.evaluate(EMPTY_SECTIONS)
        problems += [f"{path}: empty “{h}”" for h in empty]
        problems += [f"{path}: {m}" for m in NOTHING_RECORDED.findall(page.inner_text("main"))]

    assert not problems, problems


MARKED_LANGUAGES = """(pageLanguage) => [...document.querySelectorAll(
        '[data-source-language], [data-name-language], [data-title-language]')]
    .map((el) => ({
        text: el.innerText,
        wanted: el.dataset.sourceLanguage || el.dataset.nameLanguage || el.dataset.titleLanguage,
        marked: (el.closest('[lang]') || document.documentElement).lang,
    }))"""


@pytest.mark.parametrize("language", ["de", "en"])
def test_titles_in_the_other_language_carry_their_lang(page, language):
    """Source titles and organisation names in the other language are marked with their own
    `lang`: on the sources page, in every page's numbered list of sources, in search results
    (a German and an English source found by "Klitschko") and on a partnership page listing
    organisations, one of which has a name in the other language only."""
    from citypartners.network.models import Organisation

    # One name only: the other site shows it, and must mark its language.
    Organisation.objects.filter(slug="digital-dialogues").update(name_en="")
    Organisation.objects.filter(slug="cepal").update(name_de="")
    other = "en" if language == "de" else "de"
    paths = [
        url("web:sources", language),
        url("web:home", language),
        url("web:search", language) + "?q=Klitschko",
        url("web:partnership", language, "germany-mexico-digital-dialogue"),
    ]
    problems, foreign = [], {}
    for path in paths:
        page.goto(path)
        found = page.evaluate(MARKED_LANGUAGES, language)
        assert found, f"{path}: nothing marked with its language"
        problems += [
            f"{path}: {f['text']} ({f['wanted']} in {f['marked']})"
            for f in found
            # a source in "another language" is marked lang="" (unknown): "other" is no tag
            if ("" if f["wanted"] == "other" else f["wanted"]) != f["marked"]
        ]
        foreign[path] = [f["text"] for f in found if f["wanted"] == other]
    assert not problems, problems
    # each page has something in the other language to mark (a test that cannot fail otherwise)
    assert foreign[paths[0]] and foreign[paths[2]], foreign
    only_name = "Digitaldialoge" if language == "en" else "Economic Commission for Latin America"
    assert any(only_name in text for text in foreign[paths[3]]), foreign
