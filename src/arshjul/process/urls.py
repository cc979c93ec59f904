from django.urls import path

from . import feeds, views

app_name = "process"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.mine, name="mine"),
    path("wheel/", views.wheel, name="wheel"),
    path("cycles/", views.cycle_list, name="cycles"),
    path("cycles/<slug:slug>/", views.cycle_detail, name="cycle"),
    path("cycles/<slug:slug>/publish/", views.cycle_publish, name="cycle_publish"),
    path("cycles/<slug:slug>/timeline/", views.timeline, name="timeline"),
    path("cycles/<slug:slug>/steps/<slug:key>/", views.step_detail, name="step"),
    path(
        "cycles/<slug:slug>/steps/<slug:key>/<str:action>/",
        views.step_change,
        name="step_change",
    ),
    path("feeds/cycles/<slug:slug>.ics", feeds.cycle_feed, name="cycle_feed"),
    path("feeds/bodies/<slug:organisation>/<slug:slug>.ics", feeds.body_feed, name="body_feed"),
    path("feeds/people/<str:token>.ics", feeds.person_feed, name="person_feed"),
]
