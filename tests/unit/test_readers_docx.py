"""index/readers/docx.py on a Word file made from 劳动合同法 (Title, Heading 1, a table, a page header)."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.readers import ExtractedText, Unreadable, read_file
from tests.fixtures.make_fixtures import (
    CRIME_NAMES, LABOUR_CONTRACT, Law, excerpt, make_docx, make_encrypted_docx, require_laws, squeeze,
)

MB = 2**20


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Law, Law, Path]:
    require_laws()
    law, table_law = excerpt(LABOUR_CONTRACT), excerpt(CRIME_NAMES, chapters=None)
    path = make_docx(law, table_law, tmp_path_factory.mktemp("docx") / "劳动合同法.docx")
    return law, table_law, path


@pytest.fixture(scope="module")
def result(made: tuple[Law, Law, Path]) -> ExtractedText:
    return read_file(made[2], max_bytes=MB)


def test_every_sentence_of_the_law_is_in_the_text(made: tuple[Law, Law, Path], result: ExtractedText) -> None:
    law = made[0]
    lines = result.text.split("\n")
    assert result.format == "docx"
    for paragraph in law.paragraphs():
        assert paragraph in lines  # one paragraph, one line, every character
    text = squeeze(result.text)
    assert all(squeeze(s) in text for s in law.sentences())


def test_title_and_heading_styles_become_headings(made: tuple[Law, Law, Path], result: ExtractedText) -> None:
    law = made[0]
    spans = [(result.text[h.start:h.end], h.level) for h in result.headings]
    assert spans == [(law.title, 0)] + [(text, level - 1) for text, level in
                                        ((t, lv) for kind, t, lv in law.blocks if kind == "heading")]
    assert result.title == law.title  # from the core properties


def test_the_table_comes_as_tab_separated_rows_in_place(made: tuple[Law, Law, Path], result: ExtractedText) -> None:
    rows = made[1].tables[0]
    lines = result.text.split("\n")
    positions = [lines.index("\t".join(row)) for row in rows]
    assert positions == sorted(positions) and positions[-1] - positions[0] == len(rows) - 1
    assert lines.index("第二章 劳动合同的订立") == positions[-1] + 1  # the table sits before chapter two


def test_the_page_header_is_left_out(result: ExtractedText) -> None:
    assert "内部资料" not in result.text


def test_merged_cells_count_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "劳动报酬"
    for c, text in enumerate(["基本工资", "加班费", "奖金"]):
        table.cell(1, c).text = text
    document.save(str(tmp_path / "t.docx"))
    assert read_file(tmp_path / "t.docx", max_bytes=MB).text == "劳动报酬\n基本工资\t加班费\t奖金\n"


def test_a_password_protected_docx_is_refused(made: tuple[Law, Law, Path], tmp_path: Path) -> None:
    locked = make_encrypted_docx(made[2], tmp_path / "locked.docx", "secret")
    with pytest.raises(Unreadable) as err:
        read_file(locked, max_bytes=MB)
    assert (err.value.code, str(err.value)) == ("password", "受密码保护")


@pytest.mark.parametrize(("content", "code"), [
    (b"PK\x03\x04" + b"\x00" * 200, "corrupt"),  # a zip header and nothing behind it
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "legacy_doc"),  # an old .doc renamed
])
def test_damaged_or_legacy_files_are_refused(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(Unreadable) as err:
        read_file(path, max_bytes=MB)
    assert err.value.code == code


def test_a_docx_without_text_is_empty(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("\u3000\u3000")
    document.save(str(tmp_path / "blank.docx"))
    with pytest.raises(Unreadable) as err:
        read_file(tmp_path / "blank.docx", max_bytes=MB)
    assert err.value.code == "empty"


def test_custom_and_chinese_named_heading_styles_are_recognised(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    custom = document.styles.add_style("公文一级标题", WD_STYLE_TYPE.PARAGRAPH)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    custom.element.get_or_add_pPr().append(outline)  # as Word stores "outline level 1" on a style
    derived = document.styles.add_style("文件小标题", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("一、总体要求", style="公文一级标题")
    document.add_paragraph("（一）指导思想", style="文件小标题")
    document.add_paragraph("坚持以人民为中心。")
    document.save(str(tmp_path / "notice.docx"))
    result = read_file(tmp_path / "notice.docx", max_bytes=MB)
    assert [(result.text[h.start:h.end], h.level) for h in result.headings] == [("一、总体要求", 1), ("（一）指导思想", 2)]
