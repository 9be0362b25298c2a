"""The pseudonym register's models move here from the linkage app. Their tables stay where
they are (`linkage_personpseudonym`, `linkage_knownmatch`, created by linkage 0001), so this
migration changes the migration state only; linkage 0004 removes them from linkage's state."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

KINDS = [
    ("name_birth_date", "name and date of birth"),
    ("phone", "phone number"),
    ("address", "address"),
    ("email", "e-mail address"),
    ("licence_plate", "licence plate"),
    ("id_number", "document number"),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("intake", "0001_initial"),
        ("organisations", "0002_load_municipalities"),
        ("linkage", "0003_birth_date_name_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="PersonPseudonym",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(choices=KINDS, max_length=20)),
                        ("key_version", models.PositiveSmallIntegerField()),
                        ("digest", models.CharField(max_length=64)),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisations.organisation",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pseudonyms",
                                to="intake.involvedperson",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisations.region",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "linkage_personpseudonym",
                        "indexes": [
                            models.Index(
                                fields=["region", "kind", "digest"],
                                name="linkage_per_region__5018ef_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("person", "kind", "key_version", "digest"),
                                name="unique_person_pseudonym",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PseudonymMatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(choices=KINDS, max_length=20)),
                        ("score", models.FloatField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisations.organisation",
                            ),
                        ),
                        (
                            "other_organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisations.organisation",
                            ),
                        ),
                        (
                            "other_person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="intake.involvedperson",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="intake.involvedperson",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "linkage_knownmatch",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("person", "other_person"), name="unique_known_match"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
