from django.urls import path

from zicht.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("casussen/", views.case_list, name="case_list"),
    path("casussen/<int:case_id>/", views.case_detail, name="case_detail"),
    path("casussen/<int:case_id>/stap/<str:transition>/", views.take_step, name="take_step"),
    path("casussen/<int:case_id>/acties/", views.add_action, name="add_action"),
    path("acties/<int:action_id>/afronden/", views.complete_action, name="complete_action"),
    path("overdrachten/<int:handover_id>/", views.decide_handover, name="decide_handover"),
    path("casussen/<int:case_id>/terugkoppeling/", views.give_feedback, name="give_feedback"),
    path(
        "casussen/<int:case_id>/veiligheidsrisico/", views.flag_safety_risk, name="flag_safety_risk"
    ),
    path("casussen/<int:case_id>/koppelen/", views.link_case, name="link_case"),
    path("terugkoppeling/te-laat/", views.overdue_feedback, name="overdue_feedback"),
]
