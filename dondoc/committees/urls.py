from django.urls import path

from . import views

app_name = "committees"
urlpatterns = [
    path("", views.home, name="home"),
    path("moi/", views.committee_create, name="create"),
    path("<int:pk>/", views.committee_detail, name="detail"),
    path("<int:pk>/sua/", views.committee_edit, name="edit"),
    path("<int:pk>/cua-toi/", views.my_view, name="mine"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("<int:pk>/thanh-vien/<int:mid>/", views.member_view, name="member"),
    path("<int:pk>/thanh-vien/<int:mid>/sua/", views.member_edit, name="member_edit"),
    path("<int:pk>/thanh-vien/<int:mid>/xoa/", views.member_remove, name="member_remove"),
    path("<int:pk>/phien-hop/moi/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/du-thao/", views.draft_plan, name="draft"),
    path("phien-hop/<int:pk>/", views.meeting_detail, name="meeting"),
    path("phien-hop/<int:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("phien-hop/<int:pk>/ket-luan/", views.draft_conclusion, name="conclusion"),
]
