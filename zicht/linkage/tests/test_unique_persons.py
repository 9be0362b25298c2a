"""Batch linkage of a region's persons into unique persons, stored for the monitor."""

import datetime

from zicht.intake.submission import PersonData
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.linkage.unique_persons import link_region, person_frame
from zicht.organisations.models import Municipality

FIRST = [
    "Anna",
    "Maria",
    "Ioana",
    "Elena",
    "Oksana",
    "Joy",
    "Sanne",
    "Lisa",
    "Yana",
    "Lin",
    "Piotr",
    "Andrei",
    "Ion",
    "Dmytro",
    "Tomasz",
    "Kevin",
    "Daan",
    "Georgi",
    "Ahmet",
    "Wei",
]
LAST = ["Kowalska", "Popescu", "Ivanova", "Nowak", "de Vries", "van der Berg", "Jansen",
        "Okafor", "Shevchenko", "Georgieva", "Yilmaz", "Bakker", "Dumitru", "Chen", "el Amrani",
        "Horvath", "Visser", "Kovalenko", "Petrov", "Smit"]  # fmt: skip


def _person(i: int) -> PersonData:
    return PersonData(
        role="presumed_victim",
        first_name=FIRST[i % 20],
        last_name=LAST[(i * 7) % 20],
        birth_date=datetime.date(1980 + i % 25, 1 + i % 12, 1 + i % 28),
        phone=f"06{10000000 + i * 7919}",
    )


def test_the_same_person_in_three_reports_is_one_unique_person(make_report, demo):
    enschede = Municipality.objects.get(cbs_code="GM0153")
    for i in range(40):
        make_report(persons=[_person(i)])
    repeated = _person(3)
    make_report(by="afm.enschede", municipality=enschede, persons=[repeated])
    make_report(by="hub.twente", persons=[repeated])
    run = link_region(enschede.region)
    assert run.record_count == 42
    assert run.cluster_count == 40
    clusters = dict(PersonCluster.objects.filter(run=run).values_list("person_id", "cluster_id"))
    frame = person_frame(enschede.region)
    same = frame[frame.phone == repeated.phone]  # persons 3 and 23 are namesakes: not the same
    assert len(same) == 3
    assert len({clusters[int(pk)] for pk in same.record_id}) == 1
    assert len(set(same.source)) == 3  # three organisations: the capture history of one person
    assert LinkageRun.objects.latest().model  # the trained weights are kept for the analyst
