"""Evaluation harness of the document question-answering assistant.

`run_eval(assistant, questions)` scores an assistant on a question set and
`check_gate(metrics, thresholds)` applies the quality gate; `python -m eval`
is the command-line entry (see `eval/__main__.py`).
"""
from eval.aggregate import aggregate
from eval.dataset import Question, is_gold, load_questions
from eval.gate import GateCheck, check_gate, evaluate_gate, load_thresholds
from eval.runner import CONFIGS, run_configs, run_eval
from eval.scoring import Row, score_question

__all__ = [
    "CONFIGS",
    "GateCheck",
    "Question",
    "Row",
    "aggregate",
    "check_gate",
    "evaluate_gate",
    "is_gold",
    "load_questions",
    "load_thresholds",
    "run_configs",
    "run_eval",
    "score_question",
]
