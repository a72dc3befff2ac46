"""Document structure (index/structure.py) and metadata (index/docmeta.py) read from law-shaped text."""
from __future__ import annotations

import pytest

from index.docmeta import category, dates, doc_number, header_lines, issuer, short_title, version_date
from index.structure import chinese_number, line_places

LAW = """中华人民共和国劳动合同法

2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过

2012年12月28日 第十一届全国人民代表大会常务委员会第三十次会议《关于修改<中华人民共和国劳动合同法>的决定》修正

第一章 总则

第一条 为了完善劳动合同制度，制定本法。

第二条 中华人民共和国境内的企业与劳动者建立劳动关系，适用本法。

国家机关、事业单位依照本法执行。

第三章 劳动合同的履行和变更
第一节 一般规定
第三十八条 用人单位有下列情形之一的，劳动者可以解除劳动合同：
（一）未按照劳动合同约定提供劳动保护或者劳动条件的；
(二)未及时足额支付劳动报酬的；
用人单位违章指挥的，劳动者可以立即解除劳动合同。
第十七条之一 这一条是后加的。"""


@pytest.mark.parametrize("text, value", [
    ("十九", 19), ("十", 10), ("一百零八", 108), ("一千零四十七", 1047), ("一千二百六十", 1260),
    ("二十三", 23), ("九十九", 99), ("19", 19), ("三", 3), ("两", 2), ("法", 0),
])
def test_chinese_numbers(text: str, value: int) -> None:
    assert chinese_number(text) == value


def test_every_line_knows_its_chapter_article_item_and_list_head() -> None:
    lines = LAW.split("\n")
    places = dict(zip(lines, line_places(lines)))
    first = places["第一条 为了完善劳动合同制度，制定本法。"]
    assert (first.chapter, first.article, first.article_no, first.item) == ("第一章 总则", "第一条", 1, "")
    second_paragraph = places["国家机关、事业单位依照本法执行。"]
    assert (second_paragraph.article, second_paragraph.article_no) == ("第二条", 2)  # a 款 stays in its article
    item = places["（一）未按照劳动合同约定提供劳动保护或者劳动条件的；"]
    assert item.chapter == "第三章 劳动合同的履行和变更 第一节 一般规定"
    assert (item.article_no, item.item) == (38, "（一）")
    assert item.list_head == "用人单位有下列情形之一的，劳动者可以解除劳动合同："
    assert places["(二)未及时足额支付劳动报酬的；"].item == "(二)"  # half-width brackets too
    after = places["用人单位违章指挥的，劳动者可以立即解除劳动合同。"]
    assert (after.article_no, after.item, after.list_head) == (38, "", "")
    assert places["第十七条之一 这一条是后加的。"].article == "第十七条之一"
    assert places["2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过"].article == ""


def test_metadata_from_the_header_and_the_file_name() -> None:
    lines = header_lines(LAW)
    found = dates(lines)
    assert (found.adopted, found.amended) == ("2007-06-29", "2012-12-28")
    assert issuer(lines) == "全国人民代表大会常务委员会"
    assert version_date("社会法/劳动合同法(2012-12-28).md", found) == "2012-12-28"
    assert version_date("宪法.md", found) == "2012-12-28"  # no date in the name: the header's latest
    assert category("社会法/劳动合同法(2012-12-28).md") == "社会法" and category("x.md") == ""
    assert doc_number(["2008年9月18日中华人民共和国国务院令第535号公布"]) == "中华人民共和国国务院令第535号"
    assert doc_number(["国办发〔2020〕27号"]) == "国办发〔2020〕27号"


@pytest.mark.parametrize("title, short", [
    ("中华人民共和国劳动合同法", "劳动合同法"),
    ("中华人民共和国公司法（2018年修正）", "公司法"),
    ("北京市控制吸烟条例", "北京市控制吸烟条例"),
    ("中华人民共和国", "中华人民共和国"),
])
def test_short_titles(title: str, short: str) -> None:
    assert short_title(title) == short
