import json

import pytest
import reversion
from reversion.models import Version

from profiles.diffs import snapshot_of_profile
from profiles.models import Citation, Fact, FactLabel
from profiles.revisions import (
    RevisionUnavailable,
    latest_revision,
    load_profile_revision,
    snapshot_of_revision,
)
from tests.factories import make_profile, make_source, rerender

pytestmark = pytest.mark.django_db


def edit(profile, comment="Edit.", **fields):
    with reversion.create_revision():
        reversion.set_comment(comment)
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        rerender(profile)
    return latest_revision(profile)


def test_a_new_revision_snapshot_equals_the_live_profile():
    profile = make_profile(facts=[("Website", "https://hlf.example")], types=["Education"])
    assert snapshot_of_revision(profile, latest_revision(profile)) == snapshot_of_profile(profile)


def test_an_old_revision_keeps_its_text_facts_citations_and_source_as_they_were():
    source = make_source(title="Reading Rooms Reopen")
    profile = make_profile(citations={"first": source}, facts=[("Budget", "$10 [^first]")])
    first = latest_revision(profile)
    before = snapshot_of_profile(profile)
    with reversion.create_revision():
        profile.lead = "Rewritten.[^second]"
        profile.save()
        Fact.objects.filter(profile=profile).get().delete()
        Citation.objects.create(profile=profile, key="second", source=make_source())
        source.title = "Reading Rooms Close"
        source.save()
        rerender(profile)
    old = snapshot_of_revision(profile, first)
    assert old == before
    assert old.citations[0]["source_title"] == "Reading Rooms Reopen"
    assert snapshot_of_profile(profile).citations[0]["source_title"] == "Reading Rooms Close"


def test_an_old_revision_keeps_its_stored_rendering_and_reference_numbers():
    profile = make_profile(lead="Claim.[^first]", body="## A\n\nMore.[^first]")
    first = latest_revision(profile)
    stored_html = profile.lead_html
    edit(profile, lead="Changed claim.[^first]")
    old = load_profile_revision(profile.pk, first.pk)
    assert old.profile.lead_html == stored_html
    assert old.profile.references == profile.references


def test_a_revision_of_another_profile_is_not_found():
    profile, other = make_profile(), make_profile("Other Fund")
    assert load_profile_revision(profile.pk, latest_revision(other).pk) is None
    with pytest.raises(LookupError):
        snapshot_of_revision(profile, latest_revision(other))


def test_a_revision_whose_fields_were_renamed_is_unavailable_not_blank():
    profile = make_profile()
    revision = latest_revision(profile)
    version = Version.objects.get_for_object(profile).get(revision=revision)
    data = json.loads(version.serialized_data)
    data[0]["fields"]["summary"] = data[0]["fields"].pop("lead")
    version.serialized_data = json.dumps(data)
    version.save()
    old = load_profile_revision(profile.pk, revision.pk)
    assert old.problems and "summary" in old.problems[0]
    assert old.stored[0].fields["summary"] == profile.lead
    with pytest.raises(RevisionUnavailable):
        snapshot_of_revision(profile, revision)


def test_a_fact_label_deleted_since_is_shown_under_a_stand_in_name():
    label = FactLabel.objects.create(name="Mascot")
    profile = make_profile(facts=[("Mascot", "A heron")])
    revision = latest_revision(profile)
    with reversion.create_revision():
        Fact.objects.filter(profile=profile).delete()
        rerender(profile)
    label.delete()
    assert snapshot_of_revision(profile, revision).facts == [("(deleted label)", "A heron", None)]
