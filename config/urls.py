from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Sourcebook editors' desk"
admin.site.site_title = "Sourcebook editors"
admin.site.index_title = "The review queue, profiles and sources"
# The queue and the review page need the width more than a second menu.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("profiles.api")),
    path("", include("editorial.urls")),
    path("", include("profiles.urls")),
]

handler404 = "profiles.errors.page_not_found"
handler500 = "profiles.errors.server_error"
