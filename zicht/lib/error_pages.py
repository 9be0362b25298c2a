"""The server error page, and the page for when the database is briefly away.

Django calls `handler500` inside the handling of the uncaught exception, so the exception
is still at hand. A database that cannot be reached or that broke off the connection (a
restart, a fail-over) is a passing state, not a fault of zicht: the answer is 503 with
Retry-After and a page saying what happened to what the user was sending (nothing is
kept of a transaction that did not commit, and a form sent again is idempotent), instead
of the server error page. Neither page uses the request's context or the database."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exception()
    if isinstance(error, OperationalError | InterfaceError):
        logger.warning("database unavailable: %s", type(error).__name__)
        page = loader.get_template("503.html").render(
            {
                "portal": request.path.startswith(reverse("portal:start")),
                "report": request.path.startswith(reverse("portal:report")),
            }
        )
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
