"""The web chat's rendering: everything escaped, highlights on the right characters, context shown."""
import re

from prompts import render
from assistant.types import Answer, Citation
from assistant.ui_format import (
    USER_DISPLAY_LIMIT, answer_message, chat_messages, chat_text, citation_html, highlight, merge_spans,
    sources_html, user_message,
)


def cite(n=1, text="实施“蓉漂”品牌海外影响力提升推广计划。", highlights=(), **extra) -> Citation:
    fields = {"doc": "a.txt", "sentence_id": f"a-{n:05d}", "section": "二、人才", "score": 0.9, "title": "组织工作"}
    return Citation(n=n, text=text, highlights=list(highlights), **{**fields, **extra})


def test_highlight_marks_exactly_the_spans():
    text = "实施“蓉漂”品牌海外影响力提升推广计划"
    start = text.index("品牌")
    out = highlight(text, [(start, start + 2), (text.index("影响力"), text.index("影响力") + 3)])
    assert re.findall(r"<mark>(.*?)</mark>", out) == ["品牌", "影响力"]
    assert re.sub(r"</?mark>", "", out) == "实施“蓉漂”品牌海外影响力提升推广计划"


def test_spans_are_merged_sorted_and_clamped():
    assert merge_spans([(5, 8), (0, 2), (1, 3), (7, 10), (9, 99), (4, 4)], 12) == [(0, 3), (5, 12)]
    assert highlight("abc", [(2, 1), (-5, 1)]) == "<mark>a</mark>bc"


def test_highlight_escapes_inside_and_outside_marks():
    out = highlight("<b>x</b> & <i>", [(3, 4)])
    assert out == "&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &lt;i&gt;"


def test_citation_shows_number_title_section_and_dimmed_context():
    start = cite().text.index("品牌")
    c = cite(3, highlights=[(start, start + 2)], context_before="前一句。", context_after="后一句<script>。")
    out = citation_html(c)
    assert "[3]" in out and "组织工作" in out and "二、人才" in out
    assert '<span class="context">前一句。</span>' in out
    assert '<span class="context">后一句&lt;script&gt;。</span>' in out
    assert "<mark>品牌</mark>" in out and "<script>" not in out


def test_citation_falls_back_to_the_document_name():
    assert "a.txt" in citation_html(cite(title=""))


def test_sources_lists_citations_under_the_heading():
    answer = Answer(question="q", answer="…[1][2]", citations=[cite(1), cite(2, text="第二句")], timings={"total": 12.3})
    out = sources_html(answer)
    assert out.index(render("sources_heading")) < out.index("[1]") < out.index("[2]")
    assert render("related_heading") not in out
    assert render("app_timing", ms="12") in out


def test_sources_show_related_passages_on_abstention():
    answer = Answer(question="q", answer=render("not_found"), abstained=True, related=[cite(1, text="最接近的一句")])
    out = sources_html(answer)
    assert render("related_heading") in out and "最接近的一句" in out
    assert render("sources_heading") not in out


def test_empty_sources_panel():
    assert render("app_sources_empty") in sources_html(None)
    assert render("app_sources_empty") in sources_html(Answer(question="", answer="请输入一个问题。", error="empty_question"))


def test_chat_text_is_literal_markdown():
    out = chat_text('<img src=x onerror="a()"> **粗** [1] $x$')
    assert "<" not in out and ">" not in out
    assert "&lt;img src=x onerror=\"a\\(\\)\"&gt;" in out
    assert "\\*\\*粗\\*\\*" in out and "\\[1\\]" in out and "\\$x\\$" in out


def test_user_message_blank_and_long():
    assert user_message("  \n") == render("app_blank_question")
    long = "蓉" * 20_000
    shown = user_message(long)
    assert len(shown) < USER_DISPLAY_LIMIT and "20000" in shown


def test_answer_message_puts_notices_first():
    answer = Answer(question="q", answer="答案[1]", notices=[render("control_chars_removed")])
    assert answer_message(answer) == f"*{render('control_chars_removed')}*\n\n答案\\[1\\]"


def test_chat_messages_pair_each_turn():
    turns = [{"question": "<q>", "shown": "答"}, {"question": "二", "shown": "再答"}]
    messages = chat_messages(turns)
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[0]["content"] == "&lt;q&gt;" and messages[3]["content"] == "再答"
