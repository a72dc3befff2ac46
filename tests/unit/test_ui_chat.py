"""The page's pure rendering: escaping, [n] buttons with popovers, lists one per line, plain-text copy,
readable follow-up notices, English interface text, bare follow-ups."""
import html
import re

import pytest

from assistant.types import Answer, Citation
from prompts import render
from ui.chat import chat_html, plain_text, turn_html
from ui.markup import highlight, in_language, merge_spans, say
from ui.turns import history, make_turn, needs_antecedent, ordinal, pieces, readable_notices

S1 = "实施“蓉漂”品牌海外影响力提升推广计划。"
S2 = "深入实施年轻干部“四个一批”计划。"


def cite(n=1, text=S1, **extra) -> Citation:
    fields = {"doc": "a.txt", "sentence_id": f"a-{n:05d}", "section": "二、人才", "score": 0.9, "title": "组织工作",
              "doc_id": 1, "start": 10 * n, "end": 10 * n + len(text)}
    return Citation(n=n, text=text, **{**fields, **extra})


def turn_for(question, text, citations, **answer_fields):
    return make_turn(question, Answer(question=question, answer=text, citations=citations, **answer_fields), [])


def test_highlight_marks_exactly_the_spans_and_escapes():
    text = "实施“蓉漂”品牌<b>海外影响力"
    out = highlight(text, [(text.index("品牌"), text.index("品牌") + 2)])
    assert re.findall(r"<mark>(.*?)</mark>", out) == ["品牌"] and "&lt;b&gt;" in out and "<b>" not in out
    assert merge_spans([(5, 8), (0, 2), (1, 3), (7, 10), (9, 99), (4, 4)], 12) == [(0, 3), (5, 12)]


def test_a_question_is_shown_literally_never_as_markup_or_a_link():
    q = '<img src=x onerror="alert(1)"> 见 https://example.com/a_b.html 和 *强调* \\[1\\]'
    out = chat_html([turn_for(q, f"{S1}[1]", [cite()])])
    assert "<img" not in out and "&lt;img src=x" in out
    assert "https://example.com/a_b.html" in out and "<a " not in out and "\\_" not in out


def test_each_answer_has_its_own_numbered_buttons_and_popovers():
    turns = [turn_for("问一", f"{S1}[1]", [cite()]), turn_for("问二", f"{S2}[1]", [cite(text=S2)])]
    out = chat_html(turns)
    assert re.findall(r'class="cite" data-turn="(\d)" data-n="1"', out) == ["0", "1"]
    pops = re.findall(r'<span class="pop" role="tooltip" id="(pop-\d-1)"><span class="pop-text" lang="zh-CN">(.*?)</span>',
                      out)
    assert [(p, html.unescape(t)) for p, t in pops] == [("pop-0-1", S1), ("pop-1-1", S2)]
    assert "《组织工作》 · 二、人才" in out and 'aria-current="true"' in out.split('data-turn="1"', 1)[1]


def test_a_list_answer_is_one_item_per_line_after_its_head():
    head, a, b = "有下列情形之一的：", "（一）甲情形；", "（二）乙情形。"
    text = f"{head}[1]{a}[2]{b}[3]"
    out = turn_html(turn_for("有哪些情形？", text, [cite(1, head), cite(2, a), cite(3, b)]), 0, True)
    assert out.count('class="line head"') == 1 and out.count('<li class="line">') == 2
    assert pieces(text) == [(head, [1]), (a, [2]), (b, [3])]
    several = turn_html(turn_for("有哪些举措？", f"{S1}[1]{S2}[2]", [cite(1), cite(2, S2)]), 0, True)
    assert several.count('<li class="line">') == 2 and "line head" not in several


def test_copy_is_plain_text_with_markers_and_sources_without_markdown_escapes():
    turn = turn_for("有哪些举措？", f"{S1}[1]{S2}[2]", [cite(1), cite(2, S2, article="第三条", version_date="2020-01-01")])
    text = plain_text(turn)
    assert text.startswith(f"{S1}[1]\n{S2}[2]\n\n{render('answer_copy_sources')}\n[1] 《组织工作》")
    assert "2020-01-01 版 · 第三条" in text and "\\" not in text
    assert 'data-plain="' + html.escape(text, quote=True) + '"' in chat_html([turn])


def test_votes_only_on_answers_and_abstentions_never_on_the_pending_question():
    answered = turn_for("问", f"{S1}[1]", [cite()])
    abstained = make_turn("问", Answer(question="问", answer=render("not_found"), abstained=True,
                                      related=[cite(1, S2)]), [])
    out = chat_html([answered, abstained], pending="还在查")
    assert out.count('data-vote="up"') == 2 and out.count('class="msg bot pending"') == 1
    assert "还在查" in out.split('class="turn pending"', 1)[1]
    answered["vote"] = "down"
    assert 'data-vote="down" aria-pressed="true"' in chat_html([answered])


