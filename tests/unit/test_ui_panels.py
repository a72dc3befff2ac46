"""The page's other pure parts: sources panel, saved conversations and export, documents view,
examples from documents, status line, admin panel texts."""
import html
import json
import re

from assistant.documents import DocumentInfo, DocumentText
from assistant.types import Answer, Citation
from prompts import render
from ui import conversations as convs
from ui.admin import panel_html, panel_texts
from ui.documents import PAGE_SIZE, list_html, reader_html, text_html
from ui.examples import candidates, pick, question_for, read_file, topic_of
from ui.hooks import PageHooks
from ui.page import build_page
from ui.sources import meta, sources_html
from ui.status import status_html
from ui.turns import make_turn

S1 = "用人单位与劳动者约定试用期的，试用期不得超过六个月。"


def cite(n=1, text=S1, **extra) -> Citation:
    fields = {"doc": "a.md", "sentence_id": f"a-{n}", "section": "", "score": 0.9, "title": "中华人民共和国劳动合同法",
              "short_title": "劳动合同法", "doc_id": 4, "start": 100, "end": 100 + len(text), "chapter": "第二章 劳动合同的订立",
              "article": "第十九条", "version_date": "2012-12-28", "page": 3}
    return Citation(n=n, text=text, **{**fields, **extra})


def turn(question="试用期最长多久？", **fields):
    answer = Answer(question=question, answer=f"{S1}[1]", citations=[cite()], timings={"total": 31.4}, **fields)
    return make_turn(question, answer, [])


def test_a_source_shows_title_version_chapter_article_page_and_opens_its_document():
    c = turn()["cites"][0]
    assert meta(c) == "《劳动合同法》 · 2012-12-28 版 · 第二章 劳动合同的订立 · 第十九条 · 第 3 页"
    assert meta({**c, "latest": False}, english=True).startswith("《劳动合同法》 · version of 2012-12-28(not the latest")
    panel = sources_html(turn(), 0, active=1, focus=True)
    assert 'class="source active" id="src-0-1"' in panel and "data-focus" in panel
    assert 'class="open-doc" data-doc="4" data-start="100"' in panel and render("app_timing", ms="31") in panel
    assert render("sources_heading") in panel and render("app_sources_empty") in sources_html(None)


def test_related_passages_are_folded_unless_the_answer_abstained():
    related = [cite(2, "别的句子。")]
    answered = make_turn("问", Answer(question="问", answer=f"{S1}[1]", citations=[cite()], related=related), [])
    abstained = make_turn("问", Answer(question="问", answer=render("not_found"), abstained=True, related=related), [])
    assert '<details class="related">' in sources_html(answered, 0)
    assert "<details" not in sources_html(abstained, 0) and render("related_heading") in sources_html(abstained, 0)
    assert '<details class="related" open>' in sources_html(answered, 0, active=2)


def test_saved_conversations_are_checked_bounded_and_kept_per_user():
    store, conv = convs.saved(convs.new_store("user:li"), None, [turn()])
    assert store["items"][0]["id"] == conv and store["items"][0]["title"] == "试用期最长多久？"
    assert convs.checked(json.loads(json.dumps(store)), "user:li")["items"][0]["turns"][0]["cites"][0]["text"] == S1
    assert convs.checked(store, "user:wang")["items"] == []  # another user's conversations are not shown
    broken = {**store, "items": [{"id": "x", "title": "t", "updated": 1, "turns": [{"q": 5}]}, *store["items"]]}
    assert [c["id"] for c in convs.checked(broken, "user:li")["items"]] == [conv]
    assert convs.checked("<script>", "user:li") == convs.new_store("user:li")
    big = convs.new_store("u")
    for _ in range(40):
        big, _id = convs.saved(big, None, [turn(question="问" * 400)] * 20)
    assert len(big["items"]) <= convs.MAX_CONVERSATIONS
    assert len(json.dumps(big, ensure_ascii=False)) <= convs.STORE_CHARS
    assert convs.removed(store, conv)["items"] == []
    listing = convs.list_html(store, conv)
    assert f'data-conv="{conv}" aria-current="true"' in listing and render("conv_turns", count=1) in listing


def test_export_writes_the_sources_out_and_keeps_markup_as_text():
    md = convs.export_markdown([turn(question="<b>试用期</b>最长多久？")], when=0)
    assert render("export_question", n=1, question="&lt;b>试用期&lt;/b>最长多久？") in md
    assert f"\n{S1}[1]\n" in md and f"**{render('sources_heading')}**" in md
    assert "- [1] 《劳动合同法》 · 2012-12-28 版 · 第二章 劳动合同的订立 · 第十九条 · 第 3 页：" + S1 in md
    link = convs.export_link(md)
    assert 'download="对话-' in link and "data:text/markdown;charset=utf-8," in link


def doc_info(i, **extra):
    fields = {"id": i, "path": f"社会法/法{i}.md", "title": f"法{i}", "status": "indexed", "sentences": 10,
              "category": "社会法", "version_date": "2020-01-01"}
    return DocumentInfo(**{**fields, **extra})


