from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.home, name="home"),
    path("profiles/", views.profile_browse, name="browse"),
    path("profiles/<slug:slug>/", views.profile_detail, name="detail"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
]
