"""Paste a page: a profile page saved as text (the importers' format) read into the workspace's
form, for the editor to review before anything is saved.

The page is read by the text importer's own parser and planned by its own runner, so a pasted
page and an imported one come out the same: the same labels mapped to the same vocabulary, the
same sources found by normalized URL. What the plan could not place (an unknown label, a
category Sourcebook lacks) is left out of the form and named in the problems.
"""

from profiles.importers.runner import plan_for_review
from profiles.importers.text import parse_text_page

PROFILE_FIELDS = ("name", "slug", "category", "types", "location", "aliases", "lead", "body")
FILENAME = "The pasted page"


def pasted_page_data(text, data):
    """The form data with the pasted page in place of what the form held (the edit summary and
    the revision it is based on kept), and the problems met reading it, each a sentence."""
    parsed = parse_text_page(text, filename=FILENAME)
    plan, problems = plan_for_review(parsed)
    filled = data.copy()
    for name in list(filled):
        if name in PROFILE_FIELDS or name.startswith(("facts-", "citations-")):
            del filled[name]
    filled.update(profile_fields(plan))
    filled.update(rows("facts", [fact_row(fact) for fact in plan.facts], ordered=True))
    filled.update(rows("citations", [citation_row(citation) for citation in plan.citations]))
    filled.setlist("types", [str(kind.pk) for kind in plan.types if kind.pk])
    return filled, [str(problem) for problem in problems]


def profile_fields(plan):
    profile = plan.profile
    return {
        "name": profile.name,
        "slug": "",  # made from the name, as for a profile typed in
        "category": str(profile.category.pk) if profile.category else "",
        "location": profile.location,
        "aliases": profile.aliases,
        "lead": profile.lead,
        "body": profile.body,
    }


def fact_row(fact):
    return {"label": str(fact.label.pk) if fact.label.pk else "", "value": fact.value}


def citation_row(citation):
    row = {
        "key": citation.key,
        "accessed": citation.accessed.isoformat() if citation.accessed else "",
        "pinpoint": citation.pinpoint,
    }
    source = citation.source
    if source.pk:
        return {**row, "source": str(source.pk)}
    return {
        **row,
        "url": source.url,
        "title": source.title,
        "authors": source.authors,
        "publication": source.publication,
        "published": partial_date_text(source.published_date, source.date_precision),
        "kind": source.kind,
    }


def rows(prefix, values, *, ordered=False):
    """A formset's data: its management form and one row per dict, numbered from 0."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(values)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(values):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
        if ordered:
            data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    return data


def partial_date_text(value, precision):
    """A date as the form takes it, at its precision: "2019", "2019-03" or "2019-03-04"."""
    if value is None:
        return ""
    return value.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))
