from django.urls import path

from . import views, views_attendance

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.new, name="new"),
    path("from-step/<int:step_pk>/", views.from_step, name="from_step"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/when/", views.when, name="when"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/invitees/refresh/", views.invitees_refresh, name="invitees_refresh"),
    path("<int:pk>/invitees/add/", views.invitee_add, name="invitee_add"),
    path("<int:pk>/invitees/<int:invitee_pk>/remove/", views.invitee_remove, name="invitee_remove"),
    path("<int:pk>/majority/", views.majority, name="majority"),
    path("<int:pk>/attendance/", views_attendance.attendance_save, name="attendance"),
    path("<int:pk>/fees/rule/", views_attendance.fee_rule, name="fee_rule"),
    path("<int:pk>/fees.xlsx", views_attendance.fee_basis_export, name="fee_basis_xlsx"),
]
