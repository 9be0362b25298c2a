"""Latency of the "already known?" check with N persons in PostgreSQL (issue 5).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zicht_bench_known \\
        uv run python bench/known_check.py fill [N=1000000]
    DATABASE_URL=... flock /tmp/zicht-bench.lock \\
        uv run python bench/known_check.py [N=1000000] [LOOKUPS=300]

Fills the database (once; rerun reuses it; `fill` only fills) with N involved persons in
reports of the Twente region, spread over its organisations, with their pseudonyms, then
times `zicht.linkage.already_known.already_known` on typed identifiers — the report form's
check — as a municipal reporter, for lookups of persons written through the product's code
that hit (a known phone, address, name + date of birth), that someone else might type
differently (date swapped or one digit off, a letter of the surname), that give a name
without a date of birth (the persons of that name are scored) and that miss (a new person
with a date of birth and a phone), and prints the median and p95 in milliseconds and
how many lookups were known elsewhere or a possible match (the reporter's own organisation
never is).
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings_test")
if "DATABASE_URL" not in os.environ:
    sys.exit("set DATABASE_URL to a PostgreSQL database for the benchmark")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from testdata.synthetic_persons import generate  # noqa: E402
from zicht.casework.models import Case  # noqa: E402
from zicht.demo.create import create_demo  # noqa: E402
from zicht.intake.identifiers import address_key, name_key, phone_key  # noqa: E402
from zicht.intake.models import InvolvedPerson, Report  # noqa: E402
from zicht.linkage.already_known import already_known  # noqa: E402
from zicht.matching.normalise import normalise_birth_date  # noqa: E402
from zicht.matching.pseudonyms import pseudonymise  # noqa: E402
from zicht.organisations.models import Membership, Organisation, Region  # noqa: E402
from zicht.register.digests import identifiers  # noqa: E402
from zicht.register.keys import keyring  # noqa: E402
from zicht.register.models import PersonPseudonym  # noqa: E402

PERSONS_PER_REPORT = 4
BATCH = 20_000


REALISTIC = 5_000  # persons written through the product's own code, with real pseudonyms

BULK_SQL = """
WITH org AS (
    SELECT array_agg(id ORDER BY id) AS ids FROM organisations_organisation
    WHERE region_id = %(region)s
), cases AS (
    INSERT INTO casework_case (region_id, municipality_id, status, is_acute, has_safety_risk,
                               opened_at, opened_by_hub, closure_reason, updated_at)
    SELECT %(region)s, %(municipality)s, 'received', false, false, now(), false, '', now()
    FROM generate_series(1, %(reports)s)
    RETURNING id
), reports AS (
    INSERT INTO intake_report (submission_key, case_id, received_at, source,
                               reporting_organisation_id, is_acute, exploitation_forms, sectors,
                               indicators, description, municipality_id, location, language,
                               is_supplement)
    SELECT gen_random_uuid(), cases.id, now(), 'municipal',
           (SELECT ids[1 + (cases.id %% array_length(ids, 1))] FROM org),
           false, '[]', '[]', '[]', 'bench', %(municipality)s, '', 'nl', false
    FROM cases
    RETURNING id
)
INSERT INTO intake_involvedperson (report_id, role, first_name, last_name, birth_date, sex,
                                   nationality, phone, street, house_number, postcode, city,
                                   description, name_key, phone_key, address_key)
SELECT reports.id, 'presumed_victim', f.name, l.name,
       date '1960-01-01' + (random() * 17000)::int, 'unknown', '',
       '06' || lpad((random() * 99999999)::int::text, 8, '0'), '', '', '', '', '',
       lower(f.name) || '|' || lower(l.name), '', ''
FROM reports,
     generate_series(1, %(per_report)s) AS g,
     LATERAL (SELECT (ARRAY['anna','maria','ioana','elena','oksana','joy','sanne','lisa','yana',
              'piotr','andrei','ion','dmytro','tomasz','kevin','daan','georgi','ahmet','wei',
              'fatima'])[1 + (random() * 19)::int] || substr(md5(random()::text), 1, 2)
              AS name) AS f,
     LATERAL (SELECT (ARRAY['kowalska','popescu','ivanova','nowak','vries','berg','jansen',
              'okafor','shevchenko','georgieva','yilmaz','bakker','dumitru','chen','amrani',
              'horvath','visser','kovalenko','petrov','smit'])[1 + (random() * 19)::int]
              || substr(md5(random()::text), 1, 3) AS name) AS l
