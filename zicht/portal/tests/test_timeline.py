"""The portal conversation appears on the case timeline (registered in PortalConfig.ready)."""

from zicht.casework.timeline import build_timeline
from zicht.portal.models import Direction, PortalMessage, PortalReceipt


def test_portal_messages_are_on_the_timeline_without_their_text(make_report):
    report = make_report()
    receipt = PortalReceipt.objects.create(report=report, code="ABCD-1234", secret_hash="x")
    PortalMessage.objects.create(receipt=receipt, direction=Direction.TO_STAFF, text="Hallo")
    PortalMessage.objects.create(receipt=receipt, direction=Direction.TO_REPORTER, text="Dank")
    entries = [e for e in build_timeline(report.case) if e.kind == "portal"]
    assert len(entries) == 2
    assert all(e.note == "" for e in entries)
