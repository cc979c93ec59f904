"""The finance app's pages."""

from django.urls import path

from . import views_investments

app_name = "finance"

urlpatterns = [
    path("investments/", views_investments.plan, name="investments"),
    path("investments/new/", views_investments.edit, name="investment_new"),
    path("investments/<int:pk>/", views_investments.project, name="investment"),
    path("investments/<int:pk>/edit/", views_investments.edit, name="investment_edit"),
]
