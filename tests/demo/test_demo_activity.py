from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from editorial.models import Suggestion
from editorial.services import approve_suggestion
from profiles.models import Profile

# The demo content is loaded once for the module; each test adds the activity to it.
pytestmark = pytest.mark.usefixtures("demo")


def load_demo_with_activity():
    out = StringIO()
    call_command("load_demo", force=True, with_activity=True, stdout=out)
    return out.getvalue()


def test_the_demo_activity_gives_a_history_to_compare_and_a_queue_to_review():
    output = load_demo_with_activity()
    assert "Demo activity: a suggested edit to Riverton Tenants Alliance." in output
    union = Profile.objects.get(slug="westmarch-service-workers-local-417")
    versions = Version.objects.get_for_object(union)
    assert versions.count() == 3  # created, connected, revised
    assert "2024 report" in versions.first().revision.comment
    assert "about 15,500" in union.lead_html
    pending = Suggestion.objects.pending().exclude(kind="relationship")
    assert sorted(pending.values_list("kind", flat=True)) == ["edit", "tip"]


def test_loading_the_demo_with_activity_twice_adds_nothing_more():
    load_demo_with_activity()
    before = (Suggestion.objects.count(), Version.objects.count())
    assert "Demo activity" not in load_demo_with_activity()
    assert (Suggestion.objects.count(), Version.objects.count()) == before


def test_the_demo_suggestion_can_be_approved_as_it_stands(editor):
    load_demo_with_activity()
    suggestion = Suggestion.objects.get(kind="edit")
    approve_suggestion(suggestion=suggestion, editor=editor, note="Thanks, confirmed.")
    flagship = Profile.objects.get(slug="riverton-tenants-alliance")
    assert "dues of $30" in flagship.lead_html
