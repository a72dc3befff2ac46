"""The quality gate: metrics checked against the [min] / [max] tables of thresholds.toml.

A metric named "<tag>.<metric>" (quoted in TOML: "english.hit_at_5" = 0.9) is that metric over
the questions with the tag."""
from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Mapping

from eval.dataset import EVAL_DIR

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLDS = EVAL_DIR / "thresholds.toml"
KINDS: tuple[Literal["min", "max"], ...] = ("min", "max")


@dataclass(frozen=True)
class GateCheck:
    """One threshold applied to one metric; ``value`` is None when it was not measured."""

    metric: str
    kind: Literal["min", "max"]
    bound: float
    value: float | None

    @property
    def passed(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.bound if self.kind == "min" else self.value <= self.bound

    def describe(self) -> str:
        value = "not measured" if self.value is None else f"{self.value:.4f}"
        sign = ">=" if self.kind == "min" else "<="
        return f"{'PASS' if self.passed else 'FAIL'}  {self.metric} = {value} (needs {sign} {self.bound:g})"


def load_thresholds(path: str | Path = DEFAULT_THRESHOLDS) -> dict[str, dict[str, float]]:
    """Read and check a thresholds file: only [min] and [max] tables of numbers."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    unknown = set(data) - set(KINDS)
    if unknown:
        raise ValueError(f"{path}: unknown tables {sorted(unknown)}; use [min] and [max]")
    for kind in KINDS:
        for metric, bound in data.get(kind, {}).items():
            if isinstance(bound, bool) or not isinstance(bound, (int, float)):
                raise ValueError(f"{path}: [{kind}] {metric} must be a number, not {bound!r}")
    return {kind: {m: float(b) for m, b in data.get(kind, {}).items()} for kind in KINDS}


def tag_metrics(rows) -> dict[str, Any]:
    """The per-tag metrics of scored rows, flattened as "<tag>.<metric>"."""
    from eval.aggregate import by_tag

    return {f"{tag}.{name}": value for tag, metrics in by_tag(rows).items() for name, value in metrics.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool)}


def evaluate_gate(metrics: Mapping[str, Any], thresholds: Mapping[str, Mapping[str, float]]) -> list[GateCheck]:
    """Every threshold applied to ``metrics``, passing or not, in file order."""
    checks = []
    for kind in KINDS:
        for metric, bound in thresholds.get(kind, {}).items():
            value = metrics.get(metric)
            checks.append(GateCheck(metric, kind, float(bound), None if value is None else float(value)))
    return checks


def check_gate(metrics: Mapping[str, Any], thresholds: Mapping[str, Mapping[str, float]]) -> list[GateCheck]:
    """The failed checks only: an empty list means the gate passes."""
    failures = [check for check in evaluate_gate(metrics, thresholds) if not check.passed]
    for check in failures:
        logger.info("gate: %s", check.describe())
    return failures