"""

PSEUDONYM_SQL = """
INSERT INTO linkage_personpseudonym
    (person_id, region_id, organisation_id, kind, key_version, digest)
SELECT p.id, %(region)s, r.reporting_organisation_id, k.kind, 1,
       md5(random()::text) || md5(random()::text)
FROM intake_involvedperson p JOIN intake_report r ON r.id = p.report_id
CROSS JOIN (VALUES ('phone'), ('name_birth_date'), ('address')) AS k(kind)
WHERE p.id > %(after)s
"""


def _realistic(region, municipality, organisations, n: int) -> None:
    """Persons written as the product writes them: synthetic Dutch records, real keys."""
    people = generate(n, seed=7)
    ring = keyring()
    rng = random.Random(7)
    with transaction.atomic():
        cases = Case.objects.bulk_create(
            Case(region=region, municipality=municipality, status="received")
            for _ in range(0, n, PERSONS_PER_REPORT)
        )
        reports = Report.objects.bulk_create(
            Report(
                submission_key=uuid.uuid4(),
                case=case,
                source="municipal",
                reporting_organisation=rng.choice(organisations),
                description="bench",
                municipality=municipality,
            )
            for case in cases
        )
        persons = []
        for i, row in enumerate(people.itertuples(index=False)):
            parsed = normalise_birth_date(row.birth_date)
            person = InvolvedPerson(
                report=reports[i // PERSONS_PER_REPORT],
                role="presumed_victim",
                first_name=row.first_name or "",
                last_name=row.last_name or "",
                birth_date=datetime.date(parsed.year, parsed.month, parsed.day)
                if parsed and parsed.is_full
                else None,
                phone=row.phone or "",
                postcode=row.postcode or "",
                house_number=row.house_number or "",
            )
            person.name_key = name_key(person.first_name, person.last_name)
            person.phone_key = phone_key(person.phone)
            person.address_key = address_key(person.postcode, person.house_number)
            persons.append(person)
        persons = InvolvedPerson.objects.bulk_create(persons)
        pseudonyms = []
        for person in persons:
            for kind, value in identifiers(person):
                p = pseudonymise(kind, value, ring)
                if p is not None:
                    pseudonyms.append(
                        PersonPseudonym(
                            person=person,
                            region=region,
                            organisation_id=person.report.reporting_organisation_id,
                            kind=kind,
                            key_version=p.version,
                            digest=p.digest,
                        )
                    )
        PersonPseudonym.objects.bulk_create(pseudonyms, ignore_conflicts=True)


def fill(n: int) -> None:
    """N persons: REALISTIC of them through the product's code (these are looked up), the
    rest generated in SQL with random names and pseudonyms, for the index sizes of N."""
    region = Region.objects.get(code="VR05")
    organisations = list(Organisation.objects.filter(region=region))
    municipality = region.municipalities.first()
    have = InvolvedPerson.objects.count()
    if have >= n:
        print(f"database holds {have} persons already")
        return
    started = time.perf_counter()
    if have < REALISTIC:
        _realistic(region, municipality, organisations, REALISTIC - have)
        have = InvolvedPerson.objects.count()
    step = 200_000
    while have < n:
        count = min(step, n - have)
        after = InvolvedPerson.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with transaction.atomic(), connection.cursor() as cursor:
            params = {
                "region": region.pk,
                "municipality": municipality.pk,
                "reports": max(1, count // PERSONS_PER_REPORT),  # the last few: one report
                "per_report": PERSONS_PER_REPORT,
                "after": after,
            }
            cursor.execute(BULK_SQL, params)
            cursor.execute(PSEUDONYM_SQL, params)
        have = InvolvedPerson.objects.count()
        print(f"  {have} persons ({time.perf_counter() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # index-only scans need the visibility map


def _typo(rng: random.Random, word: str) -> str:
    """One letter of the word replaced."""
    i = rng.randrange(len(word))
    return word[:i] + rng.choice("aeiouklmnrst".replace(word[i].lower(), "")) + word[i + 1 :]


def _fuzzy(rng: random.Random, row: dict) -> dict:
    """The person as someone else might type them: day and month swapped, one digit of the
    date mistyped, or one letter of the surname."""
    first, last, birth = row["first_name"], row["last_name"], row["birth_date"]
    way = rng.choice(("swap", "digit", "letter"))
    if way == "swap" and birth.day <= 12 and birth.day != birth.month:
        birth = birth.replace(month=birth.day, day=birth.month)
    elif way in ("swap", "digit"):
        day = birth.day % 9 + 1 if birth.day < 10 else 11 if birth.day == 10 else birth.day - 10
        birth = birth.replace(day=day)
    else:
        last = _typo(rng, last)
    return {"first_name": first, "last_name": last, "birth_date": birth}


def _miss(rng: random.Random) -> dict:
    """A person nobody registered: a new name, a date of birth, a phone number."""
    return {
        "first_name": "Zzyzx",
        "last_name": f"Qwerty{rng.randint(0, 10**6)}",
        "birth_date": datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 17000)),
        "phone": f"06{rng.randint(10**7, 10**8 - 1)}",
    }


def main() -> None:
    args = sys.argv[1:]
    fill_only = bool(args) and args[0] == "fill"
    if fill_only:
        args = args[1:]
    n = int(args[0]) if args else 1_000_000
    lookups = int(args[1]) if len(args) > 1 else 300
    call_command("migrate", verbosity=0)
    create_demo(history=False)
    fill(n)
    if fill_only:
        return
    by = Membership.objects.select_related("organisation", "user").get(
        user__username="wijkcoach.hengelo"
    )
    rng = random.Random(1)
    # the persons written through the product's code (real pseudonyms) are the first ones
    realistic = list(
        InvolvedPerson.objects.order_by("pk").values(
            "first_name", "last_name", "birth_date", "phone", "postcode", "house_number"
        )[:REALISTIC]
    )
    with_phone = [r for r in realistic if r["phone"]]
    with_address = [r for r in realistic if r["postcode"] and r["house_number"]]
    with_name_date = [
        r for r in realistic if r["first_name"] and r["last_name"] and r["birth_date"]
    ]
    kinds = {
        "phone hit": lambda: {"phone": rng.choice(with_phone)["phone"]},
        "address hit": lambda: {
            k: v for k, v in rng.choice(with_address).items() if k in ("postcode", "house_number")
        },
        "name + date of birth": lambda: {
            k: v
            for k, v in rng.choice(with_name_date).items()
            if k in ("first_name", "last_name", "birth_date")
        },
        "fuzzy name + date of birth": lambda: _fuzzy(rng, rng.choice(with_name_date)),
        # no date of birth: the persons with the same name are scored (their name key)
        "name only": lambda: {
            k: v for k, v in rng.choice(with_name_date).items() if k in ("first_name", "last_name")
        },
        "miss": lambda: _miss(rng),
    }
    for _ in range(5):  # warm-up, not timed: imports, connection, caches of the planner
        for make in kinds.values():
            already_known(make(), by=by)
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    known = dict.fromkeys(kinds, 0)
    possible = dict.fromkeys(kinds, 0)
    load_before = os.getloadavg()
    for _ in range(lookups):
        for label, make in kinds.items():
            values = make()
            started = time.perf_counter()
            result = already_known(values, by=by)
            timings[label].append((time.perf_counter() - started) * 1000)
            known[label] += bool(result.known)
            possible[label] += bool(result.possible)
    load_after = os.getloadavg()
    when = datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"\n{InvolvedPerson.objects.count()} persons, {lookups} lookups of each kind, {when}, "
        f"load average {load_before[0]:.1f} before / {load_after[0]:.1f} after "
        f"({os.cpu_count()} cores)"
    )
    for label, values in timings.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"  {label:28} median {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms   "
            f"known elsewhere {known[label]}, possible {possible[label]} of {lookups}"
        )


if __name__ == "__main__":
    main()
