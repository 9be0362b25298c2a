"""The annual report: a PDF whose pages render and whose key numbers are text."""

import io

import pypdfium2 as pdfium
from django.core.management import call_command
from django.urls import reverse

from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.monitor.annual_report import render_annual_report
from zicht.monitor.models import Interpretation


def _pages(pdf: bytes) -> tuple[int, str]:
    document = pdfium.PdfDocument(pdf)
    texts = []
    for page in document:
        image = page.render(scale=0.5).to_pil()
        assert image.size[0] > 100  # the page rendered to an image
        assert image.getextrema() != ((255, 255), (255, 255), (255, 255))  # not blank
        texts.append(page.get_textpage().get_text_range())
    return len(document), "\n".join(texts)


def test_the_annual_report_has_pages_with_the_key_numbers_as_text(known, twente, member):
    Interpretation.objects.create(
        region=twente,
        period_start="2025-01-01",
        period_end="2025-12-31",
        text="Seksuele uitbuiting blijft de meest gemelde vorm.",
        author=member("analist.twente").user,
    )
    pages, text = _pages(render_annual_report(twente, 2025))
    assert pages >= 2
    assert "2025" in text
    assert "23" in text  # reports and cases
    assert "20" in text  # unique persons
    assert "Seksuele uitbuiting blijft de meest gemelde vorm." in text
    assert "Twente" in text


def test_the_annual_report_hides_cells_under_the_public_minimum(known, twente):
    _pages_count, text = _pages(render_annual_report(twente, 2025))
    assert "verborgen" in text or "hidden" in text


def test_a_past_year_gives_the_same_report_when_made_again(known, twente):
    first = _pages(render_annual_report(twente, 2025))[1]
    second = _pages(render_annual_report(twente, 2025))[1]
    assert first == second


def test_the_command_line_writes_the_report(known, tmp_path):
    out = tmp_path / "report.pdf"
    stdout = io.StringIO()
    call_command("annual_report", region="VR05", year=2025, out=str(out), stdout=stdout)
    assert out.read_bytes().startswith(b"%PDF")
    assert "bytes" in stdout.getvalue()


def test_a_municipal_report_on_request(known, tmp_path):
    out = tmp_path / "hengelo.pdf"
    call_command(
        "annual_report", region="VR05", year=2025, municipality="GM0164", out=str(out),
        stdout=io.StringIO(),
    )  # fmt: skip
    _count, text = _pages(out.read_bytes())
    assert "Hengelo" in text


def test_downloading_the_report_from_the_page_is_access_logged(signed_in, known):
    response = signed_in("analist.twente").get(reverse("monitor:annual_report") + "?year=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).latest("id")
    assert entry.detail["export"] == "annual_report"
    assert entry.username == "analist.twente"
