from django.contrib.auth import views as auth_views
from django.urls import path

from zicht.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.ZichtLoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("verificatie/", views.verify, name="verify"),
    path("taal/", views.language, name="language"),
    path("rol/", views.choose_role, name="choose_role"),
    path("uitnodigen/", views.invite, name="invite"),
    path(
        "uitnodiging/<uidb64>/<token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]
