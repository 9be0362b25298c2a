from django.urls import path

from zicht.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
    path("melding/", views.report, name="report"),
    path("melding/<uuid:submission_key>/", views.report, name="report_form"),
    path("status/", views.status, name="status"),
    path("status/bericht/", views.send_message, name="send_message"),
    path("status/sluiten/", views.leave, name="leave"),
    path("privacy/", views.privacy, name="privacy"),
    path("uitdaging/", views.proof_challenge, name="challenge"),
    path("medewerker/melding/<int:receipt_id>/antwoord/", views.staff_reply, name="staff_reply"),
    path("medewerker/bijlage/<int:attachment_id>/", views.attachment, name="attachment"),
]
