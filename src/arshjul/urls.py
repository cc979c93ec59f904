"""The site's URLs: pages per app, the API, feeds, the admin and the health check."""

from django.contrib import admin
from django.urls import include, path

from arshjul.api import api
from arshjul.core.views import choose_language, healthz

handler400 = "arshjul.core.views.bad_request"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("language/<str:code>/", choose_language, name="choose_language"),
    path("accounts/", include("arshjul.accounts.urls")),
    path("feedback/", include("arshjul.feedback.urls")),
    path("documents/", include("arshjul.documents.urls")),
    path("me/notifications/", include("arshjul.notifications.urls")),
    path("meetings/", include("arshjul.meetings.urls")),
    path("finance/", include("arshjul.finance.urls")),
    path("", include("arshjul.process.urls")),
]
