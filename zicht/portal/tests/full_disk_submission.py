"""Run by test_disk_full.py in a process of its own, whose attachment directory is on a
nearly full filesystem (or under a file-size limit): send the portal form with a small
and a large photo, and print as JSON what the reporter got and what was left on disk."""

import io
import json
import os
import random
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings_test")
django.setup()

from django.conf import settings  # noqa: E402 — after django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import Image  # noqa: E402

from zicht.portal.tests.conftest import DATA, hidden_fields, solved_challenge  # noqa: E402


def noise_png(side: int) -> bytes:
    """A photo that does not compress: about 3 bytes a pixel."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(3 * side * side))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def main(municipality: str) -> None:
    setup_test_environment()
    client = Client(REMOTE_ADDR="203.0.113.9")
    page = client.get(reverse("portal:report"), follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    data = hidden_fields(page.content.decode())
    data.pop("next", None)
    data["altcha"] = solved_challenge(client, data["submission_key"])
    data.update(
        {
            "is_acute": "no",
            "situation": ["labour"],
            "seen": ["papers"],
            "description": "Mannen worden elke ochtend met een busje opgehaald.",
            "municipality": municipality,
            "minor": "dont_know",
            "website": "",
            "attachments": [
                SimpleUploadedFile("klein.jpg", (DATA / "python.jpg").read_bytes()),
                SimpleUploadedFile("groot.png", noise_png(256)),
            ],
        }
    )
    response = client.post(page.request["PATH_INFO"], data, HTTP_ACCEPT_LANGUAGE="nl")
    left = sorted(str(path) for path in Path(settings.ZICHT_ATTACHMENT_DIR).rglob("*"))
    json.dump(
        {"status": response.status_code, "page": response.content.decode(), "left": left},
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
