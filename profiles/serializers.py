"""The public JSON shape of profiles, sources and revisions, for /api/ (profiles.api).

Only what a reader may see: no editors' notes on sources, nothing from suggestions.
"""

from django.urls import reverse
from rest_framework import serializers

from profiles.connections import shown_in_order
from profiles.history import public_details
from profiles.identifiers import identifiers_of
from profiles.licensing import content_license
from profiles.models import (
    REDACTABLE,
    Category,
    Citation,
    Fact,
    Filing,
    Profile,
    ProfileType,
    Relationship,
    RelationshipCitation,
    Source,
)
from profiles.redaction import hidden_parts, public_comment, public_user


class PageLinkField(serializers.Field):
    """The absolute address of the object's page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name", "is_person"]


class ProfileTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProfileType
        fields = ["slug", "name"]


class SourceSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:source")
    html_url = PageLinkField()

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "authors",
            "publication",
            "published_date",
            "date_precision",
            "kind",
            "url",
            "archive_url",
            "updated",
            "api_url",
            "html_url",
        ]


class SourceSummarySerializer(SourceSerializer):
    """A source in the index of sources, with how many published profiles cite it."""

    cited_by = serializers.IntegerField(source="citing_count")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "cited_by"]


class FactSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="label.name")

    class Meta:
        model = Fact
        fields = ["label", "value", "value_html", "as_of", "position"]


class CitationSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = Citation
        fields = ["key", "accessed", "pinpoint", "source"]


class RelationshipCitationSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = RelationshipCitation
        fields = ["accessed", "pinpoint", "source"]


class PartialDateField(serializers.Field):
    """A date at its precision, as ISO 8601 allows: "2019", "2019-03" or "2019-03-04"."""

    def __init__(self, date_field, precision_field, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.date_field, self.precision_field = date_field, precision_field

    def to_representation(self, obj):
        value = getattr(obj, self.date_field)
        if value is None:
            return None
        length = {"year": 4, "month": 7}.get(getattr(obj, self.precision_field), 10)
        return value.isoformat()[:length]


class ProfileLinkSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:profile", lookup_field="slug")

    class Meta:
        model = Profile
        fields = ["slug", "name", "api_url"]


class RelationshipSerializer(serializers.ModelSerializer):
    """A connection, as seen from both sides: the subject and object, the type's two labels."""

    type = serializers.CharField(source="type.slug")
    subject = ProfileLinkSerializer()
    object = ProfileLinkSerializer()
    labels = serializers.SerializerMethodField()
    start = PartialDateField("start_date", "start_precision")
    end = PartialDateField("end_date", "end_precision")
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    citations = RelationshipCitationSerializer(many=True)

    class Meta:
        model = Relationship
        fields = [
            "id",
            "type",
            "labels",
            "subject",
            "object",
            "role",
            "start",
            "end",
            "is_current",
            "amount",
            "currency",
            "citations",
        ]

    def get_labels(self, relationship):
        return {
            "subject": relationship.type.forward_label,
            "object": relationship.type.reverse_label,
        }


class ProfileConnectionSerializer(RelationshipSerializer):
    """A connection as one profile shows it: its label on this side and the other profile."""

    label = serializers.SerializerMethodField()
    other = serializers.SerializerMethodField()

    class Meta(RelationshipSerializer.Meta):
        fields = [
            "id",
            "type",
            "label",
            "other",
            "role",
            "start",
            "end",
            "is_current",
            "amount",
            "currency",
            "citations",
        ]

    def get_label(self, relationship):
        return relationship.type.label_for(relationship.side_of(self.context["profile"]))

    def get_other(self, relationship):
        other = relationship.other(self.context["profile"])
        return ProfileLinkSerializer(other, context=self.context).data


