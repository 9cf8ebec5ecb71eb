"""Filling in and sending the public forms the way a browser would."""

import time

from django.urls import reverse

from editorial.abuse import started_token
from tests.html import parse


def form_fields(form):
    """The name/value pairs a browser would send for a <form> (without its buttons)."""
    data = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.get("type") in {"submit", "button"}:
            continue
        if element.name == "textarea":
            data[name] = element.get_text().removeprefix("\n")
        elif element.name == "select":
            selected = element.find("option", selected=True) or element.find("option")
            data[name] = selected.get("value", "") if selected else ""
        elif element.get("type") in {"checkbox", "radio"}:
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
        else:
            data[name] = element.get("value", "")
    return data


def filled_in(response, seconds_ago=30, **values):
    """The form on the page, filled in as if the visitor took seconds_ago to write it."""
    data = form_fields(parse(response).select_one("main form"))
    data["started"] = started_token(time.time() - seconds_ago)
    data.update(values)
    return data


def preview_edit(client, profile, section="", **values):
    url = reverse("editorial:suggest_edit", args=[profile.slug])
    page = client.get(url, {"section": section} if section else {})
    data = filled_in(page, **values)
    preview_url = reverse("editorial:suggest_edit_preview", args=[profile.slug])
    return client.post(preview_url, data)


def send_edit(client, profile, section="", **values):
    """Open the form, change the values, preview it and send it; returns the last response."""
    preview = preview_edit(client, profile, section, **values)
    assert preview.status_code == 200
    send_url = reverse("editorial:suggest_edit_send", args=[profile.slug])
    form = parse(preview).select_one(f"main form[action='{send_url}']")
    assert form is not None, "the preview has no send form: " + parse(preview).get_text()[:2000]
    data = form_fields(form)
    return client.post(send_url, data)


def send_report(client, profile, **values):
    page = client.get(reverse("editorial:report_error", args=[profile.slug]))
    return client.post(
        reverse("editorial:report_error_send", args=[profile.slug]), filled_in(page, **values)
    )


def send_tip(client, name="", **values):
    page = client.get(reverse("editorial:tip_new"), {"name": name} if name else {})
    return client.post(reverse("editorial:tip_new_send"), filled_in(page, **values))


def field_errors(response):
    """The error messages shown on the page, field by field and for the whole form."""
    soup = parse(response)
    errors = [e.get_text(" ", strip=True) for e in soup.select(".invalid-feedback, .alert-danger")]
    return " ".join(errors)
