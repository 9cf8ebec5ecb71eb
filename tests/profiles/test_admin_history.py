import pytest
import reversion
from django.urls import reverse
from reversion.models import Revision, Version

from profiles.diffs import reference_numbers, snapshot_of_profile
from profiles.models import Citation, FactLabel, Profile, Source
from profiles.revisions import latest_revision, profile_versions
from tests.conftest import assert_one_new_revision, make_user
from tests.factories import make_profile, make_source, rerender
from tests.html import parse
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

RTA = "riverton-tenants-alliance"


def admin_edit(client, profile, change):
    """Open the profile's change form, change its data as an editor would, and save it."""
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    data = form_data(parse(client.get(url)).find("form", id="profile_form"))
    change(data)
    response = client.post(url, data)
    if response.status_code != 302:
        errors = parse(response).select(".errornote, .errorlist")
        pytest.fail(f"The admin refused the edit: {[e.get_text(' ', strip=True) for e in errors]}")


def inline_index(data, prefix, field, value):
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    return next(i for i in range(total) if data.get(f"{prefix}-{i}-{field}") == [value])


def replace_text(data, name, old, new):
    assert old in data[name][0], f"{old!r} is not in {name}"
    data[name] = [data[name][0].replace(old, new)]


@pytest.fixture
def demo_profile(demo):
    return demo.get(slug=RTA)


def test_three_admin_edits_of_a_demo_profile_make_a_readable_history(client, demo_profile):
    profile = demo_profile
    first = latest_revision(profile)
    references = len(profile.references)
    first_references = profile.references
    edith = make_user("edith", staff=True, editor=True)
    ruth = make_user("ruth", staff=True, editor=True)
    new_source = make_source(title="Alliance Opens Third Office")

    client.force_login(edith)
    admin_edit(
        client,
        profile,
        lambda data: replace_text(data, "lead", "more than 60 buildings", "more than 75 buildings"),
    )

    def second(data):
        data["location"] = ["Riverton and Port Calloway, Westmarch"]
        revenue = inline_index(data, "facts", "value", "$1,382,114[^f990-2022-p1]")
        replace_text(data, f"facts-{revenue}-value", "$1,382,114", "$1,400,250")
        extra = int(data["citations-TOTAL_FORMS"][0]) - 1
        data[f"citations-{extra}-key"] = ["courier-office"]
        data[f"citations-{extra}-source"] = [str(new_source.pk)]
        replace_text(
            data,
            "body",
            "opened a second office in the Millrace district",
            "opened a second office in the Millrace district[^courier-office]",
        )

    client.force_login(ruth)
    admin_edit(client, profile, second)

    def third(data):
        replace_text(data, "body", "more than 40,000 doors", "about 41,000 doors")
        replace_text(data, "body", "[^afcf-2021]", "")
        grant = inline_index(data, "citations", "key", "afcf-2021")
        data[f"citations-{grant}-DELETE"] = ["on"]
        section = inline_index(data, "citations", "key", "ordinance-sec9")
        data[f"citations-{section}-pinpoint"] = ["Sec. 9(b)"]

    client.force_login(edith)
    admin_edit(client, profile, third)

    # Six entries (the demo's creation, connections and filings, then three edits), by the
    # right people, with the admin's comments.
    rows = parse(client.get(reverse("profiles:history", args=[RTA]))).select("tr.history-entry")
    assert [row.select_one(".revision-who").get_text() for row in rows] == [
        "Edith",
        "Ruth",
        "Edith",
        "Demo Editor",
        "Demo Editor",
        "Demo Editor",
    ]
    comments = [row.select_one(".revision-comment").get_text() for row in rows]
    assert comments[5] == "Created Riverton Tenants Alliance (demo content)."
    assert comments[4] == "Connected the demo profiles (demo content)."
    assert comments[3].startswith("Imported 6 IRS filings")
    assert comments[2] == "Changed Lead."
    assert "Changed Location and Body." in comments[1]
    assert "Added citation “courier-office”." in comments[1]
    assert "Deleted citation “afcf-2021”." in comments[0]

    # The diff of the first against the last shows every change.
    last = latest_revision(profile)
    diff = parse(
        client.get(reverse("profiles:diff", args=[RTA]), {"from": first.pk, "to": last.pk})
    )
    fields = {row.th.get_text(): row for row in diff.select(".diff-fields tbody tr")}
    assert set(fields) == {"Location", "Revenue"}
    assert fields["Revenue"].select_one("del").get_text() == "382,114"
    assert fields["Revenue"].select_one("ins").get_text() == "400,250"
    deleted = [d.get_text() for d in diff.select(".diff-text del")]
    inserted = [i.get_text() for i in diff.select(".diff-text ins")]
    assert "60" in deleted and "75" in inserted
    assert "more than 40" in deleted and "about 41" in inserted
    # Markers and citations read as the reader saw them: numbered as each revision numbered
    # them, not by their keys.
    before, after = (
        reference_numbers(first_references),
        reference_numbers(Profile.objects.get(slug=RTA).references),
    )
    assert f"[{after['courier-office']}]" in inserted
    assert f"[{before['afcf-2021']}]" in deleted
    assert "[^" not in diff.select_one(".diff-text").get_text()
    citations = {
        li.select_one(".diff-citation-number").get_text(): li["class"][1]
        for li in diff.select("li.diff-citation")
    }
    assert citations == {
        f"[{before['afcf-2021']}]": "diff-citation-removed",
        f"[{after['courier-office']}]": "diff-citation-added",
        f"[{after['ordinance-sec9']}]": "diff-citation-changed",
    }

    # The permanent link of the first shows the original text and reference list.
    old = parse(client.get(reverse("profiles:revision", args=[RTA, first.pk])))
    assert "more than 60 buildings" in old.select_one(".profile-lead").get_text()
    entries = old.select(".reference-list > li")
    assert len(entries) == references
    titles = " ".join(entry.select_one(".source-title").get_text() for entry in entries)
    assert "2021 Grants List" in titles
    assert "Alliance Opens Third Office" not in titles


