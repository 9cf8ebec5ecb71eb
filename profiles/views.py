import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from profiles.access import can_see_drafts, get_profile_or_moved
from profiles.connections import relationships_of
from profiles.diffs import (
    as_readers_see_it,
    diff_snapshots,
    empty_snapshot,
    snapshot_of_profile,
)
from profiles.dumps import latest_data_dump
from profiles.filters import ProfileFilters, facet_counts, page_number
from profiles.forms import RedactionForm, RevertForm
from profiles.fragments import article_key
from profiles.history import paged_history, recent_entries, recent_versions
from profiles.identifiers import profile_with_identifier
from profiles.licensing import content_license
from profiles.models import (
    Category,
    FormerSlug,
    Mention,
    Profile,
    ProfileType,
    RevisionRedaction,
    Source,
)
from profiles.page_generation import until_next_write
from profiles.permissions import can_redact, can_revert
from profiles.presentation import (
    cite_this_page,
    missing_stored_links,
    missing_text_links,
    profile_page,
)
from profiles.redaction import hidden_parts
from profiles.revisions import (
    has_revision,
    latest_revision,
    load_profile_revision,
    neighbouring_revision_ids,
    previous_revision_id,
    stored_revision,
    with_todays_rows,
)
from profiles.search import clean_query, direct_hit, search_profiles
from profiles.services import (
    RedactionRefused,
    RevertRefused,
    redact_revision,
    restore_problems,
    revert_profile,
)
from profiles.source_index import DEFAULT_ORDER, public_sources, sort_order
from profiles.structured_data import profile_metadata, summary


@require_safe
def home(request):
    """Anyone may see the search box, the categories with counts and the latest updates."""
    categories = Category.objects.annotate(
        profile_count=Count("profiles", filter=Q(profiles__published=True))
    )
    recent = Profile.objects.published().select_related("category").order_by("-updated")[:10]
    return render(request, "profiles/home.html", {"categories": categories, "recent": recent})


@require_safe
def profile_browse(request):
    """Anyone may browse published profiles by category, type, location and first letter."""
    filters = ProfileFilters.from_query(request.GET)
    canonical = filters.query_string(page=page_number(request.GET))
    if request.META.get("QUERY_STRING", "") != canonical:
        return redirect(
            f"{request.path}?{canonical}" if canonical else request.path, permanent=True
        )
    facets = facet_counts(filters)
    category, profile_type = facets.selected("categories"), facets.selected("types")
    if (filters.category and not category) or (filters.type and not profile_type):
        raise Http404(_("There is no such category or type."))
    connected_to = None
    if filters.connected_to:
        connected_to = Profile.objects.published().filter(slug=filters.connected_to).first()
        if connected_to is None:
            raise Http404(_("There is no such profile."))
    profiles = filters.apply(Profile.objects.published()).select_related("category")
    profiles = profiles.only("name", "slug", "location", "category")
    paginator = Paginator(profiles.order_by("name", "pk"), settings.PROFILES_PER_PAGE)
    page_obj = paginator.get_page(page_number(request.GET))
    canonical = filters.query_string(page=page_obj.number)
    context = {
        "page_obj": page_obj,
        "canonical_url": request.build_absolute_uri(f"{request.path}?{canonical}".rstrip("?")),
        "filters": filters,
        "facets": facets,
        "category": category,
        "profile_type": profile_type,
        "connected_to": connected_to,
    }
    return render(request, "profiles/profile_browse.html", context)


@require_safe
def search_results(request):
    """Anyone may search the published profiles, with the browse filters. An EIN, FEC id or
    Wikidata item that a profile has leads straight to it, and so does a query that names a
    profile exactly, with no filter."""
    identified = profile_with_identifier(request.GET.get("q", ""), Profile.objects.published())
    if identified is not None:
        return redirect(identified)
    filters = ProfileFilters.from_query(request.GET)
    if not filters.items():
        profile = direct_hit(request.GET.get("q", ""))
        if profile is not None:
            return redirect(profile)
    results = search_profiles(
        request.GET.get("q", ""),
        filters=filters,
        page=request.GET.get("page"),
        per_page=settings.SEARCH_RESULTS_PER_PAGE,
    )
    context = {
        "results": results,
        "page_obj": results.page_obj,
        "search_query": results.query,
        "query_string": urlencode([("q", results.query), *filters.items()]),
        "filters": filters,
        "categories": Category.objects.all(),
        "types": ProfileType.objects.all(),
        "locations": Profile.objects.published()
        .exclude(location="")
        .values_list("location", flat=True)
        .distinct()
        .order_by("location"),
    }
    return render(request, "profiles/search_results.html", context)


