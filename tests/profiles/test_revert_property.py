"""Random edit sequences, then a revert to a random earlier revision: the live profile must
equal that revision, with exactly one revision added and none deleted."""

import itertools
from datetime import date

import pytest
import reversion
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Revision, Version

from profiles.diffs import snapshot_of_profile
from profiles.models import Citation, Fact, FactLabel, ProfileType
from profiles.revisions import latest_revision, load_profile_revision, snapshot_of_revision
from profiles.services import revert_profile
from tests.factories import make_profile, make_source, rerender

pytestmark = pytest.mark.django_db

KEYS = ["k1", "k2", "k3", "k4"]
LABELS = ["Website", "Budget", "Founders"]
TYPES = ["Housing Advocacy", "Labor Organizing", "Policy Research"]
_examples = itertools.count()

chunks = st.sampled_from(
    ["Tenants", " organize", " in Riverton.", "\n\n", "## Funding\n\n", "[[Alder Fund]]"]
    + [f"[^{key}]" for key in KEYS]
)
texts = st.lists(chunks, max_size=8).map("".join)
short = st.text(alphabet="abcdef XYZ-,.", max_size=20)
dates = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
index = st.integers(min_value=0, max_value=5)
adding = st.one_of(
    st.tuples(st.just("add_fact"), st.sampled_from(LABELS), texts, dates),
    st.tuples(st.just("add_citation"), st.sampled_from(KEYS), index, short, dates),
)
steps = st.one_of(
    adding,  # rows added after the target revision are what a revert must delete
    st.tuples(st.just("lead"), texts),
    st.tuples(st.just("body"), texts),
    st.tuples(st.just("name"), st.sampled_from(["Alder Fund", "Alder Trust", "Alder Group"])),
    st.tuples(st.just("slug"), st.sampled_from(["a", "b", "c"])),
    st.tuples(st.just("location"), short),
    st.tuples(st.just("aliases"), st.lists(short, max_size=3).map("\n".join)),
    st.tuples(st.just("published"), st.booleans()),
    st.tuples(st.just("types"), st.sets(st.sampled_from(TYPES))),
    st.tuples(st.just("add_fact"), st.sampled_from(LABELS), texts, dates),
    st.tuples(st.just("edit_fact"), index, texts, dates),
    st.tuples(st.just("move_fact"), index, index),
    st.tuples(st.just("drop_fact"), index),
    st.tuples(st.just("add_citation"), st.sampled_from(KEYS), index, short, dates),
    st.tuples(st.just("edit_citation"), index, index, short, dates),
    st.tuples(st.just("rename_citation"), index, st.sampled_from(KEYS)),
    st.tuples(st.just("swap_citation_keys"), index),
    st.tuples(st.just("drop_citation"), index),
)


def nth(queryset, position):
    rows = list(queryset)
    return rows[position % len(rows)] if rows else None


def apply(profile, step, sources, example):
    kind, *args = step
    if kind in {"lead", "body", "name", "location", "aliases", "published"}:
        setattr(profile, kind, args[0])
    elif kind == "slug":
        old_slug, profile.slug = profile.slug, f"alder-{example}-{args[0]}"
        if old_slug != profile.slug:
            profile.remember_former_slug(old_slug)
    elif kind == "types":
        profile.types.set(ProfileType.objects.get_or_create(name=name)[0] for name in args[0])
    elif kind == "add_fact":
        label, value, as_of = args
        position = profile.facts.count()
        label = FactLabel.objects.get(name=label)
        Fact.objects.create(
            profile=profile, label=label, value=value, as_of=as_of, position=position
        )
    elif fact := (nth(profile.facts.all(), args[0]) if "fact" in kind else None):
        if kind == "edit_fact":
            fact.value, fact.as_of = args[1], args[2]
            fact.save()
        elif kind == "move_fact":
            fact.position = args[1]
            fact.save()
        else:
            fact.delete()
    elif kind == "add_citation":
        key, source, pinpoint, accessed = args
        if not profile.citations.filter(key=key).exists():
            Citation.objects.create(
                profile=profile,
                key=key,
                source=sources[source % len(sources)],
                pinpoint=pinpoint,
                accessed=accessed,
            )
    elif citation := (nth(profile.citations.all(), args[0]) if "citation" in kind else None):
        if kind == "edit_citation":
            citation.source = sources[args[1] % len(sources)]
            citation.pinpoint, citation.accessed = args[2], args[3]
            citation.save()
        elif kind == "rename_citation":
            if not profile.citations.filter(key=args[1]).exists():
                citation.key = args[1]
                citation.save()
        elif kind == "swap_citation_keys":
            other = nth(profile.citations.all(), args[0] + 1)
            if other == citation:
                return
            first_key, second_key = citation.key, other.key
            citation.key = "swapping"
            citation.save()
            other.key, citation.key = first_key, second_key
            other.save()
            citation.save()
        else:
            citation.delete()
    profile.save()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(steps, min_size=1, max_size=12), data=st.data())
def test_reverting_to_any_earlier_revision_restores_it_exactly(editor, edits, data):
    savepoint = transaction.savepoint()
    try:
        example = next(_examples)
        sources = [make_source(title=f"Report {n}") for n in range(3)]
        profile = make_profile(
            "Alder Fund",
            slug=f"alder-{example}",
            lead="Tenants.[^k1] Landlords.[^k2]",
            citations={"k1": sources[0], "k2": sources[1]},
        )
        revisions = [latest_revision(profile).pk]
        for number, step in enumerate(edits):
            with reversion.create_revision():
                reversion.set_user(editor)
                reversion.set_comment(f"Step {number}: {step[0]}")
                apply(profile, step, sources, example)
                rerender(profile)
            revisions.append(latest_revision(profile).pk)

        target = data.draw(st.sampled_from(revisions[:-1]), label="revert to")
        wanted = snapshot_of_revision(profile, target)
        stored = load_profile_revision(profile.pk, target).profile
        revision_count = Revision.objects.count()
        version_ids = set(Version.objects.values_list("pk", flat=True))
        already_there = snapshot_of_profile(profile) == wanted

        new = revert_profile(profile, target, user=editor).revision

        profile.refresh_from_db()
        assert snapshot_of_profile(profile) == wanted
        assert (profile.lead_html, profile.body_html) == (stored.lead_html, stored.body_html)
        assert profile.references == stored.references
        if already_there:  # a revert that changes nothing writes nothing
            assert new is None
            assert Revision.objects.count() == revision_count
            return
        assert Revision.objects.count() == revision_count + 1
        assert version_ids < set(Version.objects.values_list("pk", flat=True))
        assert new.comment == f"Reverted to revision {target}"
        assert new.user == editor
        assert snapshot_of_revision(profile, new) == wanted
    finally:
        transaction.savepoint_rollback(savepoint)
