from django.urls import path

from zicht.linkage import views

app_name = "linkage"
urlpatterns = [path("bekend/", views.known_while_registering, name="known_while_registering")]
