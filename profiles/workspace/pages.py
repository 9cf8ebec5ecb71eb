"""The workspace as one object: the profile's form, its infobox rows and its citations, what
they would save, and the page they would make (the preview, rendered by the public page's
own code)."""

from dataclasses import dataclass

from profiles.connections import relationships_of
from profiles.models import Citation, Fact, Profile
from profiles.presentation import missing_text_links, profile_page
from profiles.urlnorm import normalize_url
from profiles.workspace.forms import (
    CitationFormSet,
    FactFormSet,
    ProfileForm,
    check_workspace_markers,
)


@dataclass
class Draft:
    """What the workspace would save: unsaved instances, new sources included."""

    profile: Profile
    types: list
    facts: list
    citations: list


class Workspace:
    def __init__(self, data=None, *, profile=None, base_revision_id=None):
        self.profile = profile or Profile(published=False)
        saved = self.profile.pk is not None
        initial = {"base_revision": base_revision_id} if saved else {}
        self.form = ProfileForm(data, instance=self.profile, initial=initial)
        self.facts = FactFormSet(
            data,
            prefix="facts",
            queryset=self.profile.facts.select_related("label") if saved else Fact.objects.none(),
        )
        self.citations = CitationFormSet(
            data,
            prefix="citations",
            queryset=(
                self.profile.citations.select_related("source")
                if saved
                else Citation.objects.none()
            ),
        )

    @property
    def is_bound(self):
        return self.form.is_bound

    def is_valid(self):
        valid = all([self.form.is_valid(), self.facts.is_valid(), self.citations.is_valid()])
        if valid:
            check_workspace_markers(self.form, self.facts, self.citations)
        return valid and not self.form.errors and not any(self.facts.errors)

    def draft(self):
        """The profile, types, facts and citations as the form would save them (unsaved)."""
        profile = self.form.instance
        profile.slug = self.form.cleaned_data["slug"]
        facts = []
        # In the order the editor set (rows without an order number last, as they came),
        # deleted rows and empty new ones left out.
        for position, form in enumerate(self.facts.ordered_forms):
            fact = form.instance
            fact.position = position
            facts.append(fact)
        citations = []
        for form in self.citations.kept_forms():
            citation = form.instance
            citation.source = form.cited_source()
            citations.append(citation)
        return Draft(profile, list(self.form.cleaned_data["types"]), facts, citations)

    def preview(self):
        """The page the draft would make, rendered as the public page renders it."""
        draft = self.draft()
        profile = draft.profile
        sources = preview_source_ids(draft.citations)
        relationships = list(relationships_of(profile)) if profile.pk else []
        rendered = profile.render(
            [fact.value for fact in draft.facts],
            {c.key: sources[id(c)] for c in draft.citations},
        )
        for fact, html in zip(draft.facts, rendered.fact_html, strict=True):
            fact.value_html = html
        return profile_page(
            profile,
            types=draft.types,
            facts=draft.facts,
            citations=draft.citations,
            relationships=relationships,
            missing=missing_text_links(profile, draft.facts),
        )

    def problems(self):
        """Every error, in page order, for the summary at the top: (field id, label, message)."""
        found = []
        for error in self.form.non_field_errors():
            found.append(("", "", error))
        for name, field in self.form.fields.items():
            for error in self.form.errors.get(name, []):
                found.append((self.form[name].id_for_label, field.label, error))
        for number, form in enumerate(self.facts.forms, start=1):
            for name, errors in form.errors.items():
                for error in errors:
                    known = name in form.fields
                    label = f"{form.fields[name].label} ({number})" if known else ""
                    found.append((form[name].id_for_label if known else "", label, error))
        for error in self.facts.non_form_errors() + self.citations.non_form_errors():
            found.append(("", "", error))
        for form in self.citations.forms:
            for name, errors in form.errors.items():
                for error in errors:
                    key = form["key"].value() or "?"
                    field_id = form[name].id_for_label if name in form.fields else ""
                    found.append((field_id, f"[^{key}]", error))
        return found


def preview_source_ids(citations):
    """Each citation's source id for numbering; unsaved sources get stand-ins (negative ids),
    one per distinct page, so two rows citing one new page share a reference entry."""
    ids, new = {}, {}
    for citation in citations:
        source = citation.source
        if source.pk is not None:
            ids[id(citation)] = source.pk
        else:
            page = normalize_url(source.url) or f"untitled-{id(source)}"
            ids[id(citation)] = new.setdefault(page, -(len(new) + 1))
    return ids
