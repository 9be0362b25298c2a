from django.shortcuts import render
from django.views.decorators.http import require_POST

from zicht.intake.forms import PersonForm
from zicht.organisations.acting import membership_required
from zicht.organisations.models import Role


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
    from zicht.linkage.lookup import lookup  # the normalisers load on first use

    result = lookup(values, by=request.membership) if values else None
    return render(request, "linkage/_known_while_registering.html", {"result": result})
