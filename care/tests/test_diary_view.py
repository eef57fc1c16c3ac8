from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from care.models import DiaryEntry


def test_owner_sees_their_entries_with_the_light_and_edit_count(client, patient, django_assert_max_num_queries):
    today = timezone.localdate()
    for d in range(20):
        DiaryEntry.objects.create(
            patient=patient,
            date=today - timedelta(days=d),
            side="right",
            pain_now=2,
            pain_during_activity=6 if d == 0 else 1,
        )
    client.force_login(patient)
    with django_assert_max_num_queries(12):
        response = client.get("/diary/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<tr><td>") == 20
    assert "dot-red" in body and "dot-green" in body


def test_check_in_from_the_diary_returns_to_the_diary(client, patient):
    client.force_login(patient)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post("/today/check-in/", {"date": yesterday, "side": "left", "pain_now": "3", "next": "diary"})
    assert response["Location"] == "/diary/"


def test_other_patient_does_not_see_the_entries(client, patient, other_patient):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=9)
    client.force_login(other_patient)
    assert b"No check-ins yet." in client.get("/diary/").content


def test_outside_clinician_and_anonymous_are_refused(client, outside_clinician):
    client.force_login(outside_clinician)
    assert client.get("/diary/").status_code == 404
    client.logout()
    assert client.get("/diary/").status_code == 302


def test_change_link_prefills_the_form_with_that_entry(client, patient):
    day = timezone.localdate() - timedelta(days=2)
    DiaryEntry.objects.create(patient=patient, date=day, side="left", pain_now=7, morning_stiffness=4)
    client.force_login(patient)
    body = client.get(f"/diary/?date={day.isoformat()}&side=left").content.decode()
    assert 'name="pain_now" value="7"' in body
    assert 'name="morning_stiffness" value="4"' in body
    assert f'value="{day.isoformat()}"' in body


def test_diary_draws_a_pain_chart_on_the_zones(client, patient):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=2, pain_worst=4)
    client.force_login(patient)
    body = client.get("/diary/").content.decode()
    assert 'id="diary-chart"' in body and "diary-chart-data" in body


def test_diary_without_entries_has_no_chart(client, patient):
    client.force_login(patient)
    assert b"diary-chart" not in client.get("/diary/").content


def test_the_diary_shows_the_same_light_and_reasons_as_today(client, patient):
    from care.testing import make_plan

    make_plan(patient)
    today = timezone.localdate()
    DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=3), side="left", pain_now=0, morning_pain=2)
    DiaryEntry.objects.create(patient=patient, date=today, side="left", pain_now=0, morning_pain=3)
    DiaryEntry.objects.create(patient=patient, date=today, side="right", pain_now=1)
    client.force_login(patient)
    diary_light = client.get("/diary/").context["light"]
    assert diary_light == client.get("/today/").context["light"]
    assert diary_light.colour == "amber" and diary_light.knee == "left"
    body = client.get("/diary/").content.decode()
    assert "<li>Left knee: Morning pain was 3/10, 1 point higher than on" in body
    assert "Hold your load steady" in body


def test_each_diary_row_shows_that_knees_light(client, patient):
    today = timezone.localdate()
    DiaryEntry.objects.create(patient=patient, date=today, side="left", pain_now=8)
    DiaryEntry.objects.create(patient=patient, date=today, side="right", pain_now=1)
    client.force_login(patient)
    rows = {r["entry"].side: r["colour"] for r in client.get("/diary/").context["rows"]}
    assert rows == {"left": "red", "right": "green"}


def test_a_both_knees_row_shows_the_worse_knee(client, patient):
    today = timezone.localdate()
    DiaryEntry.objects.create(patient=patient, date=today, side="both", pain_now=1)
    DiaryEntry.objects.create(patient=patient, date=today, side="left", pain_now=4)
    client.force_login(patient)
    rows = {r["entry"].side: r["colour"] for r in client.get("/diary/").context["rows"]}
    assert rows == {"both": "amber", "left": "amber"}
