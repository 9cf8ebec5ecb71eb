from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("profiles.api")),
    path("", include("editorial.urls")),
    path("", include("profiles.urls")),
]

handler404 = "profiles.errors.page_not_found"
