"""The site's URLs: pages per app, the API, feeds, the admin and the health check."""

from django.contrib import admin
from django.urls import include, path

from arshjul.api import api
from arshjul.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("arshjul.accounts.urls")),
    path("", include("arshjul.process.urls")),
]
