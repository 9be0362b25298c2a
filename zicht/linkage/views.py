"""The "already known?" check as pages: the hub's check of a case, and the report form's check
of a person while it is filled in. Both ask zicht.linkage.already_known."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from zicht.casework.models import Case
from zicht.intake.forms import PersonForm
from zicht.organisations.acting import membership_required
from zicht.organisations.models import Role


@membership_required(roles=[Role.HUB_CASE_MANAGER])
def known_check(request, case_id: int):
    """The case page's "check whether already known" (htmx fragment, or a page without
    JavaScript)."""
    case = get_object_or_404(
        Case.objects.visible_to(request.membership).select_related("municipality", "region"),
        pk=case_id,
    )
    # pandas (the linkage model's scorer) loads when a check is first asked for, not at start-up
    from zicht.linkage.already_known import already_known

    result = already_known(case, by=request.membership)
    template = "linkage/_case_known.html" if request.htmx else "linkage/case_known.html"
    return render(request, template, {"case": case, "matches": result.cases})


@require_POST
@membership_required(
    roles=[Role.REPORTER, Role.FOCAL_OFFICER, Role.HUB_CASE_MANAGER, Role.PARTNER_MEMBER]
)
def known_while_registering(request):
    """htmx: the person fieldset of the report form is posted here as it is filled in
    (POST, so identifiers never appear in a URL or a server log)."""
    prefix = request.POST.get("person_prefix", "")
    form = PersonForm(request.POST, prefix=prefix or None)
    form.is_valid()  # partial input is fine: use what is valid
    values = {k: v for k, v in form.cleaned_data.items() if v}
    # pandas (the linkage model's scorer) loads when a check is first asked for, not at start-up
    from zicht.linkage.already_known import already_known

    result = already_known(values, by=request.membership) if values else None
    return render(request, "linkage/_known_while_registering.html", {"result": result})
