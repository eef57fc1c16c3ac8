"""The import page: upload many files or a zip, the job runs (eagerly here), progress by htmx, then the summary."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from training.demo import gpx_run
from training.models import Activity, ImportJob, ImportStatus, ResultStatus

URL = reverse("training:import")
START = datetime(2025, 6, 1, 13, 0, tzinfo=UTC)


def zip_of_runs(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for i in range(count):
            zf.writestr(f"export/activities/{i}.gpx", gpx_run(START + timedelta(days=i), 4.0, seed=i))
        zf.writestr("export/notes.txt", b"hello")
    return buffer.getvalue()


def test_uploading_a_zip_imports_it_and_shows_the_summary(
    client, patient, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client.force_login(patient)
    upload = SimpleUploadedFile("export.zip", zip_of_runs(3), content_type="application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"upload": [upload]})
    job = ImportJob.objects.get(patient=patient)
    assert response.status_code == 302 and response["Location"] == reverse("training:import_job", args=[job.pk])
    assert job.status == ImportStatus.DONE
    assert Activity.objects.filter(patient=patient).count() == 3
    with django_assert_max_num_queries(10):
        body = client.get(response["Location"]).content.decode()
    assert 'id="import-summary"' in body
    assert "hx-trigger" not in body


def test_many_files_at_once_each_get_a_result(client, patient, django_capture_on_commit_callbacks):
    client.force_login(patient)
    files = [SimpleUploadedFile(f"{i}.gpx", gpx_run(START + timedelta(days=i), 3.0, seed=i)) for i in range(2)]
    files.append(SimpleUploadedFile("broken.tcx", b"<nope"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"upload": files})
    job = ImportJob.objects.get(patient=patient)
    assert [r.status for r in job.results.all()] == [ResultStatus.IMPORTED, ResultStatus.IMPORTED, ResultStatus.FAILED]
    assert job.results.get(name="broken.tcx").reason


def test_a_queued_job_polls_for_progress(client, patient):
    job = ImportJob.objects.create(patient=patient, status=ImportStatus.RUNNING, files_done=4)
    client.force_login(patient)
    body = client.get(reverse("training:import_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body
    partial = client.get(reverse("training:import_job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="import-progress"')
    assert "4 files read" in partial


def test_an_empty_file_is_refused_and_nothing_is_stored(client, patient):
    client.force_login(patient)
    response = client.post(URL, {"upload": [SimpleUploadedFile("empty.fit", b"")]})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not ImportJob.objects.exists()


@override_settings(TRAINING_IMPORT_MAX_BYTES=1000)
def test_an_upload_over_the_size_limit_is_refused(client, patient):
    client.force_login(patient)
    response = client.post(URL, {"upload": [SimpleUploadedFile("big.gpx", b"x" * 2000)]})
    assert "at most" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_no_file_chosen_is_explained(client, patient):
    client.force_login(patient)
    response = client.post(URL, {})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


@pytest.mark.parametrize("who", ["other_patient", "outside_clinician", "clinician"])
def test_nobody_else_sees_the_job(client, request, who, patient):
    job = ImportJob.objects.create(patient=patient)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("training:import_job", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("who", ["outside_clinician", "staff"])
def test_practice_roles_cannot_upload(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"upload": [SimpleUploadedFile("a.gpx", b"x")]}).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, patient):
    job = ImportJob.objects.create(patient=patient)
    assert client.get(URL)["Location"].startswith("/accounts/login/?next=")
    assert client.get(reverse("training:import_job", args=[job.pk]))["Location"].startswith("/accounts/login/?next=")


def csrf_client(user):
    """A client that checks CSRF as a browser's request is checked, with the token of the import page."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client, token


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
def test_too_many_files_at_once_get_the_import_page_with_its_own_message(patient):
    client, token = csrf_client(patient)
    files = [SimpleUploadedFile(f"{i}.gpx", b"<gpx/>") for i in range(3)]

    response = client.post(URL, {"csrfmiddlewaretoken": token, "upload": files})

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="upload-form"' in body
    assert "You chose more than 2 files; upload at most 2 at a time, or put them in one zip." in body
    assert not ImportJob.objects.exists()


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
def test_files_within_the_limit_still_need_the_csrf_token(patient, django_capture_on_commit_callbacks):
    client, token = csrf_client(patient)
    files = [SimpleUploadedFile(f"{i}.gpx", gpx_run(START + timedelta(days=i), 3.0, seed=i)) for i in range(2)]

    assert client.post(URL, {"upload": files}).status_code == 403
    for upload in files:
        upload.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"csrfmiddlewaretoken": token, "upload": files})

    assert response.status_code == 302
    assert ImportJob.objects.get(patient=patient).status == ImportStatus.DONE


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
@pytest.mark.parametrize("who", ["outside_clinician", "staff", None])
def test_too_many_files_from_anyone_but_a_patient_get_404(client, request, who, db):
    if who:
        client.force_login(request.getfixturevalue(who))
    files = [SimpleUploadedFile(f"{i}.gpx", b"<gpx/>") for i in range(3)]
    assert client.post(URL, {"upload": files}).status_code == 404


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_a_form_too_large_to_parse_gets_the_import_page_too(patient):
    client, token = csrf_client(patient)
    response = client.post(URL, {"csrfmiddlewaretoken": token, **{f"extra{i}": "x" for i in range(5)}})
    assert response.status_code == 400
    assert "put the files in one zip" in response.content.decode()


def test_the_refusal_is_marked_for_translation(patient, marked_for_translation, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    opening, closing = marked_for_translation
    client, token = csrf_client(patient)
    files = [SimpleUploadedFile(f"{i}.gpx", b"<gpx/>") for i in range(2)]
    body = client.post(URL, {"csrfmiddlewaretoken": token, "upload": files}).content.decode()
    assert f"{opening}You chose more than 1 files" in body and f"in one zip.{closing}" in body


def test_the_import_page_shows_the_limit_and_recent_jobs(client, patient, django_assert_max_num_queries):
    ImportJob.objects.create(patient=patient, status=ImportStatus.DONE, imported=4)
    client.force_login(patient)
    with django_assert_max_num_queries(8):
        body = client.get(URL).content.decode()
    assert "Up to 200 MB per import" in body
    assert "4 imported" in body
