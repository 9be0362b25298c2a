from django.urls import path

from zicht.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dark-number/", views.dark_number, name="dark_number"),
    path("duiding/", views.add_interpretation, name="add_interpretation"),
    path("jaarverslag/", views.annual_report, name="annual_report"),
    path("exports/", views.exports_page, name="exports"),
    path("export/<str:kind>/", views.export, name="export"),
]
