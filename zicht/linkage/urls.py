from django.urls import path

from zicht.linkage import views

# Mounted at the root: the case check sits beside the case page it belongs to.
app_name = "linkage"
urlpatterns = [
    path("koppelen/bekend/", views.known_while_registering, name="known_while_registering"),
    path("casussen/<int:case_id>/bekend/", views.known_check, name="known_check"),
]