def test_the_admin_history_links_each_revision_to_read_compare_and_revert(editor_client):
    profile = make_profile()
    revision = latest_revision(profile)
    soup = parse(editor_client.get(reverse("admin:profiles_profile_history", args=[profile.pk])))
    [row] = soup.select("#change-history tbody tr")
    assert row.th.a["href"] == f"/profiles/{profile.slug}/revisions/{revision.pk}/"
    revert = row.select_one("a.revert-link")["href"]
    assert revert == f"/profiles/{profile.slug}/revisions/{revision.pk}/revert/"
    assert editor_client.get(revert).status_code == 200


def test_the_admin_revision_view_leads_to_the_revert_page_and_changes_nothing(editor_client):
    profile = make_profile()
    [version] = profile_versions(profile)
    before = Revision.objects.count()
    url = reverse("admin:profiles_profile_revision", args=[profile.pk, version.pk])
    for response in (editor_client.get(url), editor_client.post(url, {})):
        assert response.status_code == 302
        assert response["Location"] == (
            f"/profiles/{profile.slug}/revisions/{version.revision_id}/revert/"
        )
    assert Revision.objects.count() == before


def test_the_change_form_links_to_the_public_history(editor_client):
    profile = make_profile()
    soup = parse(editor_client.get(reverse("admin:profiles_profile_change", args=[profile.pk])))
    assert soup.select_one(".object-tools").find("a", href=f"/profiles/{profile.slug}/history/")


