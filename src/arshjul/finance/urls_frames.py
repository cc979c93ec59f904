from django.urls import path

from . import views_frames as views
from . import views_restoration

FRAMES = "cycles/<slug:slug>/scenarios/<int:pk>/frames/"
urlpatterns = [
    path(FRAMES, views.frames, name="frames"),
    path(f"{FRAMES}difference/", views.difference, name="frames_difference"),
    path(f"{FRAMES}versions/new/", views.version_new, name="frames_version_new"),
    path(f"{FRAMES}versions/<int:vid>/adopt/", views.version_adopt, name="frames_adopt"),
    path(f"{FRAMES}versions/<int:vid>/prepare/", views.version_prepare, name="frames_prepare"),
    path(f"{FRAMES}versions/<int:vid>/base/", views.base_frames, name="frames_base"),
    path(f"{FRAMES}versions/<int:vid>/items/", views.item_new, name="frames_item_new"),
    path(
        f"{FRAMES}versions/<int:vid>/items/<int:item>/remove/",
        views.item_remove,
        name="frames_item_remove",
    ),
    path(f"{FRAMES}versions/<int:vid>/balance/", views.balance_note, name="frames_balance_note"),
]

urlpatterns += [
    path(f"{FRAMES}deficits/", views_restoration.deficit_new, name="frames_deficit_new"),
    path(
        f"{FRAMES}deficits/<int:did>/",
        views_restoration.deficit_change,
        name="frames_deficit_change",
    ),
    path(
        f"{FRAMES}deficits/<int:did>/remove/",
        views_restoration.deficit_remove,
        name="frames_deficit_remove",
    ),
]
