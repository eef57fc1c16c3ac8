from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessments import instruments

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}


def run(*args):
    out = StringIO()
    call_command("score", *args, stdout=out)
    return json.loads(out.getvalue())


def test_score_prints_the_same_json_as_the_api():
    answers = {**AKPS_BEST, "running": "severe"}
    assert run("akps", "--answers", json.dumps(answers)) == {
        "instrument": "akps",
        "version": "kujala-1993",
        "score": 93.0,
        "max": 100.0,
    }


def test_score_names_each_problem():
    with pytest.raises(CommandError, match="limp: Please answer this question"):
        run("akps", "--answers", "{}")


def test_score_refuses_bad_json():
    with pytest.raises(CommandError, match="not valid JSON"):
        run("nprs", "--answers", "{pain: 3}")
