"""index/readers/markdown.py: headings become spans, markup goes, every other character of the laws stays."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.readers import read_file
from index.readers.markdown import convert
from tests.fixtures.make_fixtures import CRIME_NAMES, LABOUR_CONTRACT, excerpt, laws_dir, require_laws

MB = 2**20
LAWS = [LABOUR_CONTRACT, "社会法/工会法(2021-12-24).md", "民法典/婚姻家庭编.md", "民法典/合同编.md", CRIME_NAMES]


@pytest.mark.parametrize("relpath", LAWS)
def test_every_line_of_a_law_is_kept_whole_and_its_headings_found(relpath: str) -> None:
    folder = require_laws()
    law = excerpt(relpath, chapters=None)
    result = read_file(folder / relpath, max_bytes=MB)
    lines = set(result.text.split("\n"))
    assert result.format == "md" and result.encoding == "utf-8"
    assert result.title == law.title
    for paragraph in law.paragraphs():  # header block included: it stays as text
        assert paragraph in lines, paragraph
    spans = [(result.text[h.start:h.end], h.level) for h in result.headings]
    assert spans == [(law.title, 1)] + [(text, level) for kind, text, level in law.blocks if kind == "heading"]
    assert "#" not in result.text and "<!--" not in result.text and "INFO END" not in result.text


def test_the_header_block_comes_before_the_first_chapter() -> None:
    folder = require_laws()
    text = read_file(folder / LABOUR_CONTRACT, max_bytes=MB).text
    assert text.index("第十届全国人民代表大会常务委员会第二十八次会议通过") < text.index("第一章 总则")
    assert "\n\n\n" not in text  # the removed comment line leaves no run of blank lines


def test_a_table_becomes_tab_separated_rows() -> None:
    folder = require_laws()
    law = excerpt(CRIME_NAMES, chapters=None)
    text = read_file(folder / CRIME_NAMES, max_bytes=MB).text
    lines = text.split("\n")
    for row in law.tables[0]:
        assert "\t".join(row) in lines
    assert "|" not in text and "---" not in text


def test_markup_is_removed_and_other_characters_kept() -> None:
    source = (
        "# 标题 #\n\n"
        "第一条 **用人单位**应当[依法](http://example.org/law)建立*规章*制度![图](a.png)。\n"
        "- 第一项`代码`\n"
        "> 引用的~~删除~~文字\n"
        "依照《关于修改<中华人民共和国劳动法>的决定》执行，\\*不是强调\\*。\n"
        "麦角酸*\n"
        "***\n"
        "1. 有序的第一项\n"
        "```\n*保留* 原样\n```\n"
        "<!-- 多行\n注释 -->第二条 继续。\n"
    )
    text, headings = convert(source)
    assert text.split("\n") == [
        "标题", "",
        "第一条 用人单位应当依法建立规章制度。",
        "第一项代码",
        "引用的删除文字",
        "依照《关于修改<中华人民共和国劳动法>的决定》执行，*不是强调*。",
        "麦角酸*",
        "",
        "1. 有序的第一项",
        "*保留* 原样",
        "第二条 继续。",
        "",
    ]
    assert [(text[h.start:h.end], h.level) for h in headings] == [("标题", 1)]


def test_heading_spans_point_into_the_extracted_text() -> None:
    text, headings = convert("前言。\n\n## 第一章 总则\n\n第一条 内容。\n\n### 第一节 一般规定\n")
    assert [(text[h.start:h.end], h.level) for h in headings] == [("第一章 总则", 2), ("第一节 一般规定", 3)]


@pytest.mark.skipif(laws_dir() is None, reason="needs the library ../shared/corpus/laws")
def test_a_gbk_markdown_file_is_decoded(tmp_path: Path) -> None:
    source = (laws_dir() / LABOUR_CONTRACT).read_text(encoding="utf-8")
    path = tmp_path / "law.md"
    path.write_bytes(source.encode("gbk"))
    result = read_file(path, max_bytes=MB)
    assert result.encoding == "gb18030"
    assert result.text == read_file(laws_dir() / LABOUR_CONTRACT, max_bytes=MB).text
