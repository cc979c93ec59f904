from django.urls import path

from . import views
from .urls_frames import urlpatterns as frames_urlpatterns

app_name = "finance"
urlpatterns = [
    path("cycles/<slug:slug>/scenarios/", views.scenarios, name="scenarios"),
    path("cycles/<slug:slug>/scenarios/new/", views.scenario_new, name="scenario_new"),
    path("cycles/<slug:slug>/scenarios/<int:pk>/", views.scenario_edit, name="scenario_edit"),
]
urlpatterns += frames_urlpatterns
