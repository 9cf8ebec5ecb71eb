"""The editor's workspace: /profiles/new/ and /profiles/<slug>/edit/, one page with the
profile's fields, infobox and text on the left and its page, rendered as readers will see it,
on the right; and the small endpoints its script uses (preview, source search, cite by URL).

Only editors (who may change profiles) reach any of it; anonymous visitors are sent to log in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from profiles.access import profiles_visible_to
from profiles.connections import connection_groups, relationships_of
from profiles.diffs import diff_snapshots
from profiles.models import Profile, Source
from profiles.permissions import can_edit_profiles
from profiles.presentation import missing_stored_links, profile_page
from profiles.revisions import latest_revision_id, snapshot_of_revision
from profiles.services import UNCHECKED, ProfileChanged, save_profile, save_relationship
from profiles.workspace.connections import ConnectionForm
from profiles.workspace.pages import Workspace
from profiles.workspace.pasted import pasted_page_data
from profiles.workspace.sources import (
    new_source_details,
    readable_key,
    search_sources,
    source_domain,
    stored_source,
)
from profiles.workspace.summary import automatic_summary

ACTIONS = (
    "save",
    "publish",
    "preview",
    "paste",
    "cite",
    "find_source",
    "cite_source",
    "add_connection",
)


def require_editor(user):
    if not can_edit_profiles(user):
        raise PermissionDenied


@login_required
@never_cache
def new_profile(request):
    """Editors write a new profile; it stays a draft until they publish it."""
    require_editor(request.user)
    return workspace(request, None)


@login_required
@never_cache
def edit_profile(request, slug):
    """Editors change a profile, its infobox and its citations, in one page."""
    require_editor(request.user)
    profile = get_object_or_404(profiles_visible_to(request.user), slug=slug)
    return workspace(request, profile)


def workspace(request, profile):
    data = request.POST if request.method == "POST" else None
    action = next((name for name in ACTIONS if data and name in data), "preview")
    found, pasted_problems = [], []
    connection = ConnectionForm(profile=profile) if profile else None
    if data is not None and action == "paste" and profile is None:
        data, pasted_problems = with_pasted_page(request, data)
    if data is not None and action in {"cite", "cite_source"}:
        data = with_citation(request, data, profile, action)
    if data is not None and action == "add_connection" and profile:
        data, connection = with_connection(request, data, profile)
    if data is not None and action == "find_source":
        found = search_sources(data.get("source_query", ""))
    base = latest_revision_id(profile) if profile else None
    page = Workspace(data, profile=profile, base_revision_id=base)
    preview, other_change = None, None
    if data is None:
        preview = current_page(profile) if profile else None
    elif page.is_valid():
        if action in {"save", "publish"}:
            try:
                return save(request, page, profile, publish=action == "publish")
            except ProfileChanged as changed:
                other_change = changed_since(profile, page, changed.newer, data)
                page = Workspace(other_change["data"], profile=profile, base_revision_id=base)
                page.is_valid()
            except ValidationError as error:
                page.form.add_error(None, error)
        preview = page.preview() if not page.form.errors else None
    context = {
        "profile": profile,
        "workspace": page,
        "preview": preview,
        "found_sources": found,
        "other_change": other_change,
        "connection_form": connection,
        "connections": connection_groups(profile, relationships_of(profile)) if profile else [],
        "problems": page.problems() if page.is_bound else [],
        "pasted_problems": pasted_problems,
    }
    return render(request, "profiles/workspace/workspace.html", context)


def with_pasted_page(request, data):
    """The form filled in from the page pasted in its box (kept as typed when it is empty), and
    what reading it met, for the editor to check before saving."""
    text = data.get("pasted_page", "")
    if not text.strip():
        messages.error(request, _("Paste the page's text into the box first."))
        return data, []
    filled, problems = pasted_page_data(text, data)
    filled["pasted_page"] = ""
    messages.success(
        request,
        _(
            "Filled in from the pasted page: check each part and its sources against the "
            "preview, then save."
        ),
    )
    return filled, problems


def with_connection(request, data, profile):
    """Save the connection the editor added (one revision of both profiles, at once) and give
    the form back with the rest of what they typed, now based on that revision."""
    form = ConnectionForm(data, profile=profile)
    if not form.is_valid():
        return data, form
    relationship, citations = form.relationship()
    try:
        save_relationship(
            relationship,
            user=request.user,
            comment=_("Added: %(connection)s") % {"connection": relationship},
            citations=citations,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return data, form
    messages.success(
        request, _("Added the connection: %(connection)s.") % {"connection": relationship}
    )
    data = data.copy()
    data["base_revision"] = latest_revision_id(profile)
    for name in list(data):
        if name.startswith("connection-"):
            del data[name]
    return data, ConnectionForm(profile=profile)


def current_page(profile):
    return profile_page(
        profile,
        types=list(profile.types.all()),
        facts=list(profile.facts.select_related("label")),
        citations=list(profile.citations.select_related("source")),
        relationships=list(relationships_of(profile)),
        missing=missing_stored_links(profile),
    )


def save(request, page, profile, *, publish):
    draft = page.draft()
    if publish:
        draft.profile.published = True
    # The form changed the profile instance in place: compare with the row as stored.
    stored = Profile.objects.get(pk=profile.pk) if profile else None
    summary = page.form.cleaned_data.get("summary") or automatic_summary(stored, draft)
    base = page.form.cleaned_data.get("base_revision") if profile else UNCHECKED
    saved = save_profile(
        draft.profile,
        user=request.user,
        comment=summary,
        types=draft.types,
        facts=draft.facts,
        citations=draft.citations,
        base_revision_id=base,
    )
    if not saved.changed:
        messages.info(request, _("Nothing was changed, so no revision was added."))
        return redirect("profiles:edit", saved.profile.slug)
    if publish:
        messages.success(request, _("Published “%(name)s”.") % {"name": saved.profile.name})
    else:
        messages.success(request, _("Saved “%(name)s”.") % {"name": saved.profile.name})
    return redirect(saved.profile)


def changed_since(profile, page, newer, data):
    """The other editor's change, as a diff, and the form data now based on it: saving again
    is the editor's choice, made knowing what changed."""
    base = page.form.cleaned_data.get("base_revision")
    diff = None
    if base:
        diff = diff_snapshots(
            snapshot_of_revision(profile, base), snapshot_of_revision(profile, newer)
        )
    data = data.copy()
    data["base_revision"] = newer.pk
    return {"revision": newer, "diff": diff, "data": data}


