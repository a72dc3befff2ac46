"""User-facing texts live in prompts/*.toml as templates with declared variables; `render` fills one."""
from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def templates() -> dict[str, dict]:
    """All templates by name, from every TOML file in prompts/."""
    found: dict[str, dict] = {}
    for path in sorted(PROMPTS_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            for name, entry in tomllib.load(fh).items():
                if name in found:
                    raise ValueError(f"template {name!r} defined twice (second time in {path.name})")
                found[name] = {"template": entry["template"], "variables": list(entry.get("variables", []))}
    return found


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def render(name: str, /, **values: object) -> str:
    """Fill template `name`; the values given must be exactly its declared variables."""
    entry = templates()[name]
    declared = set(entry["variables"])
    if set(values) != declared:
        raise KeyError(f"template {name!r} takes {sorted(declared)}, got {sorted(values)}")
    return entry["template"].format(**values)
