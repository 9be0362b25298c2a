from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("zicht.casework.urls")),
    path("meldingen/", include("zicht.intake.urls")),
    path("melden/", include("zicht.portal.urls")),
    path("account/", include("zicht.accounts.urls")),
    path("beheer/", include("zicht.audit.urls")),
    path("monitor/", include("zicht.monitor.urls")),
    path("zorg/", include("zicht.care.urls")),
    path("casustafel/", include("zicht.casetable.urls")),
    path("handhaving/", include("zicht.enforcement.urls")),
    path("basisniveau/", include("zicht.baseline.urls")),
    path("barrieremodel/", include("zicht.barriers.urls")),
    path("privacy/", include("zicht.privacy.urls")),
    path("", include("zicht.linkage.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that do not name an icon.
    path("favicon.ico", RedirectView.as_view(url=static("zicht/favicon.svg"), permanent=True)),
]

handler500 = "zicht.lib.error_pages.server_error"
