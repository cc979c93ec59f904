"""The finance app's pages."""

from django.urls import path

from . import (
    views,
    views_excel,
    views_index,
    views_investments,
    views_party,
    views_proposals,
    views_settings,
    views_units,
)
from .urls_frames import urlpatterns as frames_urlpatterns

app_name = "finance"
urlpatterns = [
    path("", views_index.index, name="index"),
    path("cycles/<slug:slug>/scenarios/", views.scenarios, name="scenarios"),
    path("cycles/<slug:slug>/scenarios/new/", views.scenario_new, name="scenario_new"),
    path("cycles/<slug:slug>/scenarios/<int:pk>/", views.scenario_edit, name="scenario_edit"),
    path("investments/", views_investments.plan, name="investments"),
    path("investments/new/", views_investments.edit, name="investment_new"),
    path("investments/<int:pk>/", views_investments.project, name="investment"),
    path("investments/<int:pk>/edit/", views_investments.edit, name="investment_edit"),
]
urlpatterns += frames_urlpatterns

PARTY = "cycles/<slug:slug>/scenarios/<int:pk>/frames/party/<int:ppk>/"
urlpatterns += [
    path(
        "cycles/<slug:slug>/scenarios/<int:pk>/frames/party/new/",
        views_party.proposal_new,
        name="party_proposal_new",
    ),
    path(PARTY, views_party.proposal, name="party_proposal"),
    path(f"{PARTY}items/", views_party.item_new, name="party_item_new"),
    path(f"{PARTY}items/<int:item>/remove/", views_party.item_remove, name="party_item_remove"),
    path(f"{PARTY}table/", views_party.table, name="party_table"),
]
UNITS = "cycles/<slug:slug>/scenarios/<int:pk>/frames/versions/<int:vid>/units/<int:body_id>/<int:year>/"
urlpatterns += [
    path(UNITS, views_units.unit_budgets, name="unit_budgets"),
    path(f"{UNITS}<int:unit_id>/amount/", views_units.unit_amount, name="unit_amount"),
    path(
        f"{UNITS}<int:unit_id>/consultation/",
        views_units.unit_consultation,
        name="unit_consultation",
    ),
    path(f"{UNITS}<int:unit_id>/approve/", views_units.unit_approve, name="unit_approve"),
]

urlpatterns += [
    path("settings/", views_settings.settings_page, name="settings"),
    path(
        "cycles/<slug:slug>/scenarios/<int:pk>/capital-costs/",
        views_settings.capital_costs_page,
        name="capital_costs",
    ),
]

# Excel download and upload (finance.views_excel).
SCENARIO = "cycles/<slug:slug>/scenarios/<int:pk>/"
VERSION = "cycles/<slug:slug>/scenarios/<int:pk>/frames/versions/<int:vid>/"
urlpatterns += [
    path(f"{SCENARIO}excel/", views_excel.assumptions_export, name="excel_assumptions"),
    path(
        f"{SCENARIO}excel/import/", views_excel.assumptions_import, name="excel_assumptions_import"
    ),
    path(f"{SCENARIO}excel/everything/", views_excel.everything_export, name="excel_everything"),
    path(f"{SCENARIO}excel/skr/", views_excel.skr_import, name="excel_skr_import"),
    path(f"{VERSION}excel/", views_excel.frames_export, name="excel_frames"),
    path(f"{VERSION}excel/import/", views_excel.frames_import, name="excel_frames_import"),
    path("investments/excel/", views_excel.investments_export, name="excel_investments"),
    path(
        "investments/excel/import/",
        views_excel.investments_import,
        name="excel_investments_import",
    ),
    path(f"{UNITS}excel/", views_excel.units_export, name="excel_units"),
    path(f"{UNITS}excel/import/", views_excel.units_import, name="excel_units_import"),
]

PROPOSALS = "cycles/<slug:slug>/scenarios/<int:pk>/frames/proposals/"
urlpatterns += [
    path(
        "cycles/<slug:slug>/scenarios/<int:pk>/frames/versions/<int:vid>/proposals/",
        views_proposals.proposal_new,
        name="proposal_new",
    ),
    path(
        f"{PROPOSALS}<int:prid>/take-in/", views_proposals.proposal_take_in, name="proposal_take_in"
    ),
    path(
        f"{PROPOSALS}<int:prid>/decline/", views_proposals.proposal_decline, name="proposal_decline"
    ),
    path(
        f"{PROPOSALS}<int:prid>/withdraw/",
        views_proposals.proposal_withdraw,
        name="proposal_withdraw",
    ),
]
