"""kneecap import, activities and load-report."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from training.demo import gpx_run
from training.models import Activity

START = datetime(2025, 6, 1, 13, 0, tzinfo=UTC)


def test_import_prints_a_summary_and_exits_0_when_nothing_failed(patient, tmp_path, capsys):
    for i in range(2):
        (tmp_path / f"{i}.gpx").write_bytes(gpx_run(START + timedelta(days=i), 5.0, seed=i))
    call_command("import", str(tmp_path), patient=patient.email)
    out = capsys.readouterr().out
    assert "2 imported, 0 duplicates, 0 skipped, 0 failed" in out
    assert Activity.objects.filter(patient=patient).count() == 2


def test_import_exits_1_when_a_file_failed(patient, tmp_path, capsys):
    bad = tmp_path / "bad.gpx"
    bad.write_bytes(b"<gpx></gpx>")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(bad), patient=patient.email)
    assert exit_info.value.code == 1
    assert "bad.gpx" in capsys.readouterr().out


def test_import_refuses_an_unknown_patient_or_path(patient, tmp_path):
    with pytest.raises(CommandError, match="No patient"):
        call_command("import", str(tmp_path), patient="nobody@example.org")
    with pytest.raises(CommandError, match="Not found"):
        call_command("import", str(tmp_path / "missing.fit"), patient=patient.email)


def test_activities_json_has_exactly_the_issues_fields(patient, runs, capsys):
    call_command("activities", patient=patient.email, json=True)
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(runs)
    assert list(rows[0]) == [
        "start", "sport", "distance_m", "duration_s", "moving_time_s", "elevation_gain_m", "elevation_loss_m",
        "avg_hr", "avg_cadence_spm", "surface", "shoe", "source_format", "source_file",
    ]  # fmt: skip
    assert rows[0]["start"] < rows[-1]["start"]


def test_load_report_json(patient, runs, capsys):
    call_command("load_report", patient=patient.email, date=timezone.localdate().isoformat(), json=True)
    report = json.loads(capsys.readouterr().out)
    assert report["warnings"][0]["code"] == "long_run_spike"
    assert set(report) == {"date", "weekly", "warnings", "acwr", "cadence"}


def test_load_report_json_includes_the_return_after_a_break(patient, comeback, capsys):
    call_command("load_report", patient=patient.email, json=True)
    [warning] = json.loads(capsys.readouterr().out)["warnings"]
    assert warning["code"] == "return_after_break"
    assert warning["days_off"] == 39 and warning["distance_m"] == 5000


def test_load_report_refuses_a_bad_date(patient):
    with pytest.raises(CommandError, match="2025-03-31"):
        call_command("load_report", patient=patient.email, date="yesterday")


def test_import_queues_records_for_charts_after_the_summary(
    patient, tmp_path, capsys, django_capture_on_commit_callbacks
):
    from training.models import ActivityRecords

    (tmp_path / "a.gpx").write_bytes(gpx_run(START, 3.0, seed=4))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", str(tmp_path / "a.gpx"), patient=patient.email)
    out = capsys.readouterr().out
    assert out.index("1 imported") < out.index("Records for charts of 1 runs queued")
    assert ActivityRecords.objects.filter(activity__patient=patient).count() == 1
