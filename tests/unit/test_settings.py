"""Settings: every field is described and documented in .env.example, and env vars reach it."""
from __future__ import annotations

import re
from pathlib import Path

from settings import ROOT, Settings, env_example

EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def test_every_field_has_a_description_and_a_line_in_env_example() -> None:
    documented = set(re.findall(r"^# QA_([A-Z0-9_]+)=", EXAMPLE, flags=re.M))
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"
        assert name.upper() in documented, f"QA_{name.upper()} missing from .env.example"
    assert documented == {n.upper() for n in Settings.model_fields}, "stale entries in .env.example"
    assert EXAMPLE == env_example(), "regenerate it: python settings.py > .env.example"


def test_environment_variables_override_defaults(monkeypatch) -> None:
    monkeypatch.setenv("QA_RETRIEVAL_MODE", "bm25")
    monkeypatch.setenv("QA_DATA_DIR", "/tmp/elsewhere")
    s = Settings()
    assert s.retrieval_mode == "bm25"
    assert s.chroma_dir == Path("/tmp/elsewhere/chroma")
