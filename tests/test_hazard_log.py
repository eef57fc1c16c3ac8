"""The hazard log in docs/clinical-safety.md names only tests that exist, and every hazard is complete."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "docs" / "clinical-safety.md"
PARTS = ("Cause", "Effect", "Before", "Control", "After", "Tests")
RISK = re.compile(
    r"severity (Minor|Significant|Considerable|Major|Catastrophic), "
    r"likelihood (Very low|Low|Medium|High|Very high), risk ([1-5])"
)
TEST_REF = re.compile(r"`([\w/.-]+\.py)::(test_\w+)`")
#: The hazards the log must cover, by a word of each title.
REQUIRED = (
    "red flag is routed to self-care",
    "instrument is scored wrongly",
    "pain light under-warns",
    "load warning misses a spike",
    "sees another patient's record",
    "reminder reaches the wrong person",
    "diary entry is lost",
    "escalation never reaches a clinician",
)


def hazards() -> dict[str, tuple[str, str]]:
    """id -> (title, body) for each '### H-NN: title' section."""
    text = LOG.read_text()
    found = {}
    for match in re.finditer(r"^### (H-\d\d): (.+?)\n(.*?)(?=^### |^## )", text, re.M | re.S):
        found[match.group(1)] = (match.group(2), match.group(3))
    return found


@cache
def functions_in(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text())
    return frozenset(node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))


def test_the_log_has_hazards_numbered_in_order():
    ids = list(hazards())
    assert ids, "no hazards found"
    assert ids == [f"H-{n:02d}" for n in range(1, len(ids) + 1)]


def test_the_log_covers_every_required_hazard():
    titles = " | ".join(title for title, _ in hazards().values())
    assert [r for r in REQUIRED if r not in titles] == []


def test_every_hazard_has_each_part_with_a_rated_risk_before_and_after():
    for hid, (_, body) in hazards().items():
        for part in PARTS:
            assert f"- **{part}:**" in body, f"{hid} has no {part}"
        before = RISK.search(body.split("- **Before:**")[1].split("\n")[0])
        after = RISK.search(body.split("- **After:**")[1].split("\n")[0])
        assert before and after, f"{hid}: before and after must give severity, likelihood and risk"
        assert int(after.group(3)) <= int(before.group(3)), f"{hid}: a control cannot raise the risk"
        assert int(after.group(3)) <= 2, f"{hid}: residual risk must be acceptable (1 or 2)"


def test_every_hazard_names_at_least_one_test():
    for hid, (_, body) in hazards().items():
        assert TEST_REF.search(body.split("- **Tests:**")[1]), f"{hid} names no test"


def test_every_named_test_exists():
    missing = []
    for path, name in TEST_REF.findall(LOG.read_text()):
        if not (ROOT / path).is_file() or name not in functions_in(path):
            missing.append(f"{path}::{name}")
    assert missing == []


def test_the_log_ends_with_a_sign_off_table_and_says_it_is_not_signed_off():
    text = LOG.read_text()
    sign_off = text.split("## Sign-off", 1)[1]
    assert "has not been signed off" in sign_off
    assert "| Clinical safety officer |" in sign_off
    assert "| name | date |" in sign_off
