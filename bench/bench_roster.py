"""Roster page for 500 patients with two years of data each: SQL queries and median server time.

Runs on a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is set), never on
the real one. Baseline from the same run: the roster of a clinician with 10 of those patients.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import timedelta

from bench.__main__ import Row

PATIENTS = int(os.environ.get("BENCH_ROSTER_PATIENTS", "500"))
DAYS = 730
RUNS = 9


def _fill(clinician_many: object, clinician_few: object) -> None:
    from django.utils import timezone

    from accounts.models import CareTeam, Role, User
    from assessments.models import SelfCheck
    from care.models import DiaryEntry
    from practice.models import Appointment
    from training.models import Activity

    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", name=f"Bench Patient {i}", role=Role.PATIENT) for i in range(PATIENTS)
    )
    CareTeam.objects.bulk_create(CareTeam(clinician=clinician_many, patient=u) for u in users)  # type: ignore[misc]
    CareTeam.objects.bulk_create(CareTeam(clinician=clinician_few, patient=u) for u in users[:10])  # type: ignore[misc]
    Appointment.objects.bulk_create(
        Appointment(
            patient=u,
            clinician=clinician_many,  # type: ignore[misc]
            start=now + timedelta(days=1 + i % 20),
            end=now + timedelta(days=1 + i % 20, minutes=20),
        )
        for i, u in enumerate(users)
    )
    batch = []
    for i, u in enumerate(users):
        for day in range(0, DAYS, 2):  # a run every other day for two years
            batch.append(
                Activity(
                    patient=u,
                    start=now - timedelta(days=day, hours=i % 5),
                    elapsed_s=3000.0,
                    distance_m=5000.0 + (day % 14) * 500 + (3000 if day == 1 and i % 7 == 0 else 0),
                    content_hash=f"{i}-{day}",
                )
            )
        if len(batch) > 20000:
            Activity.objects.bulk_create(batch)
            batch = []
    Activity.objects.bulk_create(batch)
    diary = []
    today = now.date()
    for i, u in enumerate(users):
        for day in range(0, DAYS, 3):
            worse = i % 5 == 0 and day < 7
            diary.append(
                DiaryEntry(
                    patient=u,
                    date=today - timedelta(days=day),
                    side="right",
                    pain_now=6 if worse else 2,
                    pain_worst=7 if worse else 3,
                )
            )
        if len(diary) > 20000:
            DiaryEntry.objects.bulk_create(diary)
            diary = []
    DiaryEntry.objects.bulk_create(diary)
    SelfCheck.objects.bulk_create(
        SelfCheck(patient=u, answers={}, outcome="urgent", reasons=[], created_at=now - timedelta(days=1))
        for u in users[::25]
    )


def _measure(client: object, label: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get("/clinic/", {"sort": "urgency"}, HTTP_HOST="127.0.0.1")  # type: ignore[attr-defined]
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, label
        queries = len(captured)
    return statistics.median(times), queries


def run() -> list[Row]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from accounts.models import Role, User
    from accounts.services import ensure_totp
    from accounts.testing import sign_in_with_totp
    from practice import demo

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        demo.load()
        many = User.objects.create_user(email="bench-doc@example.org", role=Role.CLINICIAN, name="Bench Doc")
        few = User.objects.create_user(email="bench-few@example.org", role=Role.CLINICIAN, name="Few Doc")
        for doctor in (many, few):
            ensure_totp(doctor)
        started = time.perf_counter()
        _fill(many, few)
        fill_s = time.perf_counter() - started
        with connection.cursor() as cursor:
            # Planner statistics as a live database has them after autovacuum / a nightly ANALYZE.
            cursor.execute("ANALYZE")
        client = Client()
        sign_in_with_totp(client, many)
        full_ms, full_q = _measure(client, "full")
        sign_in_with_totp(client, few)
        base_ms, base_q = _measure(client, "baseline")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    engine = connection.vendor
    return [
        Row(
            f"roster, {PATIENTS} patients x 2 years ({engine})",
            f"{full_ms:.0f} ms median, {full_q} queries",
            f"{base_ms:.0f} ms, {base_q} queries (10 patients)",
            f"target < 300 ms; data filled in {fill_s:.0f} s; load average {os.getloadavg()[0]:.1f}",
        )
    ]