@require_safe
def profile_detail(request, slug):
    """Anyone may read a published profile; editors may also read unpublished ones."""
    profile, moved = get_profile_or_moved(request, slug)
    if moved:
        return moved
    revision = latest_revision(profile)
    mentions = list(mentioned_in(profile))
    missing = missing_stored_links(profile)
    can_edit = request.user.is_staff and request.user.has_perm("profiles.change_profile")
    # Built only when the stored fragments (profile_detail.html) are not there to be reused.
    page = SimpleLazyObject(
        lambda: profile_page(
            profile,
            types=list(profile.types.all()),
            facts=list(profile.facts.select_related("label")),
            citations=list(profile.citations.select_related("source__link_check")),
            relationships=list(relationships_of(profile)),
            filings=list(profile.filings.select_related("source__link_check")),
            missing=missing,
            section_edit_url=(
                reverse("editorial:suggest_edit", args=[profile.slug])
                if profile.published
                else None
            ),
        )
    )
    context = {
        "profile": profile,
        "page": page,
        "mentioned_in": mentions,
        "cite": revision
        and cite_this_page(request, name=profile.name, slug=profile.slug, revision=revision),
        "canonical_url": request.build_absolute_uri(profile.get_absolute_url()),
        "description": summary(profile),
        "json_ld": SimpleLazyObject(lambda: profile_metadata(request, profile, page)["json_ld"]),
        "article_key": article_key(
            request, profile, revision, mentioned_in=mentions, missing=missing, can_edit=can_edit
        ),
        "article_seconds": settings.PAGE_CACHE_SECONDS,
    }
    return render(request, "profiles/profile_detail.html", context)


def mentioned_in(profile):
    """Published profiles whose text links to this one, under its current or a former slug."""
    slugs = Q(target_slug=profile.slug) | Q(
        target_slug__in=FormerSlug.objects.filter(profile=profile).values("slug")
    )
    mentions = Mention.objects.filter(slugs, source__published=True).exclude(source=profile)
    return (
        Profile.objects.filter(pk__in=mentions.values("source"))
        .select_related("category")
        .order_by("name")
    )


@require_safe
def wanted_profiles(request):
    """Anyone may see the profiles that are linked to but not written yet, most wanted first."""
    page = Paginator(Mention.objects.wanted(), 50).get_page(request.GET.get("page"))
    linked_from = {}
    mentions = Mention.objects.filter(
        target_slug__in=[wanted["target_slug"] for wanted in page], source__published=True
    )
    for mention in mentions.select_related("source").order_by("source__name"):
        linked_from.setdefault(mention.target_slug, []).append(mention.source)
    for wanted in page:
        wanted["linked_from"] = linked_from.get(wanted["target_slug"], [])
    return render(request, "profiles/wanted_profiles.html", {"page_obj": page})


@require_safe
def source_list(request):
    """Anyone may browse and search the sources that published profiles cite."""
    query, sort = clean_query(request.GET.get("q", "")), sort_order(request.GET.get("sort", ""))
    paginator = Paginator(public_sources(query, sort), settings.SOURCES_PER_PAGE)
    page_obj = paginator.get_page(page_number(request.GET))
    parameters = [("q", query)] if query else []
    if sort != DEFAULT_ORDER:
        parameters.append(("sort", sort))
    context = {
        "page_obj": page_obj,
        "query": query,
        "sort": sort,
        "query_string": urlencode(parameters),
    }
    return render(request, "profiles/source_list.html", context)


@require_safe
def source_detail(request, pk):
    """Anyone may see a source that a published profile cites, and where it is cited."""
    sources = Source.objects.all() if can_see_drafts(request.user) else Source.objects.public()
    source = get_object_or_404(sources.select_related("link_check"), pk=pk)
    citing = list(source.citing_profiles().select_related("category").order_by("name"))
    for profile in citing:
        profile.reference = profile.reference_to(source.pk)
    return render(request, "profiles/source_detail.html", {"source": source, "citing": citing})


@require_safe
def robots_txt(request):
    """Crawlers may read the public pages, not search results, forms or private links."""
    sitemap_url = request.build_absolute_uri(reverse("profiles:sitemap"))
    context = {"sitemap_url": sitemap_url}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


# Open data ----------------------------------------------------------------------------------


@require_safe
def open_data(request):
    """Anyone may see the licence and download the latest full export."""
    context = {"dump": latest_data_dump(), "license": content_license()}
    return render(request, "profiles/open_data.html", context)


