"""Reading speed of each format reader, OCR per page included (figures are indicative: one run, shared CPU).

    python bench/readers.py [--ocr-chapters N]

Makes the test fixtures from the laws in a temporary folder, reads each one, and prints characters,
seconds and characters per second; for the scanned PDF, seconds per page and the character accuracy.
"""
from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.readers import read_file  # noqa: E402
from index.readers import ocr  # noqa: E402
from tests.fixtures import make_fixtures as fx  # noqa: E402


def timed(path: Path) -> tuple[float, object]:
    started = time.perf_counter()
    result = read_file(path, max_bytes=2**30)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ocr-chapters", type=int, default=1, help="chapters of 就业促进法 drawn into the scan")
    args = parser.parse_args()
    if fx.laws_dir() is None or fx.cjk_font() is None:
        sys.exit("needs ../shared/corpus/laws and a CJK font (make browser)")
    folder = Path(tempfile.mkdtemp(prefix="bench-readers-"))
    labour_contract = fx.excerpt(fx.LABOUR_CONTRACT, chapters=None)
    files = {
        "md (劳动合同法, whole)": fx.laws_dir() / fx.LABOUR_CONTRACT,
        "txt GBK (劳动合同法, whole)": fx.make_encoded_txt(labour_contract, folder / "gbk.txt", "gbk"),
        "docx (劳动合同法 ch. 1-2)": fx.make_docx(fx.excerpt(fx.LABOUR_CONTRACT), fx.excerpt(fx.CRIME_NAMES, None), folder / "a.docx"),
        "pdf text layer (劳动法 ch. 1-4)": fx.TEXT_PDF,
        "html (社会保险法 ch. 1-2)": fx.make_html(fx.excerpt(fx.SOCIAL_INSURANCE), folder / "a.html"),
    }
    print(f"{'file':34} {'chars':>7} {'seconds':>8} {'chars/s':>9}")
    for name, path in files.items():
        read_file(path, max_bytes=2**30)  # imports and first-use costs out of the figure
        seconds, result = timed(path)
        print(f"{name:34} {len(result.text):7d} {seconds:8.3f} {len(result.text) / seconds:9.0f}")
    if not ocr.available():
        print("OCR: rapidocr-onnxruntime not installed (pip install -r requirements-ocr.txt)")
        return
    law = fx.excerpt(fx.EMPLOYMENT, chapters=args.ocr_chapters)
    scan = fx.make_scanned_pdf(law, folder / "scan.pdf")
    started = time.perf_counter()
    ocr.engine()
    print(f"OCR engine load: {time.perf_counter() - started:.2f} s")
    cpu = time.process_time()
    seconds, result = timed(scan)
    cpu = time.process_time() - cpu
    original = fx.squeeze("".join([law.title, *law.header, *(t for _, t, _ in law.blocks)]))
    accuracy = difflib.SequenceMatcher(None, original, fx.squeeze(result.text), autojunk=False).ratio()
    pages = len(result.pages)
    print(f"OCR (就业促进法 ch. 1-{args.ocr_chapters}, A4 150 dpi, 11 pt): {pages} pages, {seconds:.1f} s, "
          f"{seconds / pages:.1f} s/page ({cpu / pages:.1f} CPU-s/page), {len(result.text)} chars, "
          f"accuracy {accuracy:.4f} (difflib ratio)")


if __name__ == "__main__":
    main()
