from django.urls import path

from . import views, views_agenda, views_attendance

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
urlpatterns += [
    path("<int:pk>/agenda/add/", views_agenda.item_add, name="item_add"),
    path("<int:pk>/agenda/<int:item_pk>/edit/", views_agenda.item_edit, name="item_edit"),
    path("<int:pk>/agenda/<int:item_pk>/move/", views_agenda.item_move, name="item_move"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views_agenda.item_remove, name="item_remove"),
    path(
        "<int:pk>/agenda/<int:item_pk>/documents/add/",
        views_agenda.document_add,
        name="item_document_add",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/documents/<int:doc_pk>/remove/",
        views_agenda.document_remove,
        name="item_document_remove",
    ),
    path("<int:pk>/agenda/<int:item_pk>/state/", views_agenda.item_state, name="item_state"),
    path(
        "<int:pk>/agenda/<int:item_pk>/decision/", views_agenda.item_decision, name="item_decision"
    ),
    path("<int:pk>/minutes/write/", views_agenda.minutes_write, name="minutes_write"),
    path("<int:pk>/minutes/upload/", views_agenda.minutes_upload, name="minutes_upload"),
    path("<int:pk>/tasks/add/", views_agenda.task_add, name="task_add"),
    path("<int:pk>/tasks/<int:task_pk>/done/", views_agenda.task_done, name="task_done"),
    path("<int:pk>/tasks/<int:task_pk>/remove/", views_agenda.task_remove, name="task_remove"),
]
