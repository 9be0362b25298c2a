import pytest
from django.db import connection
from django.urls import reverse

from zicht.audit.log import GENESIS, verify_chain
from zicht.audit.models import AccessLogEntry, AppendOnlyError


def test_every_case_page_read_is_logged_with_who_what_and_which_persons(signed_in, make_report):
    case = make_report().case
    person_ids = list(case.reports.get().persons.values_list("pk", flat=True))
    signed_in("afm.hengelo").get(reverse("casework:case_detail", args=[case.pk]))
    entry = AccessLogEntry.objects.filter(action="read", object_id=str(case.pk)).get()
    assert entry.username == "afm.hengelo"
    assert entry.role == "focal_officer"
    assert entry.organisation_name.startswith("Gemeente Hengelo")
    assert entry.person_ids == person_ids
    assert entry.purpose


def test_a_refused_read_is_not_logged_as_a_read(signed_in, make_report):
    case = make_report().case
    signed_in("afm.enschede").get(reverse("casework:case_detail", args=[case.pk]))
    assert not AccessLogEntry.objects.filter(action="read", username="afm.enschede").exists()


def test_the_log_cannot_be_changed_or_deleted(make_report):
    make_report()
    entry = AccessLogEntry.objects.first()
    entry.purpose = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().update(purpose="x")


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_to_change_the_log_even_in_raw_sql(make_report):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL")
    make_report()
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET purpose = 'x'")


def test_the_hash_chain_is_intact_and_detects_a_forged_entry(make_report):
    make_report()
    make_report()
    assert verify_chain() is None
    forged = AccessLogEntry(
        username="intruder",
        action="read",
        object_type="x",
        object_id="1",
        previous_hash=GENESIS,
        entry_hash="f" * 64,
    )
    forged.save()
    assert verify_chain() == forged.pk


def test_only_an_administrator_reads_the_log(signed_in, make_report):
    make_report()
    assert signed_in("hub.twente").get(reverse("audit:access_log")).status_code == 403
    response = signed_in("beheer").get(reverse("audit:access_log"))
    assert response.status_code == 200
    assert "wijkcoach.hengelo" in response.content.decode()
