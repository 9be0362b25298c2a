from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zicht.intake.models import Report
from zicht.portal import files
from zicht.portal.models import PortalAttachment
from zicht.portal.tests.conftest import DATA, jpeg_with_gps

pytestmark = pytest.mark.django_db


def stored_bytes(attachment: PortalAttachment) -> bytes:
    return files.path_of(attachment.stored_name).read_bytes()


def test_gps_and_exif_are_stripped_from_a_photo(portal_form, submit):
    original = jpeg_with_gps()
    assert b"Exif" in original
    upload = SimpleUploadedFile("holiday.jpg", original, content_type="image/jpeg")
    assert submit(portal_form(attachments=[upload])).status_code == 200
    attachment = PortalAttachment.objects.get()
    kept = stored_bytes(attachment)
    assert attachment.kind == "jpeg"
    assert b"Exif" not in kept
    assert b"\xff\xe1" not in kept  # no APP1 segment at all
    assert bytes([0x88, 0x25]) not in kept  # no GPSInfo tag
    with Image.open(io.BytesIO(kept)) as image:  # still the same picture
        assert image.format == "JPEG"
        assert image.size == Image.open(DATA / "python.jpg").size
        assert not image.getexif()


def test_a_sideways_phone_photo_is_stored_upright_without_exif():
    base = (DATA / "python.jpg").read_bytes()
    with Image.open(io.BytesIO(base)) as image:
        exif = Image.Exif()
        exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
        exif[0x8825] = {1: "N", 2: (52.0, 22.0, 12.34)}  # GPS
        out = io.BytesIO()
        image.convert("RGB").resize((32, 16)).save(out, "JPEG", exif=exif)
    kept = files.clean(out.getvalue()).data
    assert b"Exif" not in kept
    with Image.open(io.BytesIO(kept)) as upright:
        assert upright.size == (16, 32)
        assert not upright.getexif()


def test_text_chunks_are_stripped_from_a_png():
    original = (DATA / "python.png").read_bytes()
    assert b"tEXt" in original
    cleaned = files.clean(original)
    assert cleaned.kind == "png"
    assert b"tEXt" not in cleaned.data
    assert b"IDAT" in cleaned.data
    assert cleaned.data.endswith(b"IEND\xaeB`\x82")


def test_data_after_the_end_of_a_jpeg_is_dropped():
    original = (DATA / "python.jpg").read_bytes()
    assert files.clean_jpeg(original + b"hidden trailer") == original
    assert b"hidden trailer" not in files.clean(original + b"hidden trailer").data


def test_an_html_file_named_jpg_is_refused_in_the_reporters_language(portal_form, submit, settings):
    html = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    upload = SimpleUploadedFile("photo.jpg", html, content_type="image/jpeg")
    response = submit(portal_form(attachments=[upload]), HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 400
    assert "nie jest zdjęciem" in response.content.decode()
    assert not Report.objects.exists()
    assert not PortalAttachment.objects.exists()
    folder = settings.ZICHT_ATTACHMENT_DIR
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xd8\xff\xe0 not really a jpeg",
        b"\x89PNG\r\n\x1a\n broken",
        b"%PDF-1.7 without an end",
        b"GIF89a" + b"\x00" * 20,
    ],
)
def test_files_that_only_look_like_an_accepted_type_are_refused(content):
    with pytest.raises(files.Refused):
        files.clean(content)


def test_a_pdf_is_kept_as_sent(portal_form, submit):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("brief.pdf", pdf, content_type="application/octet-stream")
    assert submit(portal_form(attachments=[upload])).status_code == 200
    attachment = PortalAttachment.objects.get()
    assert attachment.kind == "pdf"
    assert stored_bytes(attachment) == pdf


def test_at_most_five_files_are_accepted(portal_form, submit):
    uploads = [SimpleUploadedFile(f"{n}.jpg", (DATA / "python.jpg").read_bytes()) for n in range(6)]
    assert submit(portal_form(attachments=uploads)).status_code == 400
    assert not PortalAttachment.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(portal_form, submit):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"%%EOF")
    assert submit(portal_form(attachments=[upload])).status_code == 400
    assert not Report.objects.exists()
