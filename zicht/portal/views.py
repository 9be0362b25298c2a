"""The public portal's pages (no login) and the two staff endpoints it adds
(answering a reporter, opening an attachment), which check the case's
visibility themselves because /melden/ is outside the staff-only middleware."""

from __future__ import annotations

import uuid
from functools import wraps

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zicht.audit.log import record_read
from zicht.audit.models import Purpose
from zicht.casework.disclosure import disclosure_for
from zicht.casework.models import Case
from zicht.casework.routing import NotFound
from zicht.organisations.acting import (
    GuardedView,
    MemberRequest,
    MemberView,
    membership_required,
)
from zicht.portal import challenge, files, receipts, reporting, retention, throttle
from zicht.portal.forms import MessageForm, PortalReportForm, StaffReplyForm, StatusForm
from zicht.portal.models import PortalAttachment, PortalReceipt

SESSION_KEY = "portal_receipt"


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/start.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"retention": retention.promises()})


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "portal/throttled.html", {"message": message}, status=429)


def _new_form(key: uuid.UUID) -> PortalReportForm:
    return PortalReportForm(
        initial={
            "submission_key": key,
            "receipt_secret": receipts.new_secret(),
            "challenge": challenge.stamp(str(key)),
        }
    )


def _form_page(
    request: HttpRequest, form: PortalReportForm, *, status: int = 200, expired: bool = False
) -> HttpResponse:
    key = form["submission_key"].value()
    context = {"form": form, "expired": expired, "proof_for": str(key)}
    return render(request, "portal/report_form.html", context, status=status)


@never_cache
def proof_challenge(request: HttpRequest) -> HttpResponse:
    """A fresh proof-of-work challenge for the ALTCHA widget: for a report form (its
    submission key) or for the status page."""
    purpose = request.GET.get("voor", "")
    if purpose != challenge.STATUS:
        try:
            purpose = str(uuid.UUID(purpose))
        except ValueError:
            return JsonResponse({"error": "unknown purpose"}, status=400)
    return JsonResponse(challenge.issue(purpose))


def _receipt_page(request: HttpRequest, filed: reporting.Filed, secret: str = "") -> HttpResponse:
    return render(
        request,
        "portal/receipt.html",
        {
            "code": receipts.group(filed.receipt.code),
            "secret": receipts.group(secret) if secret and filed.secret_matches else "",
            "is_acute": filed.report.is_acute,
        },
    )