def test_english_questions_get_english_interface_text_and_chinese_quotes():
    turn = turn_for("How does Chengdu promote the Rongpiao brand?", f"{S1}[1]", [cite()])
    out = chat_html([turn])
    assert turn["en"] and "Copy" in out and "Helpful" in out and "Sources (1)" in out and 'lang="en"' in out
    assert f'<span class="quote" lang="zh-CN">{html.escape(S1)}</span>' in out
    assert render("answer_copy") not in out


def test_notices_are_translated_by_their_template_for_english():
    assert in_language(render("list_more", count=7), True) == render("list_more_en", count=7)
    notice = render("version_notice_older", title="公司法", date="2018-10-26", versions=3)
    assert in_language(notice, True) == render("version_notice_older_en", title="公司法", date="2018-10-26", versions=3)
    assert in_language("别的说明", True) == "别的说明" and in_language(notice, False) == notice
    assert say("sources_heading", True) == "Sources" and say("sources_heading") == render("sources_heading")


def test_the_follow_up_notice_is_one_readable_question():
    first = turn_for("基层党组织建设有哪些举措？", f"{S1}[1]{S2}[2]", [cite(1), cite(2, S2)])
    resolved = f"{S2} 第二条呢?"
    answer = Answer(question="第二条呢？", answer=f"{S2}[1]", citations=[cite(1, S2)], resolved_question=resolved,
                    notices=[render("followup_notice", resolved=resolved)])
    assert readable_notices(answer, "第二条呢？", [first], False) == [
        render("followup_notice_item", n=2, item=S2)]
    glued = "基层党组织建设有哪些举措? 那具体有哪些措施?"
    answer = Answer(question="那具体有哪些措施？", answer="", resolved_question=glued,
                    notices=[render("followup_notice", resolved=glued)])
    assert readable_notices(answer, "那具体有哪些措施？", [first], False) == [
        render("followup_notice_topic", topic="基层党组织建设有哪些举措？", question="那具体有哪些措施？")]
    quoted = turn_for("“蓉漂计划”是在文章的哪个部分提到的？", f"{S1}[1]", [cite(1)])
    glued = "“蓉漂计划”是在文章的哪个部分提到的? 那具体有哪些措施?"
    answer = Answer(question="那具体有哪些措施？", answer="", resolved_question=glued,
                    notices=[render("followup_notice", resolved=glued)])
    notice = readable_notices(answer, "那具体有哪些措施？", [quoted], False)[0]
    assert "‘蓉漂计划’" in notice and "““" not in notice  # quotes inside the quoted topic are the inner ones


@pytest.mark.parametrize(("question", "bare"), [
    ("第二条呢？", True), ("那具体有哪些措施？", True), ("它的作用是什么？", True), ("What about it?", True),
    ("蓉漂", False), ("劳动合同法第十九条是怎么规定的？", False), ("这个“蓉漂计划”是什么？", False),
    ("如何提升“蓉漂”品牌的海外影响力？", False), ("What is the Rongpiao plan?", False),
])
def test_a_bare_follow_up_is_told_apart_from_a_short_question(question, bare):
    assert needs_antecedent(question) is bare


def test_history_carries_each_answer_with_its_markers_and_ordinals_are_read():
    turns = [turn_for("问一", f"{S1}[1]", [cite()])]
    assert history(turns) == [{"role": "user", "content": "问一"}, {"role": "assistant", "content": f"{S1}[1]"}]
    assert [ordinal(q) for q in ("第二条呢", "第 3 项", "第十条", "没有")] == [2, 3, 10, None]


def test_the_answer_span_is_marked_apart_from_the_question_words_in_the_answer_and_its_sources():
    text = "试用期最长不得超过六个月。"
    start = text.index("六个月")
    c = cite(1, text, highlights=[(0, 3)], answer_spans=[(start, start + 3)])
    out = turn_html(turn_for("试用期最长多少个月？", f"{text}[1]", [c]), 0, True)
    assert re.findall(r'<span class="quote" lang="zh-CN">(.*?)</span>', out) == [
        '试用期最长不得超过<mark class="answer">六个月</mark>。']
    assert '<mark>试用期</mark>最长不得超过<mark class="answer">六个月</mark>' in out  # the popover
    overlap = highlight(text, [(0, len(text))], [(start, start + 3)])
    assert overlap == '<mark>试用期最长不得超过</mark><mark class="answer">六个月</mark><mark>。</mark>'
