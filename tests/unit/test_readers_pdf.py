"""index/readers/pdf.py on a five-page text-layer PDF of 劳动法 chapters 1–4 (running header, page-number footer).

The PDF is tests/fixtures/files/labour_law_ch1-4.pdf, made by `python -m tests.fixtures.make_fixtures`.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.readers import ExtractedText, Unreadable, read_file
from index.readers.layout import join_pages, remove_furniture, separator
from tests.fixtures.make_fixtures import LABOUR, TEXT_PDF, Law, excerpt, make_scanned_pdf, require_font, require_laws, squeeze

MB = 2**20


@pytest.fixture(scope="module")
def law() -> Law:
    require_laws()
    return excerpt(LABOUR, chapters=4)


@pytest.fixture(scope="module")
def result() -> ExtractedText:
    return read_file(TEXT_PDF, max_bytes=MB)


@pytest.fixture(scope="module")
def raw_pages() -> list[str]:
    """Each page's text layer as pdfium gives it, whitespace removed: where each sentence really is."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(TEXT_PDF)
    try:
        return [squeeze(document[i].get_textpage().get_text_bounded()) for i in range(len(document))]
    finally:
        document.close()


def locate(text: str, sentence: str) -> int:
    """Offset of `sentence` in `text`, whitespace on either side ignored."""
    match = re.search(r"\s*".join(map(re.escape, squeeze(sentence))), text)
    assert match, sentence
    return match.start()


def test_every_sentence_of_the_law_is_in_the_text(law: Law, result: ExtractedText) -> None:
    assert result.format == "pdf" and result.title == law.title
    text = squeeze(result.text)
    missing = [s for s in law.sentences() if squeeze(s) not in text]
    assert not missing


def test_wrapped_lines_are_joined_and_paragraph_breaks_kept(law: Law, result: ExtractedText) -> None:
    lines = [squeeze(line) for line in result.text.split("\n")]
    paragraphs = [squeeze(text) for kind, text, _ in law.blocks if kind == "para"] + [squeeze(h) for h in law.headings()]
    for paragraph in paragraphs:  # never split over two lines: every wrap inside it was joined
        assert any(paragraph in line for line in lines), paragraph
    starts = [p for p in paragraphs if re.match(r"第[一二三四五六七八九十百]+[条章]|（[一二三四五六七八九十]+）", p)]
    for paragraph in starts:  # an article, chapter or item starts its own line: that break was kept
        assert any(line.startswith(paragraph) for line in lines), paragraph


def test_page_offsets_put_each_sentence_on_its_page(law: Law, result: ExtractedText, raw_pages: list[str]) -> None:
    assert len(result.pages) == len(raw_pages) == 5 and result.pages[0] == 0
    assert list(result.pages) == sorted(result.pages)
    checked = 0
    for sentence in law.sentences():
        on = [i for i, page in enumerate(raw_pages) if squeeze(sentence) in page]
        if len(on) == 1:  # wholly on one page (not split by a page break, not repeated)
            assert result.page_of(locate(result.text, sentence)) == on[0] + 1, sentence
            checked += 1
    assert checked > 0.8 * len(law.sentences())
    assert {result.page_of(locate(result.text, s)) for s in law.sentences()} == {1, 2, 3, 4, 5}


def test_running_header_and_page_numbers_are_gone(law: Law, result: ExtractedText) -> None:
    lines = [line.strip() for line in result.text.split("\n")]
    assert not [line for line in lines if re.search(r"第\s*\d+\s*页", line)]
    assert lines.count(law.title) == 1  # the document's own title stays; the five running headers go
    assert lines[0] == law.title


def test_a_sentence_broken_across_a_page_is_whole_again(law: Law, result: ExtractedText, raw_pages: list[str]) -> None:
    split = [s for s in law.sentences() if not any(squeeze(s) in page for page in raw_pages)]
    assert split, "the fixture should break at least one sentence across pages"
    lines = result.text.split("\n")
    for sentence in split:
        assert any(squeeze(sentence) in squeeze(line) for line in lines), sentence


def test_a_scan_without_ocr_is_refused_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, law: Law) -> None:
    require_font()
    scan = make_scanned_pdf(excerpt(LABOUR, chapters=1), tmp_path / "scan.pdf")
    with pytest.raises(Unreadable) as err:
        read_file(scan, max_bytes=MB, ocr="off")
    assert err.value.code == "scanned_ocr_off"
    from index.readers import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)  # as on a machine without requirements-ocr.txt
    with pytest.raises(Unreadable) as err:
        read_file(scan, max_bytes=MB)
    assert (err.value.code, str(err.value).split("，")[0]) == ("scanned_no_ocr", "扫描件")


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(TEXT_PDF.read_bytes()[:3000])
    with pytest.raises(Unreadable) as err:
        read_file(path, max_bytes=MB)
    assert err.value.code in {"corrupt", "no_text"}


# --- layout rules on their own -----------------------------------------------------------------------------------