@never_cache
def report(request: HttpRequest, submission_key: uuid.UUID | None = None) -> HttpResponse:
    """The report form. Its submission key is part of the page's address (a fresh one on the
    way in), so a browser that goes back shows the same key: a form sent again becomes the
    receipt of the first report, never a second report."""
    if request.method != "POST":
        if submission_key is None:
            return redirect("portal:report_form", submission_key=uuid.uuid4())
        filed = reporting.filed_with(submission_key)
        if filed is not None:
            return _receipt_page(request, filed)
        return _form_page(request, _new_form(submission_key))
    posted = request.POST.copy()
    if submission_key is not None:
        posted["submission_key"] = str(submission_key)
    form = PortalReportForm(posted, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    if data["website"]:
        form.add_error(None, _("Your report could not be sent. Please try again."))
        return _form_page(request, form, status=400)
    key = str(data["submission_key"])
    age = challenge.stamp_age(data["challenge"], key)
    if age is None:
        # Nothing was filed with this key: the same key, a fresh form.
        return _form_page(request, _new_form(data["submission_key"]), status=400, expired=True)
    weight = 1
    if challenge.solved(data["altcha"], key) is None:
        # No JavaScript: the slower path (see challenge.py).
        wait = int(request_wait(age))
        if wait > 0:
            form.add_error(
                None,
                _("Please wait %(seconds)s seconds and press “Send report” again.")
                % {"seconds": wait},
            )
            return _form_page(request, form, status=400)
        weight = 3
    if throttle.submissions_exhausted(request):
        return _too_many(
            request,
            _("Too many reports were sent from this connection. Please try again in an hour."),
        )
    try:
        filed = reporting.file_report(
            submission_key=data["submission_key"],
            data=reporting.report_data(data, language=get_language()),
            secret=data["receipt_secret"],
            attachments=data["attachments"],
        )
    except files.NotStored:
        # Nothing was filed with this key: sending the form again is safe.
        form.add_error(
            None,
            _(
                "Your report has not been stored: there is no room for the attachments "
                "at the moment. Nothing of it was kept. Please try again in a while, or "
                "send the report without attachments."
            ),
        )
        response = _form_page(request, form, status=503)
        response["Retry-After"] = "600"
        return response
    if filed.created:
        throttle.count_submission(request, weight)
    # Committed: only now acknowledge.
    return _receipt_page(request, filed, data["receipt_secret"])


def request_wait(age: float) -> float:
    return max(0.0, settings.PORTAL_NOJS_WAIT_SECONDS - age)


def _session_receipt(request: HttpRequest) -> PortalReceipt | None:
    receipt_id = request.session.get(SESSION_KEY)
    if receipt_id is None:
        return None
    return PortalReceipt.objects.select_related("report__case").filter(pk=receipt_id).first()


@never_cache
def status(request: HttpRequest) -> HttpResponse:
    receipt = _session_receipt(request)
    if receipt is not None:
        return _status_page(request, receipt, MessageForm())
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = receipts.normalise(form.cleaned_data["code"])
        if throttle.status_refused(request):
            return _too_many(
                request,
                _(
                    "Too many wrong attempts. For your safety, please wait 15 minutes "
                    "and try again."
                ),
            )
        if throttle.status_needs_proof(request, code) and not _status_proof(request, form):
            # Counted against the connection only: a replayed or forged proof costs the
            # server a check each time.
            throttle.proof_refused(request)
            form.add_error(
                None,
                _(
                    "Many wrong attempts were made. To protect your report, your browser first "
                    "does a short calculation; this happens by itself. When it says it is done, "
                    "press “Show my report” again."
                ),
            )
            return _status_login(request, form, status=400)
        found = reporting.find_receipt(code, receipts.normalise(form.cleaned_data["secret"]))
        if found is None:
            throttle.status_failed(request, code)
            form.add_error(None, _("This combination of receipt code and secret is not known."))
            return _status_login(request, form, status=400)
        throttle.status_succeeded(request, code)
        request.session.cycle_key()
        request.session[SESSION_KEY] = found.pk
        return redirect("portal:status")
    return _status_login(request, form)


def _status_login(request: HttpRequest, form: StatusForm, *, status: int = 200) -> HttpResponse:
    # Each page carries a fresh stamp: without JavaScript, a wait replaces the proof of work.
    context = {
        "form": form,
        "proof_for": challenge.STATUS,
        "stamp": challenge.stamp(challenge.STATUS),
    }
    return render(request, "portal/status_login.html", context, status=status)


def _status_proof(request: HttpRequest, form: StatusForm) -> bool:
    """A solved challenge, or (without JavaScript) a stamp old enough; each opens one try."""
    data = form.cleaned_data
    solved = challenge.solved(data["altcha"], challenge.STATUS)
    if solved is not None:
        return throttle.first_use(solved)
    age = challenge.stamp_age(data["challenge"], challenge.STATUS)
    return age is not None and request_wait(age) <= 0 and throttle.first_use(data["challenge"])


def _status_page(
    request: HttpRequest, receipt: PortalReceipt, message_form: MessageForm, *, sent: bool = False
) -> HttpResponse:
    return render(
        request,
        "portal/status.html",
        {
            "receipt": receipt,
            "code": receipts.group(receipt.code),
            "status": reporting.coarse_status(receipt),
            "thread": receipt.messages.all(),
            "message_form": message_form,
            "sent": sent,
        },
    )


@require_POST
def send_message(request: HttpRequest) -> HttpResponse:
    receipt = _session_receipt(request)
    if receipt is None:
        return redirect("portal:status")
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _status_page(request, receipt, form)
    reporting.reporter_writes(receipt=receipt, text=form.cleaned_data["text"])
    return _status_page(request, receipt, MessageForm(), sent=True)


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return redirect("portal:start")


# -- staff ------------------------------------------------------------------------


def verified_staff[**P, R: HttpResponseBase](
    view: MemberView[P, R],
) -> GuardedView[P, R | HttpResponseRedirect]:
    """/melden/ is open to the public, so the second-factor middleware lets it
    through: staff endpoints here check the verified second factor themselves."""

    @membership_required
    @wraps(view)
    def wrapper(
        request: MemberRequest, *args: P.args, **kwargs: P.kwargs
    ) -> R | HttpResponseRedirect:
        if not request.user.is_verified():
            return redirect(reverse("accounts:verify"))
        return view(request, *args, **kwargs)

    return wrapper


@require_POST
@verified_staff
def staff_reply(request: MemberRequest, receipt_id: int) -> HttpResponse:
    receipt = get_object_or_404(
        PortalReceipt.objects.select_related("report"),
        pk=receipt_id,
        report__case__in=Case.objects.visible_to(request.membership),
    )
    form = StaffReplyForm(request.POST)
    if form.is_valid():
        try:
            reporting.staff_answers(
                receipt_id=receipt.pk, by=request.membership, text=form.cleaned_data["text"]
            )
        except NotFound:
            raise Http404 from None
    return redirect(reverse("casework:case_detail", args=[receipt.report.case_id]) + "#portal-h")


@verified_staff
def attachment(request: MemberRequest, attachment_id: int) -> FileResponse:
    item = get_object_or_404(
        PortalAttachment.objects.select_related("report__case"),
        pk=attachment_id,
        report__case__in=Case.objects.visible_to(request.membership),
    )
    # What a reporter sent belongs to the reports: a partner deciding on a handover does not
    # see it (casework/disclosure.py).
    case = item.report.case
    if case is None or not disclosure_for(case, request.membership).shows_reports:
        raise Http404
    record_read(
        membership=request.membership,
        obj=item,
        purpose=Purpose.PORTAL_ATTACHMENT,
    )
    try:
        handle = files.path_of(item.stored_name).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=True, filename=item.download_name
    )
    response["Cache-Control"] = "no-store"
    return response
