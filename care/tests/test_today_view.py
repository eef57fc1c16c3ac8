from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.audit import Actor
from care.models import DiaryEntry, IceSession, TaskLog
from care.testing import make_plan

URL = "/today/"


def checkin(**extra):
    return {"date": timezone.localdate().isoformat(), "side": "right", "pain_now": "2", **extra}


def test_patient_without_a_plan_is_offered_to_start_one(client, patient):
    client.force_login(patient)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Start my plan" in response.content


def test_owner_sees_checklist_ice_timer_light_and_check_in(client, patient, plan, django_assert_max_num_queries):
    client.force_login(patient)
    with django_assert_max_num_queries(25):
        response = client.get(URL)
    body = response.content.decode()
    assert "Today's checklist" in body
    assert 'id="ice"' in body and "ice-timer.js" in body
    assert "Pain check-in" in body
    assert "no check-in yet" in body


def test_step_two_lists_exercises_with_dosage_and_bounded_queries(
    client, patient, plan2, django_assert_max_num_queries
):
    client.force_login(patient)
    with django_assert_max_num_queries(25):
        response = client.get(URL)
    body = response.content.decode()
    assert "Wall sit" in body and "3 sets of 5, hold 20 seconds" in body
    assert 'id="ice"' not in body


def test_another_patient_sees_only_their_own_day(client, patient, plan, other_patient):
    TaskLog.objects.create(patient=patient, plan=plan, date=timezone.localdate(), task_code="elevation", status="done")
    client.force_login(other_patient)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Start my plan" in response.content
    assert b"Pat Owner" not in response.content