def test_repeated_top_and_bottom_lines_and_page_numbers_are_furniture() -> None:
    words = "甲乙丙丁"
    body = [[f"{w}页第一行", f"{w}页正文", f"{w}页末行"] for w in words]
    pages = [["示例单位文件", *lines, f"- {n} -"] for n, lines in enumerate(body, start=1)]
    pages[0].insert(1, "示例单位文件")  # the title under a running header of the same words stays
    pages[2][-1] = "第 3 页"  # another page-number style
    cleaned = remove_furniture(pages)
    assert cleaned == [["示例单位文件", *body[0]], *body[1:]]


def test_a_line_on_only_some_pages_is_kept() -> None:
    pages = [[f"正文{n}", "第十条　内容", f"结尾{n}"] for n in range(1, 6)]
    pages[0][0] = pages[1][0] = "附件"  # at the top of two pages of five: not a running header
    assert remove_furniture(pages)[0][0] == "附件"


def test_line_breaks_kept_after_sentence_ends_and_before_headings_removed_inside_sentences() -> None:
    full = 60
    body = "用人单位应当依法建立和完善劳动规章制度，保障劳动者享有劳动权"  # a full-width line
    assert separator(body, "利、履行劳动义务。", full) == ""
    assert separator(body[:-1] + "。", "第四条　用人单位", full) == "\n"
    assert separator(body, "第四条　用人单位", full) == "\n"  # a heading-like line starts a paragraph
    assert separator(body, "（一）在试用期", full) == "\n"
    assert separator(body, "二、工作时间", full) == "\n"
    assert separator(body, "3.5%以上。", full) == ""  # a number, not a numbered heading
    assert separator(body, "3. 工作时间", full) == "\n"
    assert separator("第一章　总则", "第一条　为了", full) == "\n"
    assert separator("第一条", "为了保护劳动者的合法权益", full) == " "  # an article number wrapped alone
    assert separator("the employer shall", "conclude a contract", 18) == " "
    assert separator("有下列情形之一的，劳动者可以随时通知用人单位解除劳动合同：", "在试用期内的", full) == "\n"


def test_page_starts_follow_the_joined_text() -> None:
    text, starts = join_pages([["甲页第一行写满了文字而且很长很长很长", "到这里结束。"], [], ["乙页开头。"]])
    assert text == "甲页第一行写满了文字而且很长很长很长到这里结束。\n乙页开头。\n"
    assert starts == (0, text.index("\n"), text.index("乙"))


def test_ocr_boxes_are_read_line_by_line_left_to_right() -> None:
    from index.readers.ocr import group_lines

    def box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
        return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]

    boxes = [
        (box(300, 102, 900, 130), "为了促进就业，", 0.99),  # same line as the next box, listed first
        (box(100, 100, 280, 128), "第一条", 0.98),
        (box(100, 150, 700, 178), "促进经济发展。", 0.97),
        (box(100, 200, 300, 228), "噪点", 0.2),  # too unsure to keep
    ]
    assert group_lines(boxes) == ["第一条为了促进就业，", "促进经济发展。"]
    far = [(box(100, 100, 200, 128), "姓名", 0.99), (box(600, 100, 700, 128), "张三", 0.99)]
    assert group_lines(far) == ["姓名 张三"]  # a wide gap reads as a space


def test_scanned_pages_in_a_text_pdf_are_named_when_they_cannot_be_read(tmp_path: Path, law: Law,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    import pypdfium2 as pdfium

    require_font()
    scan = make_scanned_pdf(excerpt(LABOUR, chapters=1), tmp_path / "scan.pdf")
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(TEXT_PDF))
    mixed.import_pages(pdfium.PdfDocument(scan))  # page 6: a scanned attachment
    mixed.save(tmp_path / "mixed.pdf")
    with caplog.at_level("WARNING", logger="index.readers.pdf"):
        result = read_file(tmp_path / "mixed.pdf", max_bytes=MB, ocr="off")
    assert result.format == "pdf" and len(result.pages) == 6
    assert result.pages[5] == len(result.text.rstrip("\n"))  # the unread page holds nothing
    assert all(squeeze(s) in squeeze(result.text) for s in law.sentences())
    assert any("mixed.pdf" in r.getMessage() and "pages 6 " in r.getMessage() for r in caplog.records)


def test_page_of_skips_empty_pages_and_is_none_without_pages() -> None:
    paged = ExtractedText(text="x" * 30, format="pdf", pages=(0, 10, 10, 20))  # page 2 holds nothing
    assert [paged.page_of(o) for o in (0, 9, 10, 19, 20, 29)] == [1, 1, 3, 3, 4, 4]
    assert ExtractedText(text="x", format="txt").page_of(0) is None


def test_a_long_ocr_line_is_cut_only_in_wide_blank_gaps() -> None:
    import numpy as np

    from index.readers.ocr import pieces

    height = 20
    line = np.zeros((height, 60 * height), dtype=np.uint8)  # ink everywhere ...
    for x in range(0, line.shape[1], height):
        line[:, x + 17 : x + 20] = 255  # ... but for narrow gaps between characters: never cut there
    for x in (12 * height, 24 * height, 40 * height):
        line[:, x + 3 : x + 13] = 255  # wide gaps, as after a full-width comma: centres at 248, 488, 808
    cut = pieces(line)
    assert [p.shape[1] for p in cut] == [248, 488 - 248, 808 - 488, 1200 - 808]  # the last has no gap to use
    assert len(pieces(line[:, : 16 * height])) == 1  # a line of up to 16 heights stays whole
