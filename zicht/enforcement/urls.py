from django.urls import path

from zicht.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.home, name="home"),
    path("locaties/nieuw/", views.establishment_new, name="establishment_new"),
    path(
        "locaties/<int:establishment_id>/", views.establishment_detail, name="establishment_detail"
    ),
    path("locaties/<int:establishment_id>/vergunningen/", views.add_permit, name="add_permit"),
    path(
        "locaties/<int:establishment_id>/controles/", views.plan_inspection, name="plan_inspection"
    ),
    path("locaties/<int:establishment_id>/maatregelen/", views.draft_measure, name="draft_measure"),
    path("controles/<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path(
        "controles/<int:inspection_id>/uitvoering/",
        views.record_inspection,
        name="record_inspection",
    ),
    path("controles/<int:inspection_id>/personen/", views.register_person, name="register_person"),
    path("controles/<int:inspection_id>/melden/", views.report_finding, name="report_finding"),
    path("maatregelen/<int:measure_id>/", views.measure_detail, name="measure_detail"),
    path("maatregelen/<int:measure_id>/stap/<str:step>/", views.measure_step, name="measure_step"),
    path("maatregelen/<int:measure_id>/besluit/", views.measure_document, name="measure_document"),
]
