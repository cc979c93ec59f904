from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.document_new, name="new"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/versions/", views.document_upload, name="upload"),
    path("<int:pk>/status/", views.document_status, name="status"),
    path("<int:pk>/access/", views.document_access, name="access"),
    path("<int:pk>/versions/<int:number>/download/", views.download, name="download"),
]
