"""Optional OCR of scanned PDF pages with rapidocr-onnxruntime (its wheel carries the models: no download).

Install with `pip install -r requirements-ocr.txt`. The engine is loaded on first use and kept. Recognised
text boxes are grouped into lines by their vertical position and read left to right; the lines then go
through the same furniture removal and re-joining as a text-layer PDF.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache

MAX_DPI = 200
MAX_SIDE = 2000  # rapidocr shrinks larger images to this side anyway: render no larger
MIN_SCORE = 0.5  # boxes recognised with less confidence are dropped


def available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@lru_cache(maxsize=1)
def engine():  # noqa: ANN201 - rapidocr_onnxruntime.RapidOCR
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - available() is checked first
        raise ImportError("OCR needs rapidocr-onnxruntime: pip install -r requirements-ocr.txt") from exc
    return RapidOCR(use_cls=False)  # pages are rendered upright: no per-line orientation check


def group_lines(boxes: list[tuple[list[list[float]], str, float]]) -> list[str]:
    """Text boxes (four corner points, text, score) → lines top to bottom, boxes in a line left to right."""
    items = []
    for points, text, score in boxes:
        if score < MIN_SCORE or not text.strip():
            continue
        ys, xs = [p[1] for p in points], [p[0] for p in points]
        items.append((min(ys), max(ys), min(xs), max(xs), text.strip()))
    items.sort(key=lambda b: (b[0] + b[1]) / 2)
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for item in items:
        centre = (item[0] + item[1]) / 2
        if rows and rows[-1][0][0] <= centre <= rows[-1][0][1]:
            rows[-1].append(item)
        else:
            rows.append([item])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[2])
        height = max(b[1] - b[0] for b in row)
        line = row[0][4]
        for before, after in zip(row, row[1:]):
            line += (" " if after[2] - before[3] > height else "") + after[4]
        lines.append(line)
    return lines


def page_lines(page) -> list[str]:  # noqa: ANN001 - pypdfium2.PdfPage
    """The lines OCR reads on one page."""
    import numpy as np

    scale = min(MAX_DPI / 72, MAX_SIDE / max(page.get_size()))
    image = page.render(scale=scale, grayscale=True).to_pil().convert("RGB")
    result, _ = engine()(np.asarray(image))
    return group_lines(result or [])
