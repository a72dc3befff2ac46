"""index/readers/html.py on a law page wrapped in a site's header, navigation, sidebar, footer and script."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.readers import ExtractedText, Unreadable, read_file
from index.readers.html import _blocks_lxml
from tests.fixtures.make_fixtures import SOCIAL_INSURANCE, Law, excerpt, make_html, require_laws

MB = 2**20
BOILERPLATE = ["国家法律法规数据库", "首页", "行政法规", "相关法规", "工伤保险条例", "版权所有", "ICP", "siteBanner", "font-family"]


@pytest.fixture(scope="module")
def law() -> Law:
    require_laws()
    return excerpt(SOCIAL_INSURANCE)


@pytest.fixture(scope="module")
def result(law: Law, tmp_path_factory: pytest.TempPathFactory) -> ExtractedText:
    return read_file(make_html(law, tmp_path_factory.mktemp("html") / "社会保险法.html"), max_bytes=MB)


def test_the_law_text_is_kept_paragraph_by_paragraph(law: Law, result: ExtractedText) -> None:
    lines = result.text.split("\n")
    assert result.format == "html" and result.encoding == "utf-8"
    assert [p for p in law.paragraphs() if p not in lines] == []


def test_navigation_footer_sidebar_and_script_are_left_out(result: ExtractedText) -> None:
    assert [word for word in BOILERPLATE if word in result.text] == []


def test_h1_to_h6_become_headings_and_the_title_comes_from_the_title_tag(law: Law, result: ExtractedText) -> None:
    spans = [(result.text[h.start:h.end], h.level) for h in result.headings]
    assert spans == [(law.title, 1)] + [(text, level) for kind, text, level in law.blocks if kind == "heading"]
    assert result.title == law.title


def test_a_gb2312_page_is_decoded_by_its_meta_charset(law: Law, tmp_path: Path) -> None:
    page = make_html(law, tmp_path / "utf8.html").read_text(encoding="utf-8").replace("utf-8", "gb2312")
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gb18030"))
    result = read_file(path, max_bytes=MB)
    assert result.encoding == "gb2312"
    assert all(p in result.text.split("\n") for p in law.paragraphs())


def test_without_trafilatura_a_page_keeps_its_blocks_and_drops_boilerplate() -> None:
    import lxml.html

    root = lxml.html.document_fromstring(
        "<html><body><nav><a>首页</a></nav><h2>第一章 总则</h2><div><p>第一条 为了规范。<br>第二款。</p></div>"
        "<table><tr><th>项目</th><th>标准</th></tr><tr><td>工资</td><td>不低于最低工资</td></tr></table>"
        "<ul><li>第一项<p>内含段落</p></li></ul><footer>版权所有</footer><script>x=1</script></body></html>"
    )
    assert _blocks_lxml(root) == [
        ("第一章 总则", 2), ("第一条 为了规范。 第二款。", 0), ("项目\t标准", 0), ("工资\t不低于最低工资", 0),
        ("第一项 内含段落", 0),
    ]


def test_a_page_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>空</title></head><body><nav>首页</nav><script>var a;</script></body></html>", encoding="utf-8")
    with pytest.raises(Unreadable) as err:
        read_file(path, max_bytes=MB)
    assert err.value.code == "no_text"
