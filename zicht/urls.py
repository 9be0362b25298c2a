from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("zicht.casework.urls")),
    path("meldingen/", include("zicht.intake.urls")),
    path("melden/", include("zicht.portal.urls")),
    path("account/", include("zicht.accounts.urls")),
    path("beheer/", include("zicht.audit.urls")),
    path("monitor/", include("zicht.monitor.urls")),
    path("", include("zicht.linkage.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
