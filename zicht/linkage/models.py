"""What the web application stores of linkage: the result of batch linkage (which involved
persons are one unique person) and the model it trained. The pseudonym register's models
are in zicht.register.models."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LinkageRun(models.Model):
    """One batch linkage of a region's involved persons into unique persons."""

    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    threshold = models.FloatField(_("match probability threshold"))
    record_count = models.PositiveIntegerField(default=0)
    cluster_count = models.PositiveIntegerField(default=0)
    model = models.JSONField(_("trained model (match weights)"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"


class PersonCluster(models.Model):
    """The unique person (cluster) an involved person belongs to in a linkage run.
    Persons missing from the latest run of their region count as their own cluster."""

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="clusters")
    person = models.ForeignKey("intake.InvolvedPerson", on_delete=models.CASCADE, related_name="+")
    cluster_id = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="unique_person_per_run")
        ]
