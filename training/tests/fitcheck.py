"""fitdecode's own reading of FIT session totals, the reference the summary reader is checked against."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

import fitdecode
import pytest

from training.importers import fit as fit_reader
from training.importers.fit_totals import MIN_ABSOLUTE_TIME

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)


def fitdecode_sessions(data: bytes) -> list[dict[str, object]]:
    """Session messages as fitdecode reads them (scaled values, times in FIT seconds)."""
    sessions = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fitdecode.FitReader(data, processor=None, check_crc=fitdecode.CrcCheck.DISABLED) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields if not f.is_expanded})
    return sessions


def assert_agrees_with_fitdecode(data: bytes) -> None:
    """The summary reader's activities match fitdecode's sessions one for one."""
    ours = fit_reader.parse(data)
    theirs = fitdecode_sessions(data)
    assert len(ours) == len(theirs)
    for activity, session in zip(ours, theirs, strict=True):
        assert activity.distance_m == pytest.approx(session.get("total_distance") or 0.0, abs=0.01)
        assert activity.moving_time_s == pytest.approx(session["total_timer_time"], abs=0.001)
        assert activity.elapsed_s == pytest.approx(session["total_elapsed_time"], abs=0.001)
        start = session.get("start_time")
        if isinstance(start, int) and start >= MIN_ABSOLUTE_TIME:
            assert activity.start == FIT_EPOCH + timedelta(seconds=start)
