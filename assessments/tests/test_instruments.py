from __future__ import annotations

import pytest

from assessments import instruments
from assessments.instruments import AnswerError

AKPS = instruments.INSTRUMENTS["akps"]
KOOS = instruments.INSTRUMENTS["koos_pf"]
NPRS = instruments.INSTRUMENTS["nprs"]

# The published AKPS table (Kujala 1993; docs/clinical-evidence.md section 2): item -> points of each option in order.
AKPS_TABLE = {
    "limp": [5, 3, 0],
    "support": [5, 3, 0],
    "walking": [5, 3, 2, 0],
    "stairs": [10, 8, 5, 0],
    "squatting": [5, 4, 3, 2, 0],
    "running": [10, 8, 6, 3, 0],
    "jumping": [10, 7, 2, 0],
    "sitting": [10, 8, 6, 4, 0],
    "pain": [10, 8, 6, 3, 0],
    "swelling": [10, 8, 6, 4, 0],
    "subluxation": [10, 6, 4, 2, 0],
    "atrophy": [5, 3, 0],
    "flexion": [5, 3, 0],
}


def best(instrument):
    return {item.code: item.options[0].code for item in instrument.items}


def test_akps_has_the_13_published_items_in_order():
    assert [item.code for item in AKPS.items] == list(AKPS_TABLE)


@pytest.mark.parametrize(
    ("item_code", "index", "points"),
    [(code, i, p) for code, points in AKPS_TABLE.items() for i, p in enumerate(points)],
)
def test_every_akps_option_scores_its_published_points(item_code, index, points):
    item = AKPS.item(item_code)
    option = item.options[index]
    assert option.points == points
    answers = {**best(AKPS), item_code: option.code}
    result = AKPS.score(answers)
    best_points = AKPS_TABLE[item_code][0]
    assert result.score == 100 - best_points + points
    assert result.answers[item_code] == {"option": option.code, "points": points}


def test_akps_totals_run_from_0_to_100():
    assert AKPS.score(best(AKPS)).score == 100.0
    worst = {item.code: item.options[-1].code for item in AKPS.items}
    assert AKPS.score(worst).score == 0.0


def test_an_incomplete_akps_is_not_scored_and_each_missing_item_is_named():
    answers = best(AKPS)
    del answers["pain"], answers["limp"]
    with pytest.raises(AnswerError) as exc:
        AKPS.score(answers)
    assert set(exc.value.errors) == {"pain", "limp"}


def test_unknown_items_and_options_and_wrong_types_are_each_reported():
    answers = {**best(AKPS), "knee": "none", "limp": "sometimes", "pain": 10}
    with pytest.raises(AnswerError) as exc:
        AKPS.score(answers)
    assert set(exc.value.errors) == {"knee", "limp", "pain"}
    assert "not a question" in exc.value.errors["knee"]
    assert "none, slight, constant" in exc.value.errors["limp"]
    assert "string" in exc.value.errors["pain"]


def test_answers_must_be_an_object():
    with pytest.raises(AnswerError) as exc:
        AKPS.score(["limp"])
    assert "answers" in exc.value.errors


@pytest.mark.parametrize("item", KOOS.items, ids=lambda i: i.code)
def test_every_koos_pf_option_scores_0_to_4_in_order(item):
    assert [o.points for o in item.options] == [0, 1, 2, 3, 4]
    for option in item.options:
        answers = {**best(KOOS), item.code: option.code}
        assert KOOS.score(answers).score == pytest.approx(100 - 25 * option.points / 11)


def test_koos_pf_is_100_minus_25_times_the_mean_item_score():
    points = [2, 3, 3, 2, 3, 3, 3, 3, 3, 2, 2]
    answers = {item.code: item.options[p].code for item, p in zip(KOOS.items, points, strict=True)}
    assert KOOS.score(answers).score == pytest.approx(100 - 25 * 29 / 11)
    assert KOOS.score({i.code: i.options[-1].code for i in KOOS.items}).score == 0.0
    assert KOOS.score(best(KOOS)).score == 100.0


def test_koos_pf_scores_6_of_11_items_from_their_mean():
    answers = {item.code: item.options[2].code for item in KOOS.items[:6]}
    assert KOOS.score(answers).score == 50.0
    assert len(KOOS.score(answers).answers) == 6


def test_koos_pf_with_fewer_than_6_items_is_not_scored():
    answers = {item.code: item.options[1].code for item in KOOS.items[:5]}
    with pytest.raises(AnswerError) as exc:
        KOOS.score(answers)
    assert "at least 6 of the 11" in exc.value.errors["answers"]


def test_koos_pf_mcid_is_16_4_and_akps_is_10():
    assert (KOOS.mcid, AKPS.mcid, NPRS.mcid) == (16.4, 10.0, 1.16)


@pytest.mark.parametrize("value", range(11))
def test_the_pain_rating_scores_its_own_number(value):
    assert NPRS.score({"pain": str(value)}).score == value


def test_the_pain_rating_refuses_11():
    with pytest.raises(AnswerError):
        NPRS.score({"pain": "11"})


def test_every_instrument_has_a_version_and_unique_codes():
    for instrument in instruments.INSTRUMENTS.values():
        assert instrument.version
        assert len({i.code for i in instrument.items}) == len(instrument.items)
        for item in instrument.items:
            assert len({o.code for o in item.options}) == len(item.options)


def test_a_missing_akps_item_is_reported_next_to_an_unknown_one():
    answers = {**best(AKPS), "elbow": "none"}
    del answers["jumping"]
    with pytest.raises(AnswerError) as exc:
        AKPS.score(answers)
    assert set(exc.value.errors) == {"elbow", "jumping"}
