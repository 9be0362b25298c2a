"""The access log's hashes become keyed (HMAC-SHA256 under ZICHT_ACCESS_LOG_KEY) and its head
carries a keyed seal.

Entries already written keep their plain SHA-256 hashes: the log is append-only, so they are
not rewritten. Instead this migration appends one keyed entry (action "seal") that follows the
chain's end as the head records it and counts the entries it seals; from then on every entry
is keyed. Rewriting an earlier entry now breaks the link to that keyed entry, and if entries
had been removed from the end before this migration, the seal entry does not follow the
surviving chain and `verify_access_log` reports it there. A database without entries gets its
sealed head now, so that from here on a log without a head is one that was removed.
"""

from django.db import migrations, models
from django.utils import timezone

from zicht.audit import sealing

GENESIS = "0" * 64


def seal_earlier_entries(apps, schema_editor):
    entries = apps.get_model("audit", "AccessLogEntry").objects.using(
        schema_editor.connection.alias
    )
    heads = apps.get_model("audit", "ChainHead").objects.using(schema_editor.connection.alias)
    head = heads.select_for_update().filter(pk=1).first()
    count = entries.count()
    key = sealing.key()
    last = head.last_hash if head is not None else GENESIS
    if count:
        seal = entries.model(
            at=timezone.now(),
            username="",
            action="seal",
            object_type="audit.chainhead",
            object_id="1",
            person_ids=[],
            detail={"sealed": "earlier entries", "entries": count},
            previous_hash=last,
        )
        seal.entry_hash = last = sealing.entry_hash(seal, key)
        seal.save()
    heads.update_or_create(pk=1, defaults={"last_hash": last, "seal": sealing.head_seal(last, key)})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_trigger"),
    ]

    operations = [
        migrations.AddField(
            model_name="chainhead",
            name="seal",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("read", "read"),
                    ("create", "create"),
                    ("update", "update"),
                    ("transition", "route step"),
                    ("lookup", "known check"),
                    ("export", "export"),
                    ("invite", "invite"),
                    ("seal", "sealing of the log"),
                ],
                max_length=16,
                verbose_name="what",
            ),
        ),
        migrations.RunPython(seal_earlier_entries, migrations.RunPython.noop),
    ]