def test_clinician_outside_the_care_team_gets_404(client, outside_clinician, plan):
    client.force_login(outside_clinician)
    assert client.get(URL).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_check_in_saves_and_the_light_changes(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/check-in/", checkin(pain_during_activity="6"))
    assert response.status_code == 302
    assert DiaryEntry.objects.get(patient=patient).pain_during_activity == 6
    assert b'Pain light: <span class="light-word" data-colour="red">red' in client.get(URL).content


def test_check_in_with_pain_eleven_shows_the_message_and_stores_nothing(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/check-in/", checkin(pain_worst="11"))
    assert response.status_code == 422
    assert b"Pain is scored from 0 to 10." in response.content
    assert not DiaryEntry.objects.exists()


def test_check_in_for_a_future_day_is_refused(client, patient, plan):
    client.force_login(patient)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post("/today/check-in/", checkin(date=tomorrow))
    assert response.status_code == 422
    assert b"in the future" in response.content


def test_red_flag_check_in_shows_the_urgent_help_message(client, patient, plan):
    client.force_login(patient)
    client.post("/today/check-in/", checkin(locking="on"))
    body = client.get(URL).content.decode()
    assert "Warning sign: The knee locked" in body and "get help" in body
    assert "Today or tomorrow: call the practice now" in body


def test_editing_a_check_in_keeps_its_history(client, patient, plan):
    client.force_login(patient)
    client.post("/today/check-in/", checkin(pain_now="2"))
    client.post("/today/check-in/", checkin(pain_now="4"))
    entry = DiaryEntry.objects.get()
    assert entry.pain_now == 4 and entry.revisions.count() == 1


def test_another_patients_check_in_goes_to_their_own_diary(client, plan, other_patient):
    client.force_login(other_patient)
    assert client.post("/today/check-in/", checkin()).status_code == 302
    assert not DiaryEntry.objects.filter(patient=plan.patient).exists()
    assert DiaryEntry.objects.filter(patient=other_patient).exists()


def test_clinician_outside_the_care_team_cannot_post_a_check_in(client, plan, outside_clinician):
    client.force_login(outside_clinician)
    assert client.post("/today/check-in/", checkin()).status_code == 404
    assert not DiaryEntry.objects.exists()


def test_anonymous_check_in_is_sent_to_sign_in(client, plan):
    assert client.post("/today/check-in/", checkin()).status_code == 302
    assert not DiaryEntry.objects.exists()


def test_task_done_with_htmx_returns_the_row(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/tasks/", {"task": "elevation", "status": "done"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"Done</span>" in response.content
    assert TaskLog.objects.get().status == "done"


def test_skipping_without_a_reason_shows_a_message(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/tasks/", {"task": "elevation", "status": "skipped"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert b"why you skipped" in response.content
    assert not TaskLog.objects.exists()


def test_task_log_without_htmx_redirects_to_today(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/tasks/", {"task": "ice", "status": "skipped", "reason": "No ice at home"})
    assert response.status_code == 302
    assert TaskLog.objects.get().reason == "No ice at home"


def test_task_log_by_others_is_refused(client, other_patient, outside_clinician, plan):
    client.force_login(other_patient)
    assert client.post("/today/tasks/", {"task": "elevation", "status": "done"}).status_code == 404
    client.force_login(outside_clinician)
    assert client.post("/today/tasks/", {"task": "elevation", "status": "done"}).status_code == 404
    client.logout()
    assert client.post("/today/tasks/", {"task": "elevation", "status": "done"}).status_code == 302
    assert not TaskLog.objects.exists()


def test_ice_session_is_logged_from_the_timer_form(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/ice/", {"minutes": "16"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"1 of 3 sessions today" in response.content
    assert IceSession.objects.get().minutes == 16


def test_ice_session_over_an_hour_is_refused(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/ice/", {"minutes": "61"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert b"1 to 60 minutes" in response.content
    assert not IceSession.objects.exists()


def test_ice_by_others_is_refused(client, other_patient, outside_clinician, plan):
    for user in (other_patient, outside_clinician):
        client.force_login(user)
        client.post("/today/ice/", {"minutes": "15"})
    assert not IceSession.objects.filter(patient=plan.patient).exists()


def test_timer_can_be_shortened_by_setting(client, patient, plan, settings):
    settings.CARE_ICE_SECONDS_PER_MINUTE = 0.2
    client.force_login(patient)
    assert b'data-seconds-per-minute="0.2"' in client.get(URL).content


def test_page_shows_a_patient_suggestion(client, patient):
    from care.models import Suggestion

    plan = make_plan(patient)
    Suggestion.objects.create(plan=plan, kind="next_step", target_step=2, audience="patient", reason="Time to call us.")
    client.force_login(patient)
    assert b"Time to call us." in client.get(URL).content


def test_today_shows_the_running_track_once_unlocked(client, patient, settings):
    settings.CARE_RTR_GREEN_DAYS = 2
    make_plan(patient, step=2, days_ago=3)
    for d in range(2):
        DiaryEntry.objects.create(
            patient=patient, date=timezone.localdate() - timedelta(days=d), side="right", pain_now=0
        )
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert "Next: level 1" in body and "You can run today." in body


def test_today_tells_the_patient_when_their_clinician_is_asked_to_review(client, patient):
    from care.models import Suggestion

    plan = make_plan(patient)
    Suggestion.objects.create(plan=plan, kind="next_step", target_step=2, audience="clinician", reason="Stalled")
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert "Your clinician has been asked to look at how your plan is going." in body
    assert "Stalled" not in body


def test_check_in_form_switches_knee_and_prefills_that_entry(client, patient, plan):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=6)
    client.force_login(patient)
    body = client.get(URL + "?side=left").content.decode()
    assert 'name="pain_now" value="6"' in body


def test_each_due_questionnaire_links_to_its_form(client, patient, plan):
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert '<a href="/questionnaires/akps/">' in body
    assert '<a href="/questionnaires/koos_pf/">' in body


def test_every_button_on_today_uses_the_site_button_style(client, patient, plan):
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert 'class="button small" aria-label="Done: ' in body
    assert 'class="button secondary" data-ice-stop hidden' in body
    assert '<button type="submit">' not in body


def test_an_ice_session_logged_in_place_is_confirmed_once_not_again_on_the_next_page(client, patient, plan):
    client.force_login(patient)
    response = client.post("/today/ice/", {"minutes": "1"}, headers={"HX-Request": "true"})
    assert b"Ice session of 1 minute logged." in response.content
    assert b"Ice session of" not in client.get("/diary/").content


def test_without_a_plan_or_check_in_today_does_not_ask_for_a_check_in_it_does_not_show(client, patient):
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert "Start my plan" in body
    assert "Do today's check-in" not in body


def test_without_a_plan_a_check_in_still_shows_its_light(client, patient):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=1)
    client.force_login(patient)
    assert "Pain light:" in client.get(URL).content.decode()


def test_the_check_in_knee_follows_the_last_check_in(client, patient, plan):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate() - timedelta(days=1), side="left", pain_now=2)
    client.force_login(patient)
    form = client.get(URL).context["checkin_form"]
    assert form.initial["side"] == "left"
    assert client.get("/diary/").context["form"].initial["side"] == "left"


def test_the_first_check_in_knee_follows_the_self_check_the_plan_started_from(client, patient):
    from assessments.models import SelfCheck
    from care import services

    check = SelfCheck.objects.create(patient=patient, answers={"side": "left"}, outcome="self_care", reasons=[])
    services.start_plan(patient, Actor(patient), self_check_id=check.pk)
    client.force_login(patient)
    assert client.get(URL).context["checkin_form"].initial["side"] == "left"


def test_today_shows_the_lights_reasons_naming_the_knee(client, patient, plan):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=1, morning_pain=7)
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=0)
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert 'data-colour="red">red' in body
    assert "Left knee: Pain or stiffness is clearly worse in the morning. Reduce your load today" in body
    assert "<li>Left knee: Morning pain was 7/10, above 5.</li>" in body


def test_the_check_in_asks_every_warning_sign_of_the_self_check(client, patient, plan):
    from assessments import questions

    client.force_login(patient)
    body = client.get(URL).content.decode()
    for code in (
        "calf_swelling_or_pain",
        "chest_pain_or_breathless",
        "hot_swollen_no_fever",
        "hot_red_swollen_fever",
        "cannot_bear_weight",
        "cannot_straighten_or_lift_leg",
    ):
        assert f'name="{code}"' in body
        assert str(questions.RED_FLAGS[code]) in body
    assert "call 911 now" in body


def test_an_emergency_warning_sign_in_the_check_in_shows_911_not_the_practice(client, patient, plan):
    client.force_login(patient)
    client.post("/today/check-in/", checkin(hot_red_swollen_fever="on"))
    assert DiaryEntry.objects.get().hot_red_swollen_fever
    body = client.get(URL).content.decode()
    assert 'data-colour="red">emergency' in body
    assert "Now: call 911 or go to an emergency room." in body
    assert 'href="tel:911"' in body


def test_an_urgent_warning_sign_in_the_check_in_says_today_or_tomorrow(client, patient, plan):
    client.force_login(patient)
    client.post("/today/check-in/", checkin(calf_swelling_or_pain="on"))
    body = client.get(URL).content.decode()
    assert 'data-colour="red">get help' in body
    assert "Today or tomorrow: call the practice now" in body
    assert "Warning sign: The calf is swollen" in body


def test_the_check_in_form_asks_every_warning_sign_the_light_knows(db):
    from care.forms import CheckInForm
    from care.services import DIARY_FIELDS
    from care.warning_signs import FLAGS

    form = CheckInForm()
    assert [field.name for field in form.warning_signs()] == list(FLAGS)
    assert set(FLAGS) <= set(DIARY_FIELDS)
