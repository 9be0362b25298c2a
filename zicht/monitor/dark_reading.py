"""The dark number in words, for the page and the annual report: the methods' names, the
models, the headline sentence and the reading, in the interface's language and with the
locale's number notation (1.479 in Dutch).

``zicht.estimation`` writes its own reading for the command line (English, with its
flags); the monitor says the same things for a council, through gettext.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:  # the estimation loads numpy and scipy: only with the dark number
    from zicht.estimation import Estimate

METHOD_NAMES = {
    "main": gettext_lazy("main effects (organisations independent)"),
    "stepwise": gettext_lazy("stepwise (SparseMSE)"),
    "bic": gettext_lazy("lowest BIC"),
    "aic": gettext_lazy("lowest AIC"),
}

SHORT_METHOD_NAMES = {  # in the chart, beside its axis
    "main": gettext_lazy("main effects"),
    "stepwise": gettext_lazy("stepwise"),
    "bic": gettext_lazy("lowest BIC"),
    "aic": gettext_lazy("lowest AIC"),
}

INTERVAL_NAMES = {
    "profile": gettext_lazy("profile likelihood, given the model"),
    "wald": gettext_lazy("Wald, given the model"),
    "bca": gettext_lazy("bootstrap, model choice included"),
}


def number(value: float, decimals: int = 0) -> str:
    """A number in the locale's notation, grouped: 1.479 and 2,5 in Dutch."""
    return formats.number_format(round(value, decimals), decimals, force_grouping=True)


def method_name(method: str, *, short: bool = False) -> str:
    return str((SHORT_METHOD_NAMES if short else METHOD_NAMES).get(method, method))


def model_name(estimate: Estimate) -> str:
    """The model by its interactions between organisations, or "main effects only"."""
    if estimate.model_terms in ("", "main effects"):
        return _("main effects only")
    terms = estimate.model_terms.replace(":", " \u00d7 ")  # A times B
    return _("with interaction %(terms)s") % {"terms": terms}


def same_estimate(estimates: Sequence[Estimate]) -> bool:
    """Whether every method gives the same total (after rounding to whole persons)."""
    return len({round(e.estimate) for e in estimates}) == 1


def rows(estimates: Sequence[Estimate]) -> list[dict[str, Any]]:
    """The sensitivity table, ready to show: one row per method."""
    return [
        {
            "code": e.method,
            "method": method_name(e.method),
            "estimate": number(e.estimate),
            "interval": (
                _("%(low)s to %(high)s")
                % {"low": number(e.interval[0]), "high": number(e.interval[1])}
                if e.interval
                else None
            ),
            "model": model_name(e),
        }
        for e in estimates
    ]


def _interval_of(estimate: Estimate) -> str:
    assert estimate.interval is not None
    return _("%(low)s to %(high)s (%(kind)s)") % {
        "low": number(estimate.interval[0]),
        "high": number(estimate.interval[1]),
        "kind": INTERVAL_NAMES.get(estimate.interval_kind or "", estimate.interval_kind or ""),
    }


def headline(estimates: Sequence[Estimate]) -> str:
    """The one sentence to quote. When the methods agree there is no range between them to
    report: a range "1.479 to 1.479" would read as certainty it does not have, so the
    sentence says that they agree, and gives the interval of the model where there is one."""
    values = [e.estimate for e in estimates]
    if not same_estimate(estimates):
        return _(
            "Estimated total: %(low)s to %(high)s presumed victims, depending on the method."
        ) % {"low": number(min(values)), "high": number(max(values))}
    with_interval = [e for e in estimates if e.interval]
    if len(estimates) == 1:
        text = _("Estimated total: %(n)s presumed victims (one method only).") % {
            "n": number(values[0])
        }
    else:
        text = _("Estimated total: %(n)s presumed victims. Every method gives this number.") % {
            "n": number(values[0])
        }
    if with_interval:
        text += " " + _("95%% interval: %(interval)s.") % {
            "interval": _interval_of(with_interval[0])
        }
    return text


def reading(estimates: Sequence[Estimate]) -> str:
    """A few plain sentences on how much the answer depends on the method."""
    if not estimates:
        return _("No estimate could be made.")
    observed = estimates[0].observed
    values = [e.estimate for e in estimates]
    sentences = []
    if same_estimate(estimates):
        sentences.append(
            _(
                "%(observed)s persons were registered; the model estimates %(n)s in total, so"
                " about %(dark)s were never registered."
            )
            % {
                "observed": number(observed),
                "n": number(values[0]),
                "dark": number(values[0] - observed),
            }
        )
        if len(estimates) > 1 and all(model_name(e) == _("main effects only") for e in estimates):
            sentences.append(
                _(
                    "The methods agree because the data give no reason to assume that being"
                    " registered by one organisation changes the chance of being registered by"
                    " another. That is a finding of the model choice, not proof: the interval"
                    " below is the uncertainty of that one model."
                )
            )
    else:
        low = min(estimates, key=lambda e: e.estimate)
        high = max(estimates, key=lambda e: e.estimate)
        factor = high.estimate / low.estimate
        sentences.append(
            _(
                "%(observed)s persons were registered. The estimates of the total run from"
                " %(low)s (%(low_method)s) to %(high)s (%(high_method)s)."
            )
            % {
                "observed": number(observed),
                "low": number(low.estimate),
                "low_method": method_name(low.method),
                "high": number(high.estimate),
                "high_method": method_name(high.method),
            }
        )
        if factor >= 1.25:
            sentences.append(
                _(
                    "The methods disagree by a factor %(factor)s: report a range, not a single"
                    " number."
                )
                % {"factor": number(factor, 1)}
            )
        else:
            sentences.append(
                _(
                    "The methods agree to within %(percent)s%%, which makes the order of"
                    " magnitude credible; still report the range, not only one number."
                )
                % {"percent": number(100 * (factor - 1))}
            )
    missing = [method_name(e.method) for e in estimates if e.interval is None]
    if missing:
        sentences.append(
            _(
                "No interval for %(methods)s: a model chosen from the data shows its"
                " uncertainty honestly only with the bootstrap (the model choice repeated on a"
                " thousand resampled tables), which takes minutes and is not run here."
            )
            % {"methods": ", ".join(missing)}
        )
    if max(values) > 10 * observed:
        sentences.append(
            _(
                "At least one method puts most of the population outside every register (more"
                " than ten times the registered number): that is an extrapolation far beyond"
                " the data and should be read as a warning, not as a figure."
            )
        )
    if any(e.infinite_terms for e in estimates):
        sentences.append(
            _(
                "Some pairs of organisations share no persons at all; the models treat those"
                " overlaps as impossible, which is itself an assumption."
            )
        )
    return " ".join(sentences)
