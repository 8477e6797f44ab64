from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
    path("search/", views.search, name="search"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("orgs/", include("orgs.urls")),
    path("audit/", include("audit.urls")),
    path("inbox/", include("inbox.urls")),
    path("calendar/", include("workdays.urls")),
]

OPTIONAL_APPS = [("assignments", "assignments/"), ("rectification", "rectification/"),
                 ("ingestion", "documents/")]
for app, prefix in OPTIONAL_APPS:
    try:
        urlpatterns.append(path(prefix, include(f"{app}.urls")))
    except ModuleNotFoundError as exc:  # the app has no pages yet
        if exc.name != f"{app}.urls":
            raise