def with_citation(request, data, profile, action):
    """The form data with one more citation row: of the source at the URL typed in the Cite
    box, or of the source chosen in the search results (for browsers without JavaScript)."""
    data = data.copy()
    taken = taken_keys(data)
    if action == "cite_source":
        source = stored_by_pk(data.get("cite_source"))
        if source is None:
            messages.error(request, _("That source no longer exists; search again."))
            return data
        key, row = citation_of_stored(source, taken)
        title = source.title
    else:
        url = data.get("cite_url", "").strip()
        if not is_web_address(url):
            messages.error(request, URL_ERROR)
            return data
        key, row = citation_of_url(url, taken)
        title = row.get("title") or url
    index = int(data.get("citations-TOTAL_FORMS") or 0)
    data[f"citations-{index}-key"] = key
    for name, value in row.items():
        data[f"citations-{index}-{name}"] = value
    data["citations-TOTAL_FORMS"] = str(index + 1)
    messages.success(
        request,
        _("Cited “%(title)s” as [^%(key)s]: put the marker where the statement it supports ends.")
        % {"title": title, "key": key},
    )
    return data


URL_ERROR = gettext_lazy("Type the full address of the page, with http:// or https://.")


def is_web_address(url):
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return False
    return True


def year_of(source):
    return source.published_date.year if source.published_date else ""


