from django.urls import path

from . import views_frames as views

FRAMES = "cycles/<slug:slug>/scenarios/<int:pk>/frames/"
urlpatterns = [
    path(FRAMES, views.frames, name="frames"),
    path(f"{FRAMES}difference/", views.difference, name="frames_difference"),
    path(f"{FRAMES}versions/new/", views.version_new, name="frames_version_new"),
    path(f"{FRAMES}versions/<int:vid>/adopt/", views.version_adopt, name="frames_adopt"),
    path(f"{FRAMES}versions/<int:vid>/base/", views.base_frames, name="frames_base"),
    path(f"{FRAMES}versions/<int:vid>/items/", views.item_new, name="frames_item_new"),
    path(
        f"{FRAMES}versions/<int:vid>/items/<int:item>/remove/",
        views.item_remove,
        name="frames_item_remove",
    ),
    path(f"{FRAMES}versions/<int:vid>/balance/", views.balance_note, name="frames_balance_note"),
]
