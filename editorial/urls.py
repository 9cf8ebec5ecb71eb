from django.urls import path, register_converter

from editorial import follow_views, views


class TrackingTokenConverter:
    """The alphabet of secrets.token_urlsafe: anything else (a NUL byte, which PostgreSQL
    refuses in a query) is a 404 before the database sees it."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class SignedLinkConverter(TrackingTokenConverter):
    """What django.core.signing.dumps makes: URL-safe base64 and ":" (a leading "." marks a
    compressed payload)."""

    regex = "[A-Za-z0-9_:.-]+"


register_converter(TrackingTokenConverter, "token")
register_converter(SignedLinkConverter, "signed")

app_name = "editorial"

urlpatterns = [
    path("profiles/<slug:slug>/suggest/", views.suggest_edit, name="suggest_edit"),
    path(
        "profiles/<slug:slug>/suggest/preview/",
        views.suggest_edit_preview,
        name="suggest_edit_preview",
    ),
    path("profiles/<slug:slug>/suggest/send/", views.suggest_edit_send, name="suggest_edit_send"),
    path("profiles/<slug:slug>/report/", views.report_error, name="report_error"),
    path(
        "profiles/<slug:slug>/connections/suggest/",
        views.suggest_connection,
        name="suggest_connection",
    ),
    path(
        "profiles/<slug:slug>/connections/suggest/send/",
        views.suggest_connection_send,
        name="suggest_connection_send",
    ),
    path("profiles/<slug:slug>/report/send/", views.report_error_send, name="report_error_send"),
    path("profiles/<slug:slug>/follow/", follow_views.follow, name="follow"),
    path("profiles/<slug:slug>/follow/send/", follow_views.follow_send, name="follow_send"),
    path("profiles/<slug:slug>/follow/sent/", follow_views.follow_sent, name="follow_sent"),
    path("follows/<signed:signed>/confirm/", follow_views.follow_confirm, name="follow_confirm"),
    path(
        "follows/<signed:signed>/unsubscribe/",
        follow_views.follow_unsubscribe,
        name="follow_unsubscribe",
    ),
    path("sources/lookup/", views.source_lookup, name="source_lookup"),
    path("tips/new/", views.tip_new, name="tip_new"),
    path("tips/new/send/", views.tip_new_send, name="tip_new_send"),
    path("suggestions/<token:token>/", views.tracking, name="tracking"),
    path("suggestions/<token:token>/sent/", views.suggestion_sent, name="sent"),
    path("suggestions/<token:token>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "suggestions/<token:token>/confirm/<token:key>/",
        views.confirm_email,
        name="confirm_email",
    ),
]
