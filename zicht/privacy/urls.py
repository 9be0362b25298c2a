from django.urls import path

from zicht.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("verzoeken/nieuw/", views.new_request, name="new_request"),
    path("verzoeken/<int:pk>/", views.request_detail, name="request_detail"),
    path("verzoeken/<int:pk>/inzage.pdf", views.dossier_pdf, name="dossier_pdf"),
    path("bewaartermijnen/", views.retention, name="retention"),
    path("bewaartermijnen/bewaarplicht/", views.hold, name="hold"),
    path("bewaartermijnen/bewaarplicht/<int:pk>/opheffen/", views.lift, name="lift_hold"),
]
