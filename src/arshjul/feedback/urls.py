from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/status/", views.move, name="move"),
    path("cycles/<slug:slug>/", views.dashboard, name="dashboard"),
    path("cycles/<slug:slug>/start/", views.start, name="start"),
    path("cycles/<slug:slug>/compilation/", views.compilation, name="compilation"),
    path("cycles/<slug:slug>/compilation.docx", views.compilation_docx, name="compilation_docx"),
    path("cycles/<slug:slug>/compilation.pdf", views.compilation_pdf, name="compilation_pdf"),
    path("cycles/<slug:slug>/summary/", views.summary, name="summary"),
    path("cycles/<slug:slug>/summary/start/", views.summary_start, name="summary_start"),
    path("cycles/<slug:slug>/summary/status/", views.summary_move, name="summary_move"),
    path("cycles/<slug:slug>/summary/file/", views.summary_file, name="summary_file"),
    path("cycles/<slug:slug>/summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("cycles/<slug:slug>/summary.docx", views.summary_docx, name="summary_docx"),
]
