from django.urls import path

from zicht.baseline import views

app_name = "baseline"
urlpatterns = [
    path("", views.regional, name="regional"),
    path("gemeente/<str:cbs_code>/", views.municipality, name="municipality"),
    path("gemeente/<str:cbs_code>/status/", views.record_status, name="record_status"),
    path("gemeente/<str:cbs_code>/afdelingen/", views.add_department, name="add_department"),
    path("gemeente/<str:cbs_code>/trainingen/", views.record_training, name="record_training"),
]
