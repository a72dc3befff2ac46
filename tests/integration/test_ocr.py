"""OCR of a scanned PDF (index/readers/ocr.py with rapidocr-onnxruntime, offline) against the law it shows.

The scan is made from 就业促进法 chapter one: each page drawn as an image with a running header and a
'- N -' page number, saved as an image-only PDF. Needs requirements-ocr.txt and a CJK font.
"""
from __future__ import annotations

import difflib
import re
import time
from pathlib import Path

import pytest

from index.readers import ExtractedText, read_file
from tests.fixtures.make_fixtures import EMPLOYMENT, Law, excerpt, make_scanned_pdf, require_font, require_laws, squeeze

pytestmark = pytest.mark.integration
pytest.importorskip("rapidocr_onnxruntime", reason="OCR extra not installed: pip install -r requirements-ocr.txt")


@pytest.fixture(scope="module")
def law() -> Law:
    require_laws()
    return excerpt(EMPLOYMENT, chapters=1)


@pytest.fixture(scope="module")
def scan(law: Law, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_font()
    return make_scanned_pdf(law, tmp_path_factory.mktemp("scan") / "就业促进法.pdf", points=14)


@pytest.fixture(scope="module")
def result(scan: Path) -> ExtractedText:
    started = time.perf_counter()
    extracted = read_file(scan, max_bytes=2**25)
    print(f"\nOCR: {len(extracted.pages)} pages in {time.perf_counter() - started:.1f} s")
    return extracted


def test_the_scan_is_read_by_ocr_with_high_character_accuracy(law: Law, result: ExtractedText) -> None:
    assert result.format == "pdf-ocr"
    original = squeeze("".join([law.title, *law.header, *(t for _, t, _ in law.blocks)]))
    ratio = difflib.SequenceMatcher(None, original, squeeze(result.text), autojunk=False).ratio()
    print(f"character accuracy (difflib ratio): {ratio:.4f}")
    assert ratio >= 0.95


def test_most_sentences_come_back_exactly(law: Law, result: ExtractedText) -> None:
    text = squeeze(result.text)
    found = [s for s in law.sentences() if squeeze(s) in text]
    assert len(found) >= 0.8 * len(law.sentences())


def test_pages_are_kept_and_furniture_removed(law: Law, result: ExtractedText) -> None:
    assert len(result.pages) == 2 and result.pages[0] == 0 < result.pages[1] < len(result.text)
    lines = [line.strip() for line in result.text.split("\n")]
    assert not [line for line in lines if re.fullmatch(r"[-–—\s]*\d+[-–—\s]*", line)]
    assert sum(squeeze(line) == law.title for line in lines) == 1  # two running headers gone, the title kept
    first, last = law.sentences()[0], law.sentences()[-1]  # drawn on page 1 and on page 2
    assert result.page_of(result.text.find(first[:8])) == 1
    offset = result.text.rfind(last[-8:])
    assert offset > 0 and result.page_of(offset) == 2
