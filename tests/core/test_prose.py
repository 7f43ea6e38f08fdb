"""Editors' texts: a few formatting tags survive, scripts and dangerous attributes never do."""

import pytest

from citypartners.core.prose import render_prose


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("One paragraph.\n\nAnother one.", "<p>One paragraph.</p><p>Another one.</p>"),
        ("Line one\nline two", "<p>Line one<br>line two</p>"),
        ("<p>Is <strong>kept</strong> and <em>stressed</em>.</p>", "<p>Is <strong>kept</strong> and <em>stressed</em>.</p>"),
        ('<p><a href="https://www.berlin.de/">Berlin</a></p>',
         '<p><a href="https://www.berlin.de/" rel="noopener noreferrer">Berlin</a></p>'),
        ("<ul><li>a</li><li>b</li></ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("", ""),
    ],
)  # fmt: skip
def test_allowed_formatting_is_kept(text, html):
    assert render_prose(text) == html


@pytest.mark.parametrize(
    ("attack", "forbidden"),
    [
        ('<script>alert("x")</script>Text', "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<p><a href="javascript:alert(1)">click</a></p>', "javascript:"),
        ('<p onclick="steal()">x</p>', "onclick"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="position:fixed">x</p>', "style="),
        ("<svg><script>alert(1)</script></svg>", "<script"),
    ],
)
def test_dangerous_markup_is_removed(attack, forbidden):
    assert forbidden not in render_prose(attack)


def test_stored_script_in_a_description_never_reaches_the_page(client, db):
    from citypartners.partnerships.models import Partnership

    Partnership.objects.filter(slug="berlin-paris").update(
        description_en='Good text.<script>alert("stored")</script><a href="javascript:x()">link</a>'
    )
    html = client.get("/en/partnerships/berlin-paris/").content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert "Good text." in main
    assert "alert(" not in main and "<script>" not in main
    assert "javascript:" not in html
