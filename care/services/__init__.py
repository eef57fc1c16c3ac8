"""Care-plan operations shared by the patient pages, the API, the clinician chart and the nightly task.

Every write checks who is acting (the ladder's rules, the care team) and is
audited with accounts.audit.audit for the Actor the caller passes. Bad input
raises CareError with one plain message per field; nothing is stored then.
Import from here: ``care.services.change_step``.
"""

from __future__ import annotations

from care.services.common import (
    CareConflict,
    CareError,
    active_plan,
    escalation_rules,
    ice_limits,
    in_care_team,
    starter_for,
    thresholds,
)
from care.services.daily import (
    ChecklistRow,
    adherence,
    checklist,
    exercise_code,
    ice_offered,
    log_ice,
    log_task,
    task_codes,
)
from care.services.diary import (
    DIARY_FIELDS,
    checkins,
    clean_diary,
    daily_lights,
    entry_colours,
    entry_values,
    save_diary_entry,
    traffic_light,
)
from care.services.escalate import decide_suggestion, pain_series, run_escalation
from care.services.plans import (
    ProgramRow,
    change_step,
    check_self_check,
    ensure_program,
    program_for,
    start_plan,
    tailor_program,
)
from care.services.running import RunTrack, log_run_session, run_track

__all__ = [
    "DIARY_FIELDS",
    "CareConflict",
    "CareError",
    "ChecklistRow",
    "ProgramRow",
    "RunTrack",
    "active_plan",
    "adherence",
    "change_step",
    "check_self_check",
    "checkins",
    "checklist",
    "clean_diary",
    "daily_lights",
    "decide_suggestion",
    "ensure_program",
    "entry_colours",
    "entry_values",
    "escalation_rules",
    "exercise_code",
    "ice_limits",
    "ice_offered",
    "in_care_team",
    "log_ice",
    "log_run_session",
    "log_task",
    "pain_series",
    "program_for",
    "run_escalation",
    "run_track",
    "save_diary_entry",
    "start_plan",
    "starter_for",
    "tailor_program",
    "task_codes",
    "thresholds",
    "traffic_light",
]