def citation_of_stored(source, taken):
    """(key, form row) for a citation of a stored source."""
    key = readable_key(
        publication=source.publication,
        url=source.url,
        title=source.title,
        year=year_of(source),
        taken=taken,
    )
    return key, {"source": source.pk}


def citation_of_url(url, taken):
    """(key, form row) for a citation of the page at the URL: the stored source with its
    normalized URL, or a new one with what the page's metadata says (to confirm). Either
    way it was accessed today: the editor has the page open."""
    key, row = citation_of_page(url, taken)
    return key, {**row, "accessed": timezone.localdate().isoformat()}


def citation_of_page(url, taken):
    source = stored_source(url)
    if source is not None:
        return citation_of_stored(source, taken)
    details = new_source_details(url)
    row = {"url": url}
    row.update({name: details.get(name, "") for name in ("title", "authors", "publication")})
    row["published"] = details.get("published", "")
    key = readable_key(
        publication=row["publication"],
        url=url,
        title=row["title"],
        year=(row["published"] or "")[:4],
        taken=taken,
    )
    return key, row


def taken_keys(data):
    text = str(data.get("citations-TOTAL_FORMS", ""))
    total = min(int(text), 500) if text.isdigit() else 0
    return {data.get(f"citations-{i}-key", "") for i in range(total)}


def stored_by_pk(value):
    return Source.objects.filter(pk=value).first() if str(value or "").isdigit() else None


# The endpoints the workspace's script calls ------------------------------------------------


@require_POST
@login_required
def preview(request):
    """Editors' live preview: the page the form would make, as an HTML fragment."""
    require_editor(request.user)
    profile = None
    if request.POST.get("profile"):
        profile = get_object_or_404(profiles_visible_to(request.user), pk=request.POST["profile"])
    page = Workspace(request.POST, profile=profile)
    if not page.is_valid():
        html = render_to_string(
            "profiles/workspace/_problems.html", {"problems": page.problems()}, request=request
        )
        return JsonResponse({"valid": False, "html": html})
    html = render_to_string(
        "profiles/workspace/_preview.html",
        {"preview": page.preview(), "workspace": page, "profile": profile},
        request=request,
    )
    return JsonResponse({"valid": True, "html": html})


@require_safe
@login_required
def source_search(request):
    """Editors search the sources to cite: title, URL, domain or publication, best first,
    each with a readable key for its marker (not one of ?taken=)."""
    require_editor(request.user)
    taken = set(request.GET.getlist("taken"))
    results = []
    for choice in search_sources(request.GET.get("q", "")):
        key, _row = citation_of_stored(choice.source, taken)
        results.append({**source_json(choice.source, choice.profiles_citing), "key": key})
    return JsonResponse({"results": results})


@require_safe
@login_required
def cite(request):
    """Editors cite by URL: the stored source with that page's normalized URL, or the details
    the page gives for a new one (to confirm), and a readable key for the marker."""
    require_editor(request.user)
    url = request.GET.get("url", "").strip()
    if not is_web_address(url):
        return JsonResponse({"error": str(URL_ERROR)}, status=400)
    key, row = citation_of_url(url, set(request.GET.getlist("taken")))
    if "source" in row:
        source = Source.objects.get(pk=row["source"])
        return JsonResponse(
            {"found": True, "key": key, "accessed": row["accessed"], "source": source_json(source)}
        )
    return JsonResponse({"found": False, "key": key, "accessed": row["accessed"], "new": row})


def source_json(source, citing=None):
    return {
        "id": source.pk,
        "title": source.title,
        "publication": source.publication,
        "date": source.published_display,
        "domain": source_domain(source),
        "citing": citing,
        "url": source.display_url,
        "page": reverse("profiles:source", args=[source.pk]),
    }
