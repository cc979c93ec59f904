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
]
