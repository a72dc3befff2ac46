"""Kept while other branches still import it: the texts live in `prompts`."""
from prompts import PROMPTS_DIR, placeholders, render, templates  # noqa: F401