@require_safe
def data_dump_file(request):
    """Anyone may download the latest full export, as the last build_data_dump wrote it."""
    dump = latest_data_dump()
    if dump is None:
        raise Http404(_("No export has been built yet."))
    etag, last_modified = f'"{dump.sha256}"', int(dump.built_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            dump.path.open("rb"),
            as_attachment=True,
            filename=dump.download_name,
            content_type="application/gzip",
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Link"] = f'<{content_license().url}>; rel="license"'
    return response


# History ------------------------------------------------------------------------------------


# ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
REVISION_ID = re.compile(r"[0-9]{1,19}")
# Revision ids are bigints; SQLite raises OverflowError when asked about a larger number.
MAX_REVISION_ID = 2**63 - 1


def revision_id_or_404(value):
    """The revision id in a URL, query or form value, or a 404 if it cannot name one."""
    text = "" if value is None else str(value)
    if not REVISION_ID.fullmatch(text) or int(text) > MAX_REVISION_ID:
        raise Http404(_("There is no such revision."))
    return int(text)


def load_revision_or_404(profile, revision_id, load=load_profile_revision):
    old = load(profile.pk, revision_id_or_404(revision_id))
    if old is None:
        raise Http404(_("This profile has no such revision."))
    return old


@require_safe
def profile_history(request, slug):
    """Anyone who may read a profile may list its revisions, newest first."""
    profile, moved = get_profile_or_moved(request, slug)
    if moved:
        return moved
    page, entries = paged_history(
        profile, request.GET.get("page"), settings.REVISIONS_PER_PAGE, viewer=request.user
    )
    context = {"profile": profile, "page_obj": page, "entries": entries}
    return render(request, "profiles/profile_history.html", context)


@require_safe
def profile_revision(request, slug, revision_id):
    """Anyone who may read a profile may read it as one of its revisions stored it."""
    profile, moved = get_profile_or_moved(request, slug)
    if moved:
        return moved
    old = load_revision_or_404(profile, revision_id).for_viewer(request.user)
    older, newer = neighbouring_revision_ids(profile, before=old.number, after=old.number)
    context = {
        "profile": profile,
        "old": old,
        "older_url": older and reverse("profiles:revision", args=[profile.slug, older]),
        "newer_url": newer and reverse("profiles:revision", args=[profile.slug, newer]),
        "can_redact": can_redact(request.user),
        "redaction_form": can_redact(request.user)
        and RedactionForm(profile=profile, revision=old.revision, hidden=old.hidden),
        "page": old.profile
        and old.text_shown
        and profile_page(
            old.profile,
            types=old.types,
            facts=old.facts,
            citations=old.citations,
            relationships=old.relationships,
            filings=list(
                profile.filings.filter(created__lte=old.revision.date_created).select_related(
                    "source"
                )
            ),
            missing=missing_text_links(old.profile, old.facts),
        ),
        "cite": cite_this_page(
            request,
            name=old.profile.name if old.profile else profile.name,
            slug=profile.slug,
            revision=old.revision,
        ),
    }
    return render(request, "profiles/profile_revision.html", context)


def revisions_to_compare(request, profile):
    """(older revision id or None, newer revision id) from ?from= and ?to=.

    ``to`` defaults to the current revision and ``from`` to the revision before ``to``; the
    two may come in either order. Anything but a number is a 404.
    """
    if "to" in request.GET:
        to_id = revision_id_or_404(request.GET["to"])
    else:
        to_id = revision_id_or_404(getattr(latest_revision(profile), "pk", None))
    if "from" in request.GET:
        from_id = revision_id_or_404(request.GET["from"])
    else:
        from_id = previous_revision_id(profile, to_id)
    if from_id is not None and from_id > to_id:
        return to_id, from_id
    return from_id, to_id


def edit_diff_url(profile, from_id, to_id):
    """The diff of one edit, to step to the edit before or after (None past either end)."""
    if not to_id:
        return None
    query = f"?from={from_id}&to={to_id}" if from_id else f"?to={to_id}"
    return reverse("profiles:diff", args=[profile.slug]) + query


@require_safe
def profile_diff(request, slug):
    """Anyone who may read a profile may compare two of its revisions (?from=&to=)."""
    profile, moved = get_profile_or_moved(request, slug)
    if moved:
        return moved
    from_id, to_id = revisions_to_compare(request, profile)
    # The revisions are named only: the diff is worked out from their rows when not kept.
    new = load_revision_or_404(profile, to_id, stored_revision).for_viewer(request.user)
    old = (
        load_revision_or_404(profile, from_id, stored_revision).for_viewer(request.user)
        if from_id
        else None
    )
    before_from, after_to = neighbouring_revision_ids(profile, before=from_id or 0, after=to_id)
    unavailable = [r for r in (old, new) if r and r.problems]
    hidden = [r for r in (old, new) if r and not r.text_shown]
    diff = None
    if not unavailable and not hidden:
        # Revisions never change, but an old one shows today's copy of a source it did not
        # store: kept until the next write rather than for ever.
        diff = until_next_write(
            f"diff:{old.revision.pk if old else 0}:{new.revision.pk}",
            lambda: diff_snapshots(
                as_readers_see_it(with_todays_rows(old).snapshot() if old else empty_snapshot()),
                as_readers_see_it(with_todays_rows(new).snapshot()),
            ),
        )
    context = {
        "profile": profile,
        "old": old,
        "new": new,
        "diff": diff,
        "unavailable": unavailable,
        "hidden_text": hidden,
        "older_url": from_id and edit_diff_url(profile, before_from, from_id),
        "newer_url": edit_diff_url(profile, to_id, after_to),
        "old_label": _("Revision %(number)s") % {"number": old.number} if old else _("Nothing"),
        "new_label": _("Revision %(number)s") % {"number": new.number},
    }
    return render(request, "profiles/profile_diff.html", context)


def get_profile_to_revert(request, slug):
    """The profile at this slug, for an editor who may revert it: 403 for others, else 404."""
    if not can_revert(request.user):
        raise PermissionDenied
    return get_object_or_404(Profile.objects.select_related("category"), slug=slug)


@require_safe
@login_required
def revert_confirm(request, slug, revision_id):
    """Editors see what reverting to a revision would change, and confirm it."""
    profile = get_profile_to_revert(request, slug)
    old = load_revision_or_404(profile, revision_id)
    problems = restore_problems(old)
    if "text" in hidden_parts(old.revision):
        problems.append(HIDDEN_TEXT_REFUSAL)
    context = {
        "profile": profile,
        "old": old,
        "problems": problems,
        "diff": None if problems else diff_snapshots(snapshot_of_profile(profile), old.snapshot()),
        "form": RevertForm(
            initial={"revision": old.number, "current_revision": latest_revision(profile).pk},
            profile=profile,
        ),
    }
    return render(request, "profiles/revert_confirm.html", context)


@require_POST
@login_required
def profile_revert(request, slug):
    """Editors revert a profile to one of its revisions; it makes a new revision."""
    profile = get_profile_to_revert(request, slug)
    form = RevertForm(request.POST, profile=profile)
    if not form.is_valid():
        raise Http404(_("There is no such revision."))
    old_id = revision_id_or_404(form.cleaned_data["revision"])
    if not has_revision(profile, old_id):
        raise Http404(_("This profile has no such revision."))
    if RevisionRedaction.objects.filter(revision_id=old_id, text_hidden=True).exists():
        messages.error(request, HIDDEN_TEXT_REFUSAL)
        return redirect("profiles:revert_confirm", profile.slug, old_id)
    try:
        saved = revert_profile(
            profile,
            old_id,
            user=request.user,
            seen_revision_id=form.cleaned_data["current_revision"],
        )
    except RevertRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("profiles:revert_confirm", profile.slug, old_id)
    if saved.changed:
        messages.success(
            request,
            _("The profile is back to revision %(old)s, as the new revision %(new)s.")
            % {"old": old_id, "new": saved.revision.pk},
        )
    else:
        messages.info(
            request,
            _("The profile already reads as revision %(old)s did, so nothing was changed.")
            % {"old": old_id},
        )
    return redirect(saved.profile)


@require_safe
def recent_changes(request):
    """Anyone may see the latest revisions of published profiles across the site."""
    page = Paginator(recent_versions(), settings.REVISIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "entries": recent_entries(page.object_list, viewer=request.user)}
    return render(request, "profiles/recent_changes.html", context)


HIDDEN_TEXT_REFUSAL = gettext_lazy(
    "An editor hid the text of this revision, so reverting to it would publish that text "
    "again. Show its text again first if it should be restored."
)


@require_POST
@login_required
def redact(request, slug, revision_id):
    """Editors who may redact hide parts of a revision from readers, or show them again."""
    if not can_redact(request.user):
        raise PermissionDenied
    profile, moved = get_profile_or_moved(request, slug)
    if moved:
        raise Http404(_("This profile has a new address."))
    old = load_revision_or_404(profile, revision_id)
    form = RedactionForm(request.POST, profile=profile, revision=old.revision)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("profiles:revision", profile.slug, old.number)
    try:
        redact_revision(
            old.revision,
            user=request.user,
            hidden=form.hidden_parts(),
            reason=form.cleaned_data["reason"],
        )
    except RedactionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Saved: readers now see revision %(number)s as set.") % {"number": old.number},
        )
    return redirect("profiles:revision", profile.slug, old.number)