class ProfileSummarySerializer(serializers.ModelSerializer):
    category = CategorySerializer()
    types = ProfileTypeSerializer(many=True)
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    api_url = serializers.HyperlinkedIdentityField(view_name="api:profile", lookup_field="slug")
    html_url = PageLinkField()

    class Meta:
        model = Profile
        fields = [
            "slug",
            "name",
            "category",
            "location",
            "types",
            "aliases",
            "updated",
            "api_url",
            "html_url",
        ]


class FilingSerializer(serializers.ModelSerializer):
    """One yearly return: its figures in whole dollars and the source that cites it."""

    source = serializers.IntegerField(source="source_id")

    class Meta:
        model = Filing
        fields = [
            "tax_year",
            "form",
            "tax_period_end",
            "revenue",
            "expenses",
            "assets",
            "liabilities",
            "net_assets",
            "object_id",
            "source",
        ]


class ProfileDetailSerializer(ProfileSummarySerializer):
    """Everything a profile page shows, in Markdown and as the rendered HTML."""

    facts = FactSerializer(many=True)
    citations = CitationSerializer(many=True)
    relationships = serializers.SerializerMethodField()
    identifiers = serializers.SerializerMethodField()
    filings = FilingSerializer(many=True)
    current_revision = serializers.IntegerField(source="current_revision_id", allow_null=True)
    license = serializers.SerializerMethodField()

    class Meta(ProfileSummarySerializer.Meta):
        fields = ProfileSummarySerializer.Meta.fields + [
            "created",
            "current_revision",
            "lead",
            "body",
            "lead_html",
            "body_html",
            "toc",
            "references",
            "facts",
            "citations",
            "relationships",
            "identifiers",
            "filings",
            "license",
        ]

    def get_identifiers(self, profile):
        """Its EIN, FEC id and Wikidata item, each with the address of its record."""
        return [identifier.as_json() for identifier in identifiers_of(profile)]

    def get_license(self, profile):
        return content_license().as_data()

    def get_relationships(self, profile):
        """Its connections to published profiles, in the order its page shows them."""
        context = {**self.context, "profile": profile}
        shown = shown_in_order(profile, profile.connections)
        return ProfileConnectionSerializer(shown, many=True, context=context).data


class RevisionSerializer(serializers.Serializer):
    """One revision of a profile, from its reversion Version."""

    id = serializers.IntegerField(source="revision_id")
    date = serializers.DateTimeField(source="revision.date_created")
    user = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    hidden = serializers.SerializerMethodField()

    def get_user(self, version):
        """The author's display name; None when made by the site or hidden by an editor."""
        user = public_user(version.revision)
        if user is None:
            return None
        return user.get_full_name() or user.get_username()

    def get_comment(self, version):
        return public_comment(version.revision)

    def get_hidden(self, version):
        """What an editor hid of this revision: of "text", "comment", "user"."""
        return sorted(hidden_parts(version.revision), key=REDACTABLE.index)


class ChangeSerializer(serializers.Serializer):
    """One revision for mirrors (/api/changes/): when, by whom, why, and the published
    profiles it saved, each with the permanent link to it as that revision left it."""

    id = serializers.IntegerField(source="pk")
    date = serializers.DateTimeField(source="date_created")
    user = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    hidden = serializers.SerializerMethodField()
    profiles = serializers.SerializerMethodField()

    def get_user(self, revision):
        return public_details(revision).user

    def get_comment(self, revision):
        return public_details(revision).comment

    def get_hidden(self, revision):
        """What an editor hid of this revision: of "text", "comment", "user"."""
        return sorted(public_details(revision).hidden, key=REDACTABLE.index)

    def get_profiles(self, revision):
        request = self.context["request"]
        return [
            {
                "slug": profile.slug,
                "name": profile.name,
                "api_url": request.build_absolute_uri(reverse("api:profile", args=[profile.slug])),
                "revision_url": request.build_absolute_uri(
                    reverse("profiles:revision", args=[profile.slug, revision.pk])
                ),
            }
            for profile in revision.profiles
        ]
