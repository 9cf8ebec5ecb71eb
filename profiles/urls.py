from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from profiles import views
from profiles.sitemaps import SITEMAPS

app_name = "profiles"

urlpatterns = [
    path("", views.home, name="home"),
    path("profiles/", views.profile_browse, name="browse"),
    path("profiles/<slug:slug>/", views.profile_detail, name="detail"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("search/", views.search_results, name="search"),
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