def delete_in_admin(client, profile):
    response = client.post(
        reverse("admin:profiles_profile_delete", args=[profile.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=profile.pk).exists()
    return Version.objects.get_deleted(Profile).get(object_id=str(profile.pk))


def test_recovering_a_deleted_profile_brings_back_its_facts_and_citations_and_numbering(
    editor_client, editor
):
    shared, other = make_source(title="Shared Report"), make_source(title="Other Report")
    profile = make_profile(
        lead="One.[^b] Two.[^a]",
        body="## More\n\nThree.[^c][^a]",
        facts=[("Budget", "$9 [^c]"), ("Website", "https://x.example")],
        citations={"a": shared, "b": other, "c": shared},
    )
    original = snapshot_of_profile(profile)
    references = profile.references
    page_before = parse(editor_client.get(profile.get_absolute_url()))

    version = delete_in_admin(editor_client, profile)
    assert not Citation.objects.filter(profile_id=profile.pk).exists()
    recover_list = parse(editor_client.get(reverse("admin:profiles_profile_recoverlist")))
    url = reverse("admin:profiles_profile_recover", args=[version.pk])
    assert recover_list.find("a", href=url)
    confirm = parse(editor_client.get(url))
    assert len(confirm.select(".recover-citations li")) == 3

    response = editor_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:profiles_profile_change", args=[profile.pk])
    recovered = Profile.objects.get(pk=profile.pk)
    assert snapshot_of_profile(recovered) == original
    assert recovered.references == references
    assert_one_new_revision(
        recovered,
        before=1,
        user=editor,
        comment_contains=f"Recovered from revision {version.revision_id}",
    )
    page_after = parse(editor_client.get(recovered.get_absolute_url()))

    def numbering(page):
        return [
            (li["value"], li.cite.get_text(), len(li.select("a.backlink")))
            for li in page.select(".reference-list > li")
        ]

    def markers(page):
        return [marker.get_text() for marker in page.select("sup.reference")]

    assert numbering(page_after) == numbering(page_before)
    assert markers(page_after) == markers(page_before) == ["[1]", "[2]", "[2]", "[2]", "[2]"]


def test_recovering_is_refused_when_a_source_it_cited_was_deleted(editor_client):
    gone = make_source(title="Withdrawn Report")
    profile = make_profile(citations={"first": gone})
    version = delete_in_admin(editor_client, profile)
    Source.objects.filter(pk=gone.pk).delete()
    url = reverse("admin:profiles_profile_recover", args=[version.pk])
    assert (
        "Withdrawn Report" in parse(editor_client.get(url)).select_one("#content-main").get_text()
    )
    response = editor_client.post(url, follow=True)
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert "deleted" in parse(response).select_one(".messagelist").get_text()


def test_only_editors_may_recover(client, outsider):
    profile = make_profile()
    client.force_login(make_user("root", staff=True, editor=True))
    version = delete_in_admin(client, profile)
    client.force_login(outsider)
    url = reverse("admin:profiles_profile_recover", args=[version.pk])
    assert client.post(url).status_code == 403
    assert not Profile.objects.filter(pk=profile.pk).exists()


def test_reverting_a_source_in_its_admin_history_changes_that_source_only(editor_client):
    profile = make_profile(lead="Original text.[^first]")
    source = profile.citations.get().source
    [_, in_profile_revision] = Version.objects.get_for_object(source).order_by("pk")[:2]
    assert Version.objects.get_for_object(profile).get().revision == in_profile_revision.revision
    with reversion.create_revision():
        profile.lead = "Later text.[^first]"
        profile.save()
        source.title = "A Corrected Title"
        source.save()
        rerender(profile)

    old_title = in_profile_revision.field_dict["title"]
    url = reverse("admin:profiles_source_revision", args=[source.pk, in_profile_revision.pk])
    form = parse(editor_client.get(url)).find("form", id="source_form")
    assert form.find("input", attrs={"name": "title"})["value"] == old_title
    assert Source.objects.get(pk=source.pk).title == "A Corrected Title", "showing keeps nothing"
    response = editor_client.post(url, form_data(form))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.title == old_title
    assert Profile.objects.get(pk=profile.pk).lead == "Later text.[^first]"
    revision = Version.objects.get_for_object(source).first().revision
    assert f"Reverted to its version in revision {in_profile_revision.revision_id}" in (
        revision.comment
    )


def delete_source_in_admin(client, source):
    response = client.post(
        reverse("admin:profiles_source_delete", args=[source.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()
    return Version.objects.get_deleted(Source).get(object_id=str(source.pk))


def every_profile_as_it_is():
    return {
        profile.pk: (
            snapshot_of_profile(profile),
            profile.references,
            profile_versions(profile).count(),
        )
        for profile in Profile.objects.all()
    }


def test_recovering_a_deleted_source_brings_back_that_source_and_changes_no_profile(
    editor_client, editor
):
    doomed = make_source(title="Withdrawn Grant Report")
    filing = make_source(title="Annual Filing")
    profile = make_profile(
        lead="It gives grants.[^grant] It files every year.[^filing]",
        body="## Background\n\nIt began in a library basement.[^filing]",
        citations={"grant": doomed, "filing": filing},
    )
    make_profile("Other Fund", citations={"first": filing})

    def stop_citing_the_report(data):
        replace_text(data, "lead", "It gives grants.[^grant] ", "It lends books. ")
        grant = inline_index(data, "citations", "key", "grant")
        data[f"citations-{grant}-DELETE"] = ["on"]

    def add_a_fact(data):
        replace_text(data, "lead", "It lends books.", "It lends books and games.")
        data["facts-0-label"] = [str(FactLabel.objects.get(name="Website").pk)]
        data["facts-0-value"] = ["https://fund.example"]

    admin_edit(editor_client, profile, stop_citing_the_report)
    admin_edit(editor_client, profile, add_a_fact)
    version = delete_source_in_admin(editor_client, doomed)
    # Its last version sits in an older revision of the profile, which reversion would revert.
    older_revisions = [v.revision_id for v in profile_versions(profile)[1:]]
    assert version.revision_id in older_revisions
    profiles_before = every_profile_as_it_is()
    versions_before = Version.objects.get_for_object_reference(Source, doomed.pk).count()

    url = reverse("admin:profiles_source_recover", args=[version.pk])
    form = parse(editor_client.get(url)).find("form", id="source_form")
    assert form.find("input", attrs={"name": "title"})["value"] == "Withdrawn Grant Report"
    assert not Source.objects.filter(pk=doomed.pk).exists(), "showing the form keeps nothing"
    response = editor_client.post(url, form_data(form))

    assert response.status_code == 302
    recovered = Source.objects.get(pk=doomed.pk)
    assert recovered.title == "Withdrawn Grant Report"
    assert every_profile_as_it_is() == profiles_before
    revision = assert_one_new_revision(
        recovered,
        before=versions_before,
        user=editor,
        comment_contains="Recovered source “Withdrawn Grant Report”",
    )
    assert {v.content_type.model for v in revision.version_set.all()} == {"source"}


def test_a_version_that_is_not_of_a_deleted_source_cannot_be_recovered(editor_client):
    profile = make_profile(lead="Original text.[^first]")
    source = profile.citations.get().source
    before = every_profile_as_it_is()
    not_deleted = Version.objects.get_for_object(source).first()
    of_a_profile = profile_versions(profile).get()
    for version in (not_deleted, of_a_profile):
        url = reverse("admin:profiles_source_recover", args=[version.pk])
        assert editor_client.get(url).status_code == 404
        assert editor_client.post(url, {"title": "Hijacked", "kind": "web"}).status_code == 404
    assert every_profile_as_it_is() == before
    assert Source.objects.get(pk=source.pk).title == source.title


def test_a_source_whose_address_was_reused_since_is_not_recovered_over_the_new_one(
    editor_client,
):
    old = make_source(url="https://courier.example/vote/", title="Council Vote")
    version = delete_source_in_admin(editor_client, old)
    new = make_source(url="https://courier.example/vote", title="Council Vote, Again")
    response = editor_client.post(
        reverse("admin:profiles_source_recover", args=[version.pk]), follow=True
    )
    assert not Source.objects.filter(pk=old.pk).exists()
    message = parse(response).select_one(".messagelist").get_text()
    assert "Council Vote, Again" in message
    assert Source.objects.get(pk=new.pk).title == "Council Vote, Again"


def test_only_editors_may_recover_a_source(client, outsider):
    client.force_login(make_user("root", staff=True, editor=True))
    source = make_source(title="Withdrawn Grant Report")
    version = delete_source_in_admin(client, source)
    client.force_login(outsider)
    url = reverse("admin:profiles_source_recover", args=[version.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Withdrawn Grant Report", "kind": "web"}).status_code == 403
    assert not Source.objects.filter(pk=source.pk).exists()


def test_saving_a_profile_in_the_admin_without_changing_anything_adds_no_revision(
    editor_client,
):
    profile = make_profile(facts=[("Website", "https://harbor.example")])
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    data = form_data(parse(editor_client.get(url)).find("form", id="profile_form"))
    before = Version.objects.get_for_object(profile).count()
    response = editor_client.post(url, data, follow=True)
    assert Version.objects.get_for_object(profile).count() == before
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [f"Nothing was changed in “{profile.name}”, so no revision was added."]


def test_the_editors_summary_becomes_the_revisions_comment(client, editor):
    profile = make_profile()
    client.force_login(editor)

    def change(data):
        data["location"] = ["Port Verity"]
        data["summary"] = ["Location from the 2024 annual report."]

    admin_edit(client, profile, change)
    revision = latest_revision(profile)
    assert revision.get_comment() == "Location from the 2024 annual report."
    assert revision.user == editor
