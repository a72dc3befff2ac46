"""PDF through pypdfium2's text layer; pages without one (scans) go to OCR when it is installed and on.

Page furniture is removed and lines re-joined by `layout`; `pages` keeps where each page starts in the text.
A password-protected or damaged file, and a scan that cannot be OCR'd, raise Unreadable.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from . import ocr as ocr_engine
from .layout import join_pages, remove_furniture
from .reasons import unreadable
from .text import is_blank
from .types import ExtractedText, OcrMode

log = logging.getLogger(__name__)

MIN_PAGE_CHARS = 10  # a page with fewer visible characters in its text layer but with images is a scan
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")  # pdfium marks soft hyphens and breaks with these


def page_lines(page) -> list[str]:  # noqa: ANN001 - pypdfium2.PdfPage
    text = page.get_textpage().get_text_bounded().replace("\r\n", "\n")
    return [line for line in CONTROL.sub("", text).split("\n") if line.strip()]


def has_images(page) -> bool:  # noqa: ANN001
    import pypdfium2.raw as pdfium_c

    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)), None) is not None


def _open(path: Path):  # noqa: ANN202 - pypdfium2.PdfDocument
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise unreadable("password") from exc
        raise unreadable("corrupt", kind="PDF") from exc


def _scanned_pages(path: Path, document, scans: list[int], ocr: OcrMode, total: int) -> dict[int, list[str]]:  # noqa: ANN001
    """OCR'd lines of the scanned pages; Unreadable when OCR cannot run and nothing else has text."""
    if ocr == "rapidocr" and ocr_engine.available():
        found = {}
        for n, i in enumerate(scans, start=1):
            log.info("%s: OCR of page %d (%d of %d scanned pages)", path.name, i + 1, n, len(scans))
            found[i] = ocr_engine.page_lines(document[i])
        return found
    if len(scans) == total:
        raise unreadable("scanned_ocr_off" if ocr == "off" else "scanned_no_ocr")
    log.warning("%s: pages %s are scanned images and were left out (OCR %s)", path.name,
                ", ".join(str(i + 1) for i in scans), "off" if ocr == "off" else "not installed")
    return {i: [] for i in scans}


def read_pdf(path: Path, *, ocr: OcrMode = "rapidocr") -> ExtractedText:
    import pypdfium2 as pdfium

    document = _open(path)
    try:
        try:
            pages = [page_lines(document[i]) for i in range(len(document))]
        except pdfium.PdfiumError as exc:  # a page that cannot be loaded
            raise unreadable("corrupt", kind="PDF") from exc
        scans = [i for i, lines in enumerate(pages) if sum(len("".join(x.split())) for x in lines) < MIN_PAGE_CHARS
                 and has_images(document[i])]
        recognised = _scanned_pages(path, document, scans, ocr, len(pages)) if scans else {}
        for i, lines in recognised.items():
            pages[i] = lines
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
    finally:
        document.close()
    text, starts = join_pages(remove_furniture(pages))
    if is_blank(text):
        raise unreadable("no_text" if pages else "empty")
    fmt = "pdf-ocr" if any(recognised.values()) else "pdf"
    return ExtractedText(text=text, format=fmt, title=title, pages=starts)
