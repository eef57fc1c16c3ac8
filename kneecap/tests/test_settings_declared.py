"""Every setting is declared once, in kneecap/settings.py, and the apps read it as ``settings.NAME``.

``getattr(settings, "NAME", default)`` keeps a second default beside the declared one, and a
``settings.NAME`` that nothing declares fails only when its line runs. Both are found here by reading
the apps' source, as is a variable missing from the README's configuration table.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import global_settings

from kneecap import settings as declared_settings

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "practice", "assessments", "training", "care", "chart", "common", "kneecap")
SETTINGS_FILE = ROOT / "kneecap" / "settings.py"


def app_files() -> list[Path]:
    """The apps' Python files, without tests, migrations and the settings modules."""
    return [
        path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts) and not path.name.startswith("settings")
    ]


def is_settings(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "settings"


def module_assignments(body: list[ast.stmt]) -> Iterator[str]:
    """Names assigned at module level, in every branch of an if (DEBUG on and off) and in loops."""
    for node in body:
        if isinstance(node, ast.Assign):
            yield from (target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id
        elif isinstance(node, ast.If | ast.For):
            yield from module_assignments(node.body + node.orelse)


def declared() -> set[str]:
    names = set(module_assignments(ast.parse(SETTINGS_FILE.read_text()).body))
    return {name for name in names if name.isupper()} | {name for name in dir(global_settings) if name.isupper()}


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"


def scan() -> tuple[list[str], list[tuple[str, str]]]:
    """(every getattr or hasattr on settings, every settings.NAME read as (place, NAME)) in the apps."""
    dynamic, reads = [], []
    for path in app_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and is_settings(node.value) and node.attr.isupper():
                reads.append((where(path, node), node.attr))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"getattr", "hasattr"}
                and node.args
                and is_settings(node.args[0])
            ):
                dynamic.append(where(path, node))
    return dynamic, reads


def test_app_code_reads_settings_by_name_without_a_second_default():
    dynamic, _reads = scan()
    assert dynamic == [], "read settings.NAME and declare NAME with its default in kneecap/settings.py"


def test_every_setting_app_code_reads_is_declared():
    _dynamic, reads = scan()
    # The scan sees the apps: these are read in accounts, training, care and chart.
    assert {"EMERGENCY_ACCESS_HOURS", "TRAINING_IMPORT_MAX_BYTES", "CARE_PAIN_SAFE_MAX", "CARE_NRS_MCID"} <= {
        name for _place, name in reads
    }
    known = declared()
    undeclared = [f"{place} settings.{name}" for place, name in reads if name not in known]
    assert undeclared == [], "declare these in kneecap/settings.py (with env.*) and the README's table"


def environment_variables() -> set[str]:
    """The variables kneecap/settings.py reads: the first argument of every env.<type>("NAME", ...)."""
    return {
        node.args[0].value
        for node in ast.walk(ast.parse(SETTINGS_FILE.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def readme_variables() -> set[str]:
    """The names in the first column of the README's configuration table."""
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}


def test_the_readme_table_lists_exactly_the_variables_settings_read():
    variables = environment_variables()
    assert {"DEBUG", "SECRET_KEY_FILE", "CARE_NRS_MCID"} <= variables
    assert variables - readme_variables() == set(), "add these to the README's configuration table"
    assert readme_variables() - variables == set(), "the README lists variables kneecap/settings.py does not read"


def test_the_rule_modules_defaults_are_the_declared_defaults():
    """The pure rule modules keep their cited defaults for their own tests; production builds them from
    settings, so both must say the same or the tests would check numbers the clinic never runs."""
    from assessments import schedule, triage_thresholds
    from care import escalation, pain_monitoring

    prod = declared_settings
    rules = escalation.Rules(
        weeks_in_step=prod.CARE_ESCALATION_WEEKS, akps_mcid=prod.CARE_AKPS_MCID, nrs_mcid=prod.CARE_NRS_MCID
    )
    assert rules == escalation.Rules()
    assert pain_monitoring.Thresholds.from_settings(prod) == pain_monitoring.Thresholds()
    assert triage_thresholds.Thresholds.from_mapping(prod.ASSESSMENTS_TRIAGE) == triage_thresholds.Thresholds()
    assert schedule.ScheduleConfig.from_mapping(prod.ASSESSMENTS_SCHEDULE) == schedule.ScheduleConfig()
