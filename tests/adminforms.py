"""Submitting an admin change form as a browser does: every field as the page shows it.

`form_values` reads the change form's fields (inputs, text areas, selects) from the page, so a
test changes only what an editor would change and posts the rest as it stands. Text areas are
sent with CRLF line endings, as browsers send them.
"""

from __future__ import annotations

from bs4 import BeautifulSoup


def form_values(html: str) -> dict[str, str | list[str]]:
    """The values a browser would submit from the page's main form (without empty inline rows)."""
    soup = BeautifulSoup(html, "lxml")
    form = soup.find("form", id=lambda value: bool(value) and value.endswith("_form"))
    assert form is not None, "no change form on the page"
    data: dict[str, str | list[str]] = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or "__prefix__" in name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            text = element.text
            data[name] = text.replace("\r\n", "\n").replace("\n", "\r\n")
        elif element.name == "select":
            chosen = [
                o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")
            ]
            if element.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            else:
                first = element.find("option")
                data[name] = first.get("value", first.text) if first else ""
        else:
            kind = element.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data[name] = element.get("value", "on")
                continue
            data[name] = element.get("value", "")
    return data


def add_inline_row(data: dict, html: str, prefix: str, values: dict[str, str | list[str]]) -> None:
    """Adds one row to the inline formset `prefix`, as the "Add another" link does."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    soup = BeautifulSoup(html, "lxml")
    for element in soup.find_all(["input", "textarea", "select"]):
        name = element.get("name") or ""
        if name.startswith(f"{prefix}-__prefix__-"):
            field = name.removeprefix(f"{prefix}-__prefix__-")
            default = element.get("value", "") if element.name == "input" else ""
            if element.get("type") == "checkbox":
                continue
            data[f"{prefix}-{total}-{field}"] = default
    for field, value in values.items():
        data[f"{prefix}-{total}-{field}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
