from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from profiles import views
from profiles.feeds import ProfileHistoryFeed, RecentChangesFeed
from profiles.sitemaps import SITEMAPS
from profiles.workspace import views as workspace

app_name = "profiles"

urlpatterns = [
    path("", views.home, name="home"),
    path("profiles/", views.profile_browse, name="browse"),
    path("profiles/new/", workspace.new_profile, name="new"),
    path("profiles/workspace/preview/", workspace.preview, name="workspace_preview"),
    path("profiles/workspace/sources/", workspace.source_search, name="workspace_sources"),
    path("profiles/workspace/cite/", workspace.cite, name="workspace_cite"),
    path("profiles/<slug:slug>/", views.profile_detail, name="detail"),
    path("profiles/<slug:slug>/edit/", workspace.edit_profile, name="edit"),
    path("profiles/<slug:slug>/history/", views.profile_history, name="history"),
    path("profiles/<slug:slug>/history/feed/", ProfileHistoryFeed(), name="history_feed"),
    path(
        "profiles/<slug:slug>/revisions/<int:revision_id>/",
        views.profile_revision,
        name="revision",
    ),
    path(
        "profiles/<slug:slug>/revisions/<int:revision_id>/revert/",
        views.revert_confirm,
        name="revert_confirm",
    ),
    path(
        "profiles/<slug:slug>/revisions/<int:revision_id>/redact/",
        views.redact,
        name="redact",
    ),
    path("profiles/<slug:slug>/revert/", views.profile_revert, name="revert"),
    path("profiles/<slug:slug>/diff/", views.profile_diff, name="diff"),
    path("recent/", views.recent_changes, name="recent"),
    path("recent/feed/", RecentChangesFeed(), name="recent_feed"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("wanted/", views.wanted_profiles, name="wanted"),
    path("search/", views.search_results, name="search"),
    path("data/", views.open_data, name="data"),
    path("data/sourcebook-profiles.json.gz", views.data_dump_file, name="data_dump"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "profiles:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
