"""Linking a region's persons again rebuilds the monitor's victim records from the new run,
in the same transaction."""

import io
import logging

from django.core.management import call_command

from zicht.linkage.models import LinkageRun
from zicht.monitor.models import VictimRecord, VictimRecordCoverage
from zicht.monitor.unique_persons import rebuild_unique_persons


def test_a_new_linkage_run_comes_with_its_victim_records(known, twente):
    run = rebuild_unique_persons(twente)
    assert LinkageRun.objects.filter(region=twente).latest() == run
    assert VictimRecordCoverage.objects.get(region=twente).run == run
    assert VictimRecord.objects.filter(region=twente).exists()


def test_the_command_links_one_region_and_says_what_it_found(known, twente):
    out = io.StringIO()
    call_command("link_persons", region="VR05", stdout=out)
    run = LinkageRun.objects.filter(region=twente).latest()
    assert out.getvalue() == (
        f"VR05 {twente.name}: {run.record_count} person records, "
        f"{run.cluster_count} unique persons (threshold {run.threshold:g})\n"
    )
    assert VictimRecordCoverage.objects.get(region=twente).run == run


def test_the_command_prints_its_summary_and_only_splinks_errors(known, twente):
    """`make run` prints the demo users before linking; Splink's hundreds of warnings
    about comparison levels a small data set never shows pushed them off the screen."""
    out = io.StringIO()
    call_command("link_persons", region="VR05", stdout=out)
    assert out.getvalue().startswith("VR05 ")
    splink = logging.getLogger("splink")
    assert not splink.isEnabledFor(logging.WARNING)
    assert splink.isEnabledFor(logging.ERROR)
