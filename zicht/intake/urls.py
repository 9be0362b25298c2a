from django.urls import path

from zicht.intake import views

app_name = "intake"
urlpatterns = [
    path("nieuw/", views.new_report, name="new_report"),
    path("nieuw/<uuid:submission_key>/", views.new_report, name="report_form"),
    path("<int:report_id>/", views.report_detail, name="report_detail"),
    path("casus/<int:case_id>/aanvullen/", views.enrich_case, name="enrich_case"),
]
