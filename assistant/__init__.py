"""Cited answers over an organisation's documents: `Assistant.from_settings().ask(question)`."""
from .chain import Assistant
from settings import Settings
from .types import Answer, Citation, Hit, SentenceRecord

__all__ = ["Assistant", "Answer", "Citation", "Hit", "SentenceRecord", "Settings"]
