"""Pages of the reporting cycle, under /bao-cao/."""

from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.due, name="due"),
    path("phoi-hop/<int:task_id>/", views.contribute, name="contribute"),
    path("duyet/", views.review_list, name="review"),
    path("duyet/<int:pk>/", views.review_report, name="review_report"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("day-du/", views.grid, name="grid"),
    path("kho-khan/", views.obstacles, name="obstacles"),
    path("kho-khan/<int:pk>/", views.obstacle_detail, name="obstacle"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("che-do/", views.schedules, name="schedules"),
    path("che-do/<int:pk>/", views.schedule_detail, name="schedule"),
    path("ky/<int:pk>/khoa/", views.period_lock, name="period_lock"),
]
