from django.urls import path

from zicht.casetable import views

app_name = "casetable"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("tafels/<int:table_id>/overleg/", views.plan_meeting, name="plan_meeting"),
    path("overleggen/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("overleggen/<int:meeting_id>/agenda/", views.add_item, name="add_item"),
    path("overleggen/<int:meeting_id>/verslag/", views.record_minutes, name="record_minutes"),
    path("punten/<int:item_id>/", views.item_detail, name="item_detail"),
    path("punten/<int:item_id>/besluit/", views.decide, name="decide"),
    path("punten/<int:item_id>/maatregel/", views.record_measure, name="record_measure"),
    path(
        "punten/<int:item_id>/verdachte/<int:person_id>/",
        views.add_suspect_item,
        name="add_suspect_item",
    ),
]
