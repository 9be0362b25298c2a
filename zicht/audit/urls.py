from django.urls import path

from zicht.audit import views

app_name = "audit"
urlpatterns = [path("toegangslog/", views.access_log, name="access_log")]
