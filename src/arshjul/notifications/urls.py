from django.urls import path

from . import views, views_outbox

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("language/", views.language, name="language"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("outbox/", views_outbox.failures, name="outbox"),
    path("outbox/<int:pk>/retry/", views_outbox.retry, name="outbox_retry"),
]