def test_the_documents_list_shows_status_reasons_paging_and_admin_buttons():
    skipped = doc_info(2, status="skipped", reason="扫描件，没有文字层", category="")
    page = list_html(45, [doc_info(1), skipped], 0, admin=True)
    assert "已跳过：扫描件，没有文字层" in page and render("docs_no_category") in page
    assert 'data-page="-1" disabled' in page and 'data-page="1">' in page
    assert render("docs_summary", total=45, page=1, pages=3) in page and 'class="admin-delete" data-doc="2"' in page
    assert "admin-delete" not in list_html(45, [doc_info(1)], 2) and 'data-page="3" disabled' in list_html(
        45, [doc_info(1)], 2)
    assert render("docs_empty") in list_html(0, [], 0) and PAGE_SIZE == 20


def test_the_reader_marks_the_cited_sentence_and_where_pages_start():
    text = "第一页的内容。第二页开始，引用的句子在这里。后面还有。"
    start = text.index("引用的句子")
    out = text_html(text, [0, text.index("第二页")], (start, start + 9))
    assert re.findall(r'<mark class="target" id="doc-target">(.*?)</mark>', out) == ["引用的句子在这里。"]
    assert out.count('class="page-mark"') == 2 and render("meta_page", page=2) in out
    assert html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="page-mark".*?</span>', "", out))) == text
    doc = DocumentText(**doc_info(1).model_dump(), text="<危险>文本。", page_starts=[0])
    assert "&lt;危险&gt;" in reader_html(doc, (0, 4)) and render("meta_page", page=1) in reader_html(doc, (0, 4))
    assert render("docs_reader_missing") in reader_html(None, missing=True)


def test_examples_are_made_from_headings_and_chapters_and_checked():
    assert topic_of("一、把旗帜鲜明讲政治贯穿全程,突出组织工作的政治性和导向性") == "突出组织工作的政治性和导向性"
    assert question_for("劳动合同法", "第二章  劳动合同的订立", True) == "《劳动合同法》关于劳动合同的订立是怎么规定的？"
    assert question_for("", "深化新思想教育培训。", False) == "如何深化新思想教育培训？"
    assert question_for("劳动合同法", "第一章 总则", True) is None
    found = candidates([(1, "甲法", "第二章 合同订立", True), (1, "甲法", "第三章 合同履行", True),
                        (2, "乙法", "第二章 登记", True), (1, "甲法", "第二章 合同订立", True)])
    assert len(found) == 3
    assert pick(found, lambda q: True, 2) == ["《甲法》关于合同订立是怎么规定的？", "《乙法》关于登记是怎么规定的？"]
    assert pick(found, lambda q: "登记" not in q, 3) == ["《甲法》关于合同订立是怎么规定的？", "《甲法》关于合同履行是怎么规定的？"]


def test_examples_file_lines_skip_comments(tmp_path):
    path = tmp_path / "examples.txt"
    path.write_text("# 管理员编辑\n试用期最长多久？\n\n  年假怎么算？  \n", encoding="utf-8")
    assert read_file(path) == ["试用期最长多久？", "年假怎么算？"] and read_file(tmp_path / "none.txt") == []


def test_status_line_shows_a_progress_bar_while_loading():
    loading = status_html({"lines": ["正在建立索引"], "fraction": 0.42, "ready": False})
    assert '<progress max="100" value="42"' in loading and 'role="status"' in loading and "42%" in loading
    assert "<progress aria-label" in status_html({"lines": [], "fraction": None})
    assert 'role="alert"' in status_html({"lines": [render("app_load_failed")], "failed": True})
    assert "<progress" not in status_html({"lines": ["完成"], "ready": True}) and status_html("说明").count("说明") == 1


def test_admin_panel_asks_for_the_token_unless_an_admin_is_signed_in():
    assert 'class="admin-token"' in panel_html(None, 50, "uploads")
    signed = panel_html("li", 50, "uploads")
    assert "admin-token" not in signed and render("admin_signed_in", name="li") in signed
    texts = json.loads(panel_texts())
    assert texts["admin_job_done"] == render("admin_job_done", task="{task}", summary="{summary}")


def test_a_changed_vote_sent_while_the_first_is_pending_is_not_dropped():
    """Gradio's default ("once") ignores an event while the same one is pending: a quick change of vote would
    leave the button showing "down" and the feedback file saying "up". The vote event keeps the last click."""
    demo = build_page(PageHooks(ask=lambda *a: None, vote=lambda *a: "", status=lambda: iter(())))
    modes = {getattr(fn.fn, "__name__", ""): fn.trigger_mode for fn in demo.fns.values()}
    assert modes["vote"] == "always_last"


def test_an_answer_that_quotes_nothing_says_so_in_the_sources_panel():
    missing = make_turn("劳动合同法第十章讲了什么？", Answer(question="劳动合同法第十章讲了什么？", answer="《劳动合同法》没有第十章：它共有 8 章。",
                                                     abstained=True), [])
    panel = sources_html(missing, 0)
    assert render("sources_none") in panel and render("app_sources_empty") not in panel  # not the before-asking text
    assert "劳动合同法第十章讲了什么" in panel
