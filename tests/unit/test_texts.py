"""User-facing templates (prompts/*.toml through prompts.render)."""
from __future__ import annotations

import re

import pytest

from prompts import PROMPTS_DIR, placeholders, render, templates

NAMES = sorted(templates())
SAMPLE = "样例值7"


def test_the_prompt_folder_has_templates() -> None:
    assert list(PROMPTS_DIR.glob("*.toml"))
    assert {"not_found", "not_found_en", "empty_question", "too_long", "control_chars_removed",
            "no_index", "followup_notice"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_placeholder_is_declared_and_every_declared_variable_is_used(name: str) -> None:
    entry = templates()[name]
    assert placeholders(entry["template"]) == set(entry["variables"])
    assert len(entry["variables"]) == len(set(entry["variables"]))


@pytest.mark.parametrize("name", NAMES)
def test_every_template_renders_with_its_variables_and_leaves_no_braces(name: str) -> None:
    variables = templates()[name]["variables"]
    text = render(name, **{v: f"{SAMPLE}{i}" for i, v in enumerate(variables)})
    assert text.strip()
    assert "{" not in text and "}" not in text
    for i, _ in enumerate(variables):
        assert f"{SAMPLE}{i}" in text


def test_render_fills_values_into_the_text() -> None:
    text = render("too_long", length=20000, limit=500)
    assert "20000" in text and "500" in text


@pytest.mark.parametrize(("name", "values"), [
    ("too_long", {"length": 1}),  # one missing
    ("too_long", {"length": 1, "limit": 2, "extra": 3}),  # one undeclared
    ("not_found", {"question": "x"}),  # a template without variables
    ("followup_notice", {}),
])
def test_render_refuses_missing_or_undeclared_variables(name: str, values: dict) -> None:
    with pytest.raises(KeyError, match=re.escape(name)):
        render(name, **values)


def test_render_refuses_an_unknown_template() -> None:
    with pytest.raises(KeyError):
        render("no_such_template")
