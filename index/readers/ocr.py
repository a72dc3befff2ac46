"""Optional OCR of scanned PDF pages with rapidocr-onnxruntime (its wheel carries the models: no download).

Install with `pip install -r requirements-ocr.txt`. The engine is loaded on first use and kept. Its steps
are run one by one (detection, crops, recognition) so that a long text line can be recognised in pieces:
recognition time grows faster than the line's length, and cutting a full line at its wide blank gaps
(after full-width punctuation, never inside a character) roughly halves the time per page with the same
text. Recognised boxes are grouped into lines by their vertical position and read left to right; the
lines then go through the same furniture removal and re-joining as a text-layer PDF.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache

MAX_DPI = 200
MAX_SIDE = 2000  # rapidocr shrinks larger images to this side anyway: render no larger
MIN_SCORE = 0.5  # boxes recognised with less confidence are dropped
PIECE_MAX, PIECE_MIN = 16, 8  # a piece of a long line is at most / at least this many line heights wide
GAP_MIN = 0.3  # a cut goes only through a blank gap at least this share of the line height wide
INK = 60  # darkness (0-255) above which a pixel counts as ink


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


def pieces(crop):  # noqa: ANN001, ANN201 - a numpy image of one text line → list of images
    """A long line cut at wide blank gaps into pieces PIECE_MIN..PIECE_MAX line heights wide (short lines whole)."""
    import numpy as np

    height, width = crop.shape[:2]
    if width <= PIECE_MAX * height:
        return [crop]
    gray = crop.mean(axis=2) if crop.ndim == 3 else crop
    blank = np.concatenate([[False], ((255 - gray) > INK).sum(axis=0) == 0, [False]])
    edges = np.flatnonzero(np.diff(blank.astype(np.int8)))  # starts and ends of blank runs, alternating
    gaps = [(a + b) // 2 for a, b in zip(edges[::2], edges[1::2]) if b - a >= GAP_MIN * height]
    cuts = [0]
    while width - cuts[-1] > PIECE_MAX * height:
        reach = [g for g in gaps if cuts[-1] + PIECE_MIN * height < g <= cuts[-1] + PIECE_MAX * height]
        beyond = [g for g in gaps if g > cuts[-1] + PIECE_MAX * height]
        if not reach and not beyond:
            break
        cuts.append(reach[-1] if reach else beyond[0])
    return [crop[:, a:b] for a, b in zip(cuts, cuts[1:] + [width])]


def page_lines(page) -> list[str]:  # noqa: ANN001 - pypdfium2.PdfPage
    """The lines OCR reads on one page."""
    import numpy as np

    scale = min(MAX_DPI / 72, MAX_SIDE / max(page.get_size()))
    image = np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("RGB"))
    ocr = engine()
    image, _, _ = ocr.preprocess(image)
    image, _ = ocr.maybe_add_letterbox(image, {})
    boxes, _ = ocr.auto_text_det(image)
    if boxes is None:
        return []
    parts, owners = [], []
    for i, crop in enumerate(ocr.get_crop_img_list(image, boxes)):
        for piece in pieces(crop):
            parts.append(piece)
            owners.append(i)
    recognised, _ = ocr.text_rec(parts)
    texts, scores = [""] * len(boxes), [1.0] * len(boxes)
    for i, (text, score, *_) in zip(owners, recognised):
        texts[i] += text.strip()
        scores[i] = min(scores[i], score)
    return group_lines([(box.tolist(), text, score) for box, text, score in zip(boxes, texts, scores)])
