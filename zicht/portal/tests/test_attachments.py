from __future__ import annotations

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
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
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",  # no document in it
        b"GIF89a" + b"\x00" * 20,
    ],
)
def test_files_that_only_look_like_an_accepted_type_are_refused(content):
    with pytest.raises(files.Refused):
        files.clean(content)


def pdf_with_metadata_and_script() -> bytes:
    """A one-page PDF with its author in the document information and the XMP,
    JavaScript that runs on opening, a link that launches a program, and an
    embedded file."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (Zij moet elke dag werken) Tj ET")
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
    )
    pdf.docinfo["/Author"] = "Anna de Vries"
    pdf.docinfo["/Creator"] = "C:\\Users\\anna.devries\\brief.docx"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Anna de Vries"]
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
    pdf.Root.OpenAction = script
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("run"), script])),
        EmbeddedFiles=pikepdf.Dictionary(
            Names=pikepdf.Array(
                [
                    pikepdf.String("secret.txt"),
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Filespec,
                        F=pikepdf.String("secret.txt"),
                        EF=pikepdf.Dictionary(F=pdf.make_stream(b"hidden attachment text")),
                    ),
                ]
            )
        ),
    )
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    web = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.example.nl/"))
    page.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[0, 0, 50, 50],
                    A=launch,
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[60, 0, 110, 50], A=web
                ),
            ]
        )
    )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PDF_SAMPLE = pdf_with_metadata_and_script()


def test_a_pdf_loses_its_metadata_and_active_content(portal_form, submit):
    original = pdf_with_metadata_and_script()
    assert b"Anna de Vries" in original
    upload = SimpleUploadedFile("brief.pdf", original, content_type="application/octet-stream")
    assert submit(portal_form(attachments=[upload])).status_code == 200
    attachment = PortalAttachment.objects.get()
    kept = stored_bytes(attachment)
    assert attachment.kind == "pdf"
    assert kept.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(kept)) as pdf:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root
        assert "/OpenAction" not in pdf.Root
        assert "/Names" not in pdf.Root or not (
            {"/JavaScript", "/EmbeddedFiles"} & set(pdf.Root.Names.keys())
        )
        links = [annot.get("/A") for annot in pdf.pages[0].Annots]
        assert links[0] is None  # the program launcher is gone
        assert links[1].URI == "https://www.example.nl/"  # a web link stays
        assert b"Zij moet elke dag werken" in pdf.pages[0].Contents.read_bytes()
    for trace in (b"Anna", b"anna.devries", b"app.alert", b"cmd.exe", b"hidden attachment"):
        assert trace not in decoded_objects(kept)


def decoded_objects(data: bytes) -> bytes:
    """Every object of a PDF as qpdf reads it, streams decompressed: what a reader
    of the file could find in it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return b"".join(
            obj.read_bytes() if isinstance(obj, pikepdf.Stream) else obj.unparse()
            for obj in pdf.objects
        )


def incremental_update(original: bytes, new_content: bytes) -> bytes:
    """Append a revision that replaces the first page's content, as editors save
    changes: the old content stays in the file, unreferenced."""
    with pikepdf.open(io.BytesIO(original)) as pdf:
        page = pdf.pages[0].obj
        page_number, size, root = page.objgen[0], int(pdf.trailer.Size), pdf.Root.objgen[0]
        page_text = page.unparse(resolved=True).replace(
            pdf.pages[0].Contents.unparse(), f"{size} 0 R".encode()
        )
    previous = int(original.rsplit(b"startxref", 1)[1].split()[0])
    body = bytearray(original)
    offsets = {}
    offsets[size] = len(body)
    body += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (size, len(new_content))
    body += new_content + b"\nendstream\nendobj\n"
    offsets[page_number] = len(body)
    body += b"%d 0 obj\n" % page_number + page_text + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 1\n0000000000 65535 f \n"
    for number in sorted(offsets):
        body += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    body += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\n" % (size + 1, root, previous)
    body += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(body)


def test_earlier_revisions_of_a_pdf_are_not_kept():
    first = pdf_with_metadata_and_script()
    revised = incremental_update(first, b"BT /F1 12 Tf 20 100 Td (nieuwe tekst) Tj ET")
    with pikepdf.open(io.BytesIO(revised)) as pdf:  # the update is what readers show
        assert b"nieuwe tekst" in pdf.pages[0].Contents.read_bytes()
    assert b"Zij moet elke dag werken" in decoded_objects(first)
    kept = decoded_objects(files.clean(revised).data)
    assert b"nieuwe tekst" in kept
    assert b"Zij moet elke dag werken" not in kept


def test_an_encrypted_pdf_is_refused():
    pdf = pikepdf.open(io.BytesIO(pdf_with_metadata_and_script()))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(files.Refused):
        files.clean(out.getvalue())


def test_at_most_five_files_are_accepted(portal_form, submit):
    uploads = [SimpleUploadedFile(f"{n}.jpg", (DATA / "python.jpg").read_bytes()) for n in range(6)]
    assert submit(portal_form(attachments=uploads)).status_code == 400
    assert not PortalAttachment.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(portal_form, submit):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"%%EOF")
    assert submit(portal_form(attachments=[upload])).status_code == 400
    assert not Report.objects.exists()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0),
    flips=st.lists(st.tuples(st.integers(0), st.integers(0, 255)), max_size=8),
)
def test_a_damaged_pdf_is_cleaned_or_refused_never_a_crash(cut, flips):
    data = bytearray(PDF_SAMPLE)
    for position, value in flips:
        data[position % len(data)] = value
    damaged = bytes(data[: len(data) - cut % len(data)])
    try:
        cleaned = files.clean(damaged)
    except files.Refused:
        return
    assert cleaned.kind in {"pdf", "jpeg", "png"}
