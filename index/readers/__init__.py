"""Format readers: a file → `ExtractedText` (text, title, headings, pages), or `Unreadable` with the reason.

Every file the library holds is either read or refused with a reason a user can act on: unsupported type,
too large, empty, undecodable, corrupt, password-protected, or a scan that cannot be OCR'd.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from .reasons import unreadable
from .types import ExtractedText, Heading, OcrMode, Unreadable

log = logging.getLogger(__name__)

__all__ = ["SUPPORTED", "ExtractedText", "Heading", "OcrMode", "Unreadable", "read_file"]

PACKAGES = {"docx": "python-docx", "pypdfium2": "pypdfium2", "trafilatura": "trafilatura", "lxml": "lxml",
            "charset_normalizer": "charset-normalizer"}  # module → what to pip install
SUPPORTED: frozenset[str] = frozenset({".txt", ".md", ".docx", ".pdf", ".html", ".htm"})


def _reader(suffix: str, ocr: OcrMode) -> Callable[[Path], ExtractedText]:
    """The reader for a suffix, imported only when a file of that kind comes along."""
    match suffix:
        case ".txt":
            from .text import read_txt as reader
        case ".md":
            from .markdown import read_md as reader
        case ".docx":
            from .docx import read_docx as reader
        case ".pdf":
            from .pdf import read_pdf

            return lambda path: read_pdf(path, ocr=ocr)
        case ".html" | ".htm":
            from .html import read_html as reader
        case _:
            raise unreadable("unsupported", suffix=suffix or "（无扩展名）", supported=" ".join(sorted(SUPPORTED)))
    return reader


def read_file(path: Path, *, max_bytes: int, ocr: OcrMode = "rapidocr") -> ExtractedText:
    """The text of `path`; raises Unreadable (str(exc) is the reason to show) when it cannot be indexed."""
    reader = _reader(path.suffix.lower(), ocr)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable("cannot_open", error=exc.strerror or type(exc).__name__) from exc
    if size > max_bytes:
        raise unreadable("too_large", size_mb=f"{size / 2**20:.1f}", limit_mb=f"{max_bytes / 2**20:g}")
    if size == 0:
        raise unreadable("empty")
    try:
        return reader(path)
    except Unreadable:
        raise
    except ImportError as exc:
        top = (exc.name or "").split(".")[0]
        raise unreadable("missing_package", package=PACKAGES.get(top, top or "?")) from exc
    except OSError as exc:
        raise unreadable("cannot_open", error=exc.strerror or type(exc).__name__) from exc
    except Exception as exc:  # a reader's bug or a library's crash on odd input: skip this file, keep the build
        log.exception("reading %s failed", path)
        raise unreadable("failed", error=type(exc).__name__) from exc
