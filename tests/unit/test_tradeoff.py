"""The abstention trade-off curve: how each question counts as the selector's threshold moves."""
from eval.scoring import Row
from eval.tradeoff import abstains_at, curve, tradeoff_section

OPERATING = 0.2


def row(answerable: bool, abstained: bool, confidence: float | None, *tags: str, facts: tuple[list, list] = ([], [])
        ) -> Row:
    return Row(config="hybrid", id="x", question="q", tags=list(tags), answerable=answerable, abstained=abstained,
               confidence=confidence, facts=facts[0], facts_cited=facts[1])


def test_a_question_abstains_below_its_confidence_or_for_another_reason() -> None:
    answered = row(True, False, 0.6)
    assert not abstains_at(answered, 0.6, OPERATING) and abstains_at(answered, 0.62, OPERATING)
    turned_down = row(False, True, 0.1)  # by the selector: answered once the threshold is at or below 0.1
    assert abstains_at(turned_down, 0.12, OPERATING) and not abstains_at(turned_down, 0.1, OPERATING)
    other_rule = row(False, True, 0.7)  # confident, yet abstained (no sentence of the asked type): always
    assert abstains_at(other_rule, 0.0, OPERATING) and abstains_at(other_rule, 0.9, OPERATING)
    lookup = row(True, False, None)
    assert not abstains_at(lookup, 0.9, OPERATING)


def test_the_curve_counts_each_group_and_marks_the_operating_point() -> None:
    rows = [row(True, False, 0.9), row(True, False, 0.3), row(True, True, 0.15),
            row(False, True, 0.05), row(False, False, 0.25, "leave_out"), row(False, True, 0.1, "leave_out")]
    points = {p["threshold"]: p for p in curve(rows, OPERATING, grid=(0.0, 0.3, 0.5))}
    assert points[0.0] == {"threshold": 0.0, "false_rejection": 0.0, "negative_rejection": 0.0,
                           "leave_out_rejection": 0.0, "answer_accuracy": None, "operating": False}
    assert points[0.2]["operating"] and points[0.2]["false_rejection"] == round(1 / 3, 3)
    assert points[0.2]["negative_rejection"] == 1.0 and points[0.2]["leave_out_rejection"] == 0.5
    assert points[0.5]["false_rejection"] == round(2 / 3, 3) and points[0.5]["leave_out_rejection"] == 1.0
    table = tradeoff_section(rows, OPERATING)
    assert "| **0.20** | **0.333** | **1.000** | **0.500** | **–** |" in table and table.count("**") == 10


def test_accuracy_falls_as_right_answers_are_refused() -> None:
    right, wrong = (["三十日"], ["三十日"]), (["三十日"], [])
    rows = [row(True, False, 0.9, facts=right), row(True, False, 0.3, facts=right), row(True, False, 0.4, facts=wrong),
            row(True, True, 0.1, facts=wrong), row(True, False, None, facts=right)]  # the last: an article lookup
    points = {p["threshold"]: p for p in curve(rows, OPERATING, grid=(0.0, 0.3, 0.5))}
    assert points[0.2]["answer_accuracy"] == 0.6  # what the run answered: three of five right
    assert points[0.0]["answer_accuracy"] == 0.6  # the refused one answers below 0.1, but never counts as right
    assert points[0.5]["answer_accuracy"] == 0.4  # 0.3 is refused from 0.32 on; the lookup stays


def test_without_a_selector_there_is_no_curve() -> None:
    assert "No trained answer selector" in tradeoff_section([row(True, False, None)], None)
