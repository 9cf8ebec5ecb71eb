"""The public JSON shape of profiles, sources and revisions, for /api/ (profiles.api).

Only what a reader may see: no editors' notes on sources, nothing from suggestions.
"""

from rest_framework import serializers

from profiles.models import Category, Citation, Fact, Profile, ProfileType, Source


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


class ProfileDetailSerializer(ProfileSummarySerializer):
    """Everything a profile page shows, in Markdown and as the rendered HTML."""

    facts = FactSerializer(many=True)
    citations = CitationSerializer(many=True)
    current_revision = serializers.IntegerField(source="current_revision_id", allow_null=True)

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
        ]


class RevisionSerializer(serializers.Serializer):
    """One revision of a profile, from its reversion Version."""

    id = serializers.IntegerField(source="revision_id")
    date = serializers.DateTimeField(source="revision.date_created")
    user = serializers.SerializerMethodField()
    comment = serializers.CharField(source="revision.comment")

    def get_user(self, version):
        user = version.revision.user
        if user is None:
            return None
        return user.get_full_name() or user.get_username()
