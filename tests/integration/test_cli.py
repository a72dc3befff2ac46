"""`python -m assistant ask`: the JSON contract, --file, the terminal format and its errors.

The index is conftest.py's `seed_settings`, built once per session into the session's base
temp folder (test_assistant.py uses the same one, so nothing is embedded twice).
The two JSON runs are real subprocesses; the terminal-format and error cases call
`main()` in this process, which runs the same code without paying for another
interpreter start and model import.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.__main__ import main
from settings import Settings
from prompts import render
from conftest import ROOT

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"
NOT_IN_DOCS = "成都地铁有几条线路？"
FOUR = "“四个一批”计划是什么？"
CITATION_KEYS = {"n": int, "doc": str, "sentence_id": str, "text": str, "section": str, "score": float}


@pytest.fixture(scope="module")
def qa_env(seed_settings: Settings) -> dict[str, str]:
    return {"QA_DATA_DIR": str(seed_settings.data_dir), "QA_SEEDS_DIR": str(seed_settings.seeds_dir),
            "QA_EMBEDDING_MODEL": seed_settings.embedding_model}


@pytest.fixture()
def in_process(qa_env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    """The same settings for `main()` in this process, read from the environment as the CLI does."""
    for key, value in qa_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(ROOT)


def run_cli(args: list[str], qa_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **qa_env}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def assert_citation_shape(item: dict) -> None:
    for key, kind in CITATION_KEYS.items():
        assert isinstance(item[key], kind), (key, item)


def test_ask_json_prints_one_answer_object(qa_env: dict[str, str]) -> None:
    result = run_cli(["ask", "--json", RONGPIAO], qa_env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout  # nothing but the object on stdout
    answer = json.loads(lines[0])
    assert {"answer", "citations", "abstained", "related", "timings"} <= set(answer)
    assert answer["abstained"] is False
    assert answer["citations"] and RONGPIAO_SENTENCE in answer["citations"][0]["text"]
    for item in answer["citations"] + answer["related"]:
        assert_citation_shape(item)
    assert [c["n"] for c in answer["citations"]] == list(range(1, len(answer["citations"]) + 1))
    assert all(f"[{c['n']}]" in answer["answer"] for c in answer["citations"])
    assert isinstance(answer["timings"], dict) and answer["timings"]["total"] >= 0


def test_ask_json_file_prints_one_line_per_question_in_order(tmp_path: Path, qa_env: dict[str, str]) -> None:
    questions = [RONGPIAO, NOT_IN_DOCS, FOUR]
    path = tmp_path / "questions.txt"
    path.write_text("\n".join(questions) + "\n\n", encoding="utf-8")  # a trailing blank line is no question
    result = run_cli(["ask", "--json", "--file", str(path)], qa_env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3, result.stdout
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == questions
    assert [a["abstained"] for a in answers] == [False, True, False]
    assert answers[1]["citations"] == [] and len(answers[1]["related"]) == 3
    for item in answers[1]["related"]:
        assert_citation_shape(item)
    assert "四个一批" in answers[2]["citations"][0]["text"]


def test_plain_output_has_the_answer_and_a_sources_section(tmp_path: Path, in_process, capsys) -> None:
    path = tmp_path / "two.txt"
    path.write_text(f"{RONGPIAO}\n{NOT_IN_DOCS}\n", encoding="utf-8")
    assert main(["ask", "--file", str(path)]) == 0
    out = capsys.readouterr().out
    with pytest.raises(ValueError):
        json.loads(out)
    answered, abstained = out.split(render("not_found"))
    assert RONGPIAO_SENTENCE in answered and "[1]" in answered
    assert f"\n{render('sources_heading')}:\n" in answered
    first_source = answered.split(f"{render('sources_heading')}:\n", 1)[1]
    assert first_source.startswith("[1] ") and RONGPIAO_SENTENCE in first_source
    assert f"\n{render('related_heading')}:\n" in abstained
    assert "[3] " in abstained and "[4] " not in abstained


def test_a_missing_file_is_a_clear_error_with_a_non_zero_exit(tmp_path: Path, in_process, capsys) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "--json", "--file", str(missing)])
    assert exit_info.value.code != 0
    captured = capsys.readouterr()
    assert str(missing) in captured.err and "cannot read" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("args", [["ask"], ["ask", "问题", "--file", "x.txt"]])
def test_a_question_and_a_file_are_exclusive_and_one_is_needed(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code != 0
    assert "either a question or --file" in capsys.readouterr().err
