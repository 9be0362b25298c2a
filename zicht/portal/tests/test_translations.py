"""Every text a portal page shows to the public is translated in every portal language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = {
    code: ROOT / f"zicht/locale/{code}/LC_MESSAGES/django.po"
    for code in ("nl", "pl", "ro", "bg", "hu", "uk", "ar", "tr", "zh_Hans")
}
PUBLIC_SOURCES = re.compile(
    r"zicht/portal/(templates/portal/(?!_case_messages)[\w.]+|forms\.py|views\.py|vocabulary\.py|retention\.py)"
)
STAFF_ONLY = {"Answer to the reporter"}  # the staff reply form's label (forms.py)


def public_entries(path: Path):
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        references = " ".join(re.findall(r"^#: (.*)$", entry, re.M))
        if not PUBLIC_SOURCES.search(references):
            continue
        msgid = "".join(
            re.findall(
                r'"(.*)"',
                entry.split("msgid ", 1)[1].split("msgid_plural", 1)[0].split("msgstr", 1)[0],
            )
        )
        # one msgstr, or one per plural form (msgstr[0], msgstr[1], ...): every one filled
        forms = re.split(r"^msgstr(?:\[\d+\])? ", entry, flags=re.M)[1:]
        texts = ["".join(re.findall(r'"(.*)"', form)) for form in forms]
        if msgid in STAFF_ONLY:
            continue
        yield msgid, "" if "" in texts else texts[0], "#, fuzzy" in entry


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_public_portal_text_is_translated(language):
    entries = list(public_entries(CATALOGUES[language]))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert untranslated == []
