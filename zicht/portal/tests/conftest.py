"""Portal fixtures: a clean cache, attachments in a temporary directory, a cheap
proof of work, and a helper that fills in the form as a browser would."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from zicht.portal import challenge

DATA = Path(__file__).parent / "data"
CLIENT_ADDRESS = "203.0.113.77"


@pytest.fixture(autouse=True)
def portal_settings(settings, tmp_path):
    settings.ZICHT_ATTACHMENT_DIR = tmp_path / "attachments"
    settings.PORTAL_POW_COST = 1
    cache.clear()
    yield settings
    cache.clear()


def hidden_fields(html: str) -> dict[str, str]:
    fields = {}
    for match in re.finditer(r"<input([^>]*)>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        if attrs.get("type") == "hidden" and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def solved_challenge(client, purpose: str) -> str:
    """What the ALTCHA widget does: fetch a challenge for the form and solve it."""
    issued = client.get(reverse("portal:challenge"), {"voor": purpose})
    assert issued.status_code == 200
    return challenge.solve(issued.json())


@pytest.fixture
def portal_form(client, hengelo):
    """portal_form(**answers) -> the POST data of a filled-in portal form, with the
    hidden key, secret, challenge and a solved proof of work."""

    def fill(*, solve: bool = True, **answers) -> dict:
        page = client.get(reverse("portal:report"), REMOTE_ADDR=CLIENT_ADDRESS, follow=True)
        assert page.status_code == 200
        data = hidden_fields(page.content.decode())
        data.pop("next", None)
        if solve:
            data["altcha"] = solved_challenge(client, data["submission_key"])
        data.update(
            {
                "is_acute": "no",
                "situation": ["labour"],
                "seen": ["papers", "work_pay"],
                "description": "Mannen worden elke ochtend met een busje opgehaald.",
                "municipality": str(hengelo.pk),
                "minor": "dont_know",
                "website": "",
            }
        )
        data.update(answers)
        return data

    return fill


@pytest.fixture
def submit(client):
    def post(data: dict, **extra):
        return client.post(reverse("portal:report"), data, REMOTE_ADDR=CLIENT_ADDRESS, **extra)

    return post


def jpeg_with_gps() -> bytes:
    """The test JPEG with an EXIF block that holds a GPS position (Amsterdam)."""
    base = (DATA / "python.jpg").read_bytes()

    def entry(tag, kind, count, value: bytes) -> bytes:
        return struct.pack(">HHI", tag, kind, count) + value.ljust(4, b"\x00")

    # TIFF header, IFD0 with one entry (GPSInfo -> offset 26), GPS IFD with
    # latitude ref 'N' and latitude as three rationals at offset 56.
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8)
    ifd0 = struct.pack(">H", 1) + entry(0x8825, 4, 1, struct.pack(">I", 26)) + b"\x00" * 4
    gps = (
        struct.pack(">H", 2)
        + entry(0x0001, 2, 2, b"N\x00")
        + entry(0x0002, 5, 3, struct.pack(">I", 56))
        + b"\x00" * 4
    )
    rationals = struct.pack(">6I", 52, 1, 22, 1, 1234, 100)
    exif = b"Exif\x00\x00" + tiff + ifd0 + gps + rationals
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    return base[:2] + app1 + base[2:]
