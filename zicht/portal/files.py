"""Attachments: the type is decided by the content, never by the name or the
browser's word; photos lose their metadata (EXIF, GPS, XMP, comments, ICC,
trailing data) before they are written, PDFs their document information, XMP,
earlier revisions and active content (JavaScript, automatic actions, embedded
files); files go outside the web root under a random name.

Two gates for photos: first the JPEG or PNG structure is parsed here (and can be
rebuilt from the segments an image needs, which alone drops every metadata
block), then Pillow must decode the file (`verify`) and re-encodes the pixels,
upright (the EXIF orientation is applied before EXIF goes), with no metadata.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import logging
import os
import secrets
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from django.conf import settings

logger = logging.getLogger(__name__)

MAX_SIDE = 20_000
MAX_PIXELS = 60_000_000


class Refused(ValueError):
    """The file is not an image or PDF we accept."""


@dataclass
class Cleaned:
    kind: str
    data: bytes


# -- JPEG -------------------------------------------------------------------------

# Segments kept: the picture itself. APP0 only when it is JFIF; APP14 (Adobe)
# carries only the colour transform. Every other APPn (EXIF, GPS, XMP, ICC,
# maker notes, Photoshop IRB) and COM is dropped.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_KEEP = _SOF | {0xC4, 0xCC, 0xDB, 0xDD, 0xDA, 0xDC, 0xDE, 0xDF}


def clean_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise Refused("not a JPEG")
    out = [b"\xff\xd8"]
    i = 2
    seen_frame = seen_scan = False
    size = len(data)
    while True:
        if i >= size or data[i] != 0xFF:
            raise Refused("broken JPEG structure")
        while i < size and data[i] == 0xFF:
            i += 1
        if i >= size:
            raise Refused("truncated JPEG")
        marker = data[i]
        i += 1
        if marker == 0xD9:  # end of image; anything after it is dropped
            out.append(b"\xff\xd9")
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(bytes((0xFF, marker)))
            continue
        if i + 2 > size:
            raise Refused("truncated JPEG")
        (length,) = struct.unpack(">H", data[i : i + 2])
        if length < 2 or i + length > size:
            raise Refused("broken JPEG segment")
        segment = data[i : i + length]
        i += length
        if marker in _SOF:
            if length < 8:
                raise Refused("broken JPEG frame")
            height, width = struct.unpack(">HH", segment[3:7])
            if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
                raise Refused("JPEG too large or empty")
            if width * height > MAX_PIXELS:
                raise Refused("JPEG too large")
            seen_frame = True
        keep = (
            marker in _KEEP
            or (marker == 0xE0 and segment[2:7] == b"JFIF\x00")
            or (marker == 0xEE and segment[2:7] == b"Adobe")
        )
        if keep:
            out.append(bytes((0xFF, marker)) + segment)
        if marker == 0xDA:
            if not seen_frame:
                raise Refused("scan before frame")
            seen_scan = True
            # Entropy-coded data runs to the next marker that is not a stuffed
            # zero or a restart marker.
            start = i
            while True:
                j = data.find(b"\xff", i)
                if j < 0 or j + 1 >= size:
                    raise Refused("truncated JPEG scan")
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    i = j + 2
                    continue
                if following == 0xFF:  # fill byte before a marker
                    i = j + 1
                    continue
                break
            out.append(data[start:j])
            i = j
    if not (seen_frame and seen_scan):
        raise Refused("JPEG without picture")
    return b"".join(out)


# -- PNG --------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEEP = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND",
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs",
}  # fmt: skip
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def clean_png(data: bytes) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise Refused("not a PNG")
    i = len(PNG_SIGNATURE)
    out = [PNG_SIGNATURE]
    idat = []
    header = None
    ended = False
    while i < len(data):
        if i + 8 > len(data):
            raise Refused("truncated PNG")
        length, kind = struct.unpack(">I4s", data[i : i + 8])
        end = i + 12 + length
        if end > len(data):
            raise Refused("truncated PNG chunk")
        body = data[i + 8 : i + 8 + length]
        (crc,) = struct.unpack(">I", data[i + 8 + length : end])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise Refused("PNG checksum")
        if header is None and kind != b"IHDR":
            raise Refused("PNG without header")
        if kind == b"IHDR":
            if length != 13 or header is not None:
                raise Refused("broken PNG header")
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind[0:1].isupper() and kind not in _PNG_KEEP:
            raise Refused("unknown critical PNG chunk")
        if kind in _PNG_KEEP:
            out.append(data[i:end])
        i = end
        if kind == b"IEND":
            ended = True
            break  # anything after IEND is dropped
    if header is None or not ended or not idat:
        raise Refused("incomplete PNG")
    width, height, depth, colour, *_ = header
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or width * height > MAX_PIXELS:
        raise Refused("PNG too large or empty")
    if colour not in _CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise Refused("PNG colour type")
    # The compressed picture must really decompress (bounded, against bombs).
    row = (width * _CHANNELS[colour] * depth + 7) // 8 + 1
    limit = row * height
    inflater = zlib.decompressobj()
    try:
        produced = len(inflater.decompress(b"".join(idat), limit + 1))
    except zlib.error as error:
        raise Refused("PNG data") from error
    if produced > limit or produced == 0:
        raise Refused("PNG data size")
    return b"".join(out)


# -- PDF --------------------------------------------------------------------------


MAX_PDF_PAGES = 500

# Keys whose values are metadata about the document or its author, or content that acts
# by itself when the file is opened: dropped wherever they occur.
_PDF_DROP_KEYS = (
    "/Metadata",  # XMP: author, tools, dates, sometimes a path with the user's name
    "/PieceInfo",  # application data (e.g. the editing program's private copy)
    "/LastModified",
    "/OpenAction",  # runs on opening
    "/AA",  # additional (automatic) actions
    "/JS",
    "/EF",  # embedded files of a file specification
    "/RichMediaContent",
)
# Actions a click may start: only moving inside the document or opening a web address
# is kept; JavaScript, launching programs, submitting forms and the like are removed.
_PDF_SAFE_ACTIONS = ("/GoTo", "/URI")
_PDF_NAME_TREES_DROPPED = ("/JavaScript", "/EmbeddedFiles")


def _safe_action(value: object, pikepdf: ModuleType) -> bool:
    """Outline items also chain with /Next: only an action dictionary (or a list of
    them) that does something other than the safe actions counts as unsafe."""
    if isinstance(value, pikepdf.Array):
        return all(_safe_action(item, pikepdf) for item in value)
    if isinstance(value, pikepdf.Dictionary) and "/S" in value:
        return value.get("/S") in _PDF_SAFE_ACTIONS
    return True


def _strip_pdf_object(obj: object, pikepdf: ModuleType) -> None:
    """Remove metadata and active content from one object and the direct objects
    inside it (indirect ones are visited on their own)."""
    pending = [obj]
    while pending:
        item = pending.pop()
        if isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
            for key in _PDF_DROP_KEYS:
                if key in item:
                    del item[key]
            for key in ("/A", "/Next", "/PA"):  # an action, or the next in a chain
                if key in item and not _safe_action(item[key], pikepdf):
                    del item[key]
            children = [value for _key, value in item.items()]
        elif isinstance(item, pikepdf.Array):
            children = list(item)
        else:
            continue
        # Numbers and booleans come back as Python values: nothing to clean in them.
        pending.extend(child for child in children if not getattr(child, "is_indirect", True))


def clean_pdf(data: bytes) -> bytes:
    """Parse the PDF with qpdf and write it anew without metadata or active content.

    A file that qpdf cannot read, that is encrypted (its content cannot be checked) or
    that has no pages is refused. Writing a new file also drops earlier revisions
    (incremental updates can hold text the author deleted) and anything after the end."""
    import pikepdf

    if not (data.startswith(b"%PDF-1.") or data.startswith(b"%PDF-2.")):
        raise Refused("not a PDF")
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise Refused("encrypted PDF")
            if not 0 < len(pdf.pages) <= MAX_PDF_PAGES:
                raise Refused("PDF without pages or with too many")
            for key in ("/Info", "/ID"):
                if key in pdf.trailer:
                    del pdf.trailer[key]
            names = pdf.Root.get("/Names")
            if isinstance(names, pikepdf.Dictionary):
                for key in _PDF_NAME_TREES_DROPPED:
                    if key in names:
                        del names[key]
            form = pdf.Root.get("/AcroForm")
            if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
                del form["/XFA"]  # XML forms carry their own scripts
            for obj in pdf.objects:
                _strip_pdf_object(obj, pikepdf)
            out = io.BytesIO()
            pdf.remove_unreferenced_resources()
            pdf.save(out, deterministic_id=True, linearize=False)
    except pikepdf.PasswordError as error:
        raise Refused("encrypted PDF") from error
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise Refused("PDF does not parse") from error
    return out.getvalue()


def reencode(kind: str, data: bytes) -> bytes:
    """Decode with Pillow and write the pixels again, upright and without metadata."""
    from PIL import Image, ImageOps

    expected = {"jpeg": "JPEG", "png": "PNG"}[kind]
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != expected or probe.width * probe.height > MAX_PIXELS:
                raise Refused("not the image it claims to be")
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            if kind == "jpeg" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            if kind == "png" and image.mode not in ("RGB", "RGBA", "L"):
                image = image.convert("RGBA")
            image.info = {}
            out = io.BytesIO()
            if kind == "jpeg":
                image.save(out, "JPEG", quality=90, exif=b"")
            else:
                image.save(out, "PNG", exif=b"")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise Refused("image does not decode") from error
    return out.getvalue()


def clean(data: bytes) -> Cleaned:
    """Decide the type from the first bytes and clean accordingly; raise Refused."""
    # The structural parse is the first gate; Pillow then reads the original (it needs
    # the EXIF orientation) and writes only the pixels.
    if data.startswith(b"\xff\xd8\xff"):
        clean_jpeg(data)
        return Cleaned("jpeg", reencode("jpeg", data))
    if data.startswith(PNG_SIGNATURE):
        clean_png(data)
        return Cleaned("png", reencode("png", data))
    if data.startswith(b"%PDF-"):
        return Cleaned("pdf", clean_pdf(data))
    raise Refused("unknown type")


# -- storage ----------------------------------------------------------------------


def attachment_dir() -> Path:
    path = Path(settings.ZICHT_ATTACHMENT_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


class NotStored(Exception):
    """The attachments could not be written (disk full, quota, a file-size limit, a disk
    error); none of them is kept."""


def store(data: bytes) -> tuple[str, str]:
    """Write under a new random name (never overwriting) and on to the disk (fsync: the
    receipt promises the file is kept); return (name, sha256). A failed write leaves no
    file behind."""
    name = secrets.token_hex(20)
    path = attachment_dir() / name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return name, hashlib.sha256(data).hexdigest()


def store_all(items: Sequence[Cleaned]) -> list[tuple[Cleaned, str, str]]:
    """Store every item or none: (item, name, sha256) for each, or NotStored."""
    stored: list[tuple[Cleaned, str, str]] = []
    try:
        for item in items:
            stored.append((item, *store(item.data)))
    except OSError as error:
        for _item, name, _digest in stored:
            remove(name)
        logger.error("attachments not stored: %s", errno.errorcode.get(error.errno or 0, "?"))
        raise NotStored from error
    return stored


def path_of(stored_name: str) -> Path:
    if not stored_name.isalnum():
        raise FileNotFoundError(stored_name)
    return attachment_dir() / stored_name


def remove(stored_name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        path_of(stored_name).unlink()
