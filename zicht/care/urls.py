from django.urls import path

from zicht.care import shelter_views, views

app_name = "care"
urlpatterns = [
    path("", views.trajectory_list, name="trajectory_list"),
    path("opvang/", shelter_views.shelter_overview, name="shelter_overview"),
    path(
        "casussen/<int:case_id>/personen/<int:person_id>/opvang/",
        shelter_views.request_placement,
        name="request_placement",
    ),
    path(
        "opvang/plaatsingen/<int:placement_id>/",
        shelter_views.placement_detail,
        name="placement_detail",
    ),
    path(
        "opvang/plaatsingen/<int:placement_id>/besluit/",
        shelter_views.decide_placement,
        name="decide_placement",
    ),
    path(
        "opvang/plaatsingen/<int:placement_id>/beeindigen/",
        shelter_views.end_placement,
        name="end_placement",
    ),
    path("trajecten/<int:trajectory_id>/", views.trajectory_detail, name="trajectory_detail"),
    path(
        "casussen/<int:case_id>/personen/<int:person_id>/openen/",
        views.open_trajectory,
        name="open_trajectory",
    ),
    path(
        "trajecten/<int:trajectory_id>/stap/<str:transition>/",
        views.take_step,
        name="take_step",
    ),
    path("trajecten/<int:trajectory_id>/doelen/", views.add_goal, name="add_goal"),
    path("doelen/<int:goal_id>/status/", views.set_goal_status, name="set_goal_status"),
    path(
        "trajecten/<int:trajectory_id>/aanbieders/", views.involve_provider, name="involve_provider"
    ),
    path("trajecten/<int:trajectory_id>/contacten/", views.record_contact, name="record_contact"),
    path(
        "trajecten/<int:trajectory_id>/bedenktijd/", views.start_reflection, name="start_reflection"
    ),
    path(
        "trajecten/<int:trajectory_id>/bedenktijd/verlengen/",
        views.extend_reflection,
        name="extend_reflection",
    ),
    path(
        "trajecten/<int:trajectory_id>/bedenktijd/besluit/",
        views.reflection_decision,
        name="reflection_decision",
    ),
]
