"""Which questions ask how a document is divided (assistant/outline.py), the levels of headings, and which of a
policy document's lines are its sub-headings (assistant/subheadings.py)."""
import numpy as np
import pytest

from assistant import levels, parts, subheadings
from assistant.outline import ALL, ARTICLES, TOP, asked_level, asks, level
from assistant.types import SentenceRecord


@pytest.mark.parametrize("question, expected", [
    ("劳动合同法分为哪几章？", "章"),
    ("劳动合同法一共有多少章？", "章"),
    ("劳动法有几章", "章"),
    ("劳动合同法各章的标题是什么？", "章"),
    ("民法典有哪几编？", "编"),
    ("民法典合同编分为哪几个分编？", "分编"),
    ("劳动合同法第五章有哪几节？", "节"),
    ("文章分成哪几个部分？", TOP),
    ("这篇文章有几个部分", TOP),
    ("劳动合同法由哪几部分组成？", TOP),
    ("劳动合同法的目录是什么", ALL),
    ("What are the chapters of the Labour Contract Law?", "章"),
    ("How many chapters does the Company Law have?", "章"),
    ("Which sections does chapter 5 have?", "节"),
    ("这篇文章的结构是怎样的？", TOP),
    ("全文主要讲了哪几个方面？", TOP),
    ("劳动合同法一共有多少条？", ARTICLES),
    ("民法典共有几条", ARTICLES),
    ("劳动合同法第五章有几条规定？", ARTICLES),
    ("How many articles does the Labour Contract Law have?", ARTICLES),
])
def test_questions_about_the_division(question: str, expected: str) -> None:
    assert asked_level(question) == expected
    assert asks(question)


@pytest.mark.parametrize("question", [
    "工资由哪几部分组成？",  # 部分 of a wage, not of a document
    "劳动合同法规定工资由哪几部分组成？",  # the document is named, but what is divided is the wage
    "劳动合同分为哪几种？",  # kinds of contract
    "哪些部分属于业主共有？",
    "一年有几个节日",  # 节日 is no section
    "公司章程包括哪些内容",  # 章程 is no chapter
    "文章前后几个部分分别提到了哪些做法？",  # asks what the parts say, not what they are
    "劳动合同法第十九条是怎么规定的？",
    "What does the law say about probation?",
    "劳动合同法里有多少条关于试用期的规定？",  # counts the articles on a topic, not the law's
    "劳动合同法对试用期规定了哪几个方面？",  # aspects of a topic
    "文章在哪些方面提到人才？",
    "最多能有几条狗？",
    "北京市养犬管理规定里一户最多能养几条？",  # 条 counts the dogs
])
def test_other_questions_are_not_about_the_division(question: str) -> None:
    assert asked_level(question) is None
    assert not asks(question)


@pytest.mark.parametrize("text, expected", [
    ("第一章 总则", "章"), ("第五章\u2002\u2002特别规定", "章"), ("第二节 劳务派遣", "节"), ("第三分编 准 合 同", "分编"),
    ("第一编 总则", "编"), ("一、把旗帜鲜明讲政治贯穿全程", "一、"), ("（二）工作要求", "（一）"), ("人格权编", ""),
    ("总则", ""),
])
def test_heading_levels(text: str, expected: str) -> None:
    assert level(text) == expected


@pytest.mark.parametrize("question, expected", [
    ("文章里涉及人才工作的几个小标题分别是什么？", True),
    ("干部工作在各部分里是以什么为题展开的？", True),
    ("What are the subheadings about talent?", True),
    ("文章的小标题有哪些？", False),
    ("每个部分的小标题分别是什么？", False),
    ("What are the article's subheadings?", False),
])
def test_a_topic_named_or_not(question: str, expected: bool) -> None:
    assert subheadings.asks(question)
    assert subheadings.names_topic(question) is expected


def record(n: int, text: str, paragraph: int, section: str = "一、总体要求", **kw) -> SentenceRecord:
    return SentenceRecord(id=f"s{n}", doc="d.txt", title="办法", sentence=n, paragraph=paragraph, text=text,
                          section=section, start=0, end=len(text), **kw)


PARTS = ["一、总体要求", "二、重点任务"]
DOCUMENT = [
    record(0, "一、总体要求", 0, PARTS[0], heading=True),
    record(1, "加强人才队伍建设。", 1, PARTS[0]),  # opens a paragraph, more follows: a sub-heading
    record(2, "完善人才引进政策，健全人才评价激励机制，落实各项保障措施。", 1, PARTS[0]),
    record(3, "提升干部能力。", 2, PARTS[0]),
    record(4, "开展专题培训，组织干部到基层一线锻炼，提高解决实际问题的本领。", 2, PARTS[0]),
    record(5, "单独成段的短句。", 3, PARTS[0]),  # nothing after it in its paragraph
    record(6, "二、重点任务", 4, PARTS[1], heading=True),
    record(7, "强化人才服务保障。", 5, PARTS[1]),
    record(8, "建设人才公寓，提供医疗、教育等配套服务。", 5, PARTS[1]),
    record(9, "一段话的中间也有短句。", 5, PARTS[1]),  # inside a paragraph, not opening it
    record(10, "第三条 本办法适用于全体员工。", 6, PARTS[1], article_no=3),  # an article opens with its rule
    record(11, "员工应当遵守。", 6, PARTS[1], article_no=3),
]


def test_sub_headings_open_a_paragraph_under_a_heading() -> None:
    assert [r.sentence for r in subheadings.subheadings(DOCUMENT)] == [1, 3, 7]


def test_each_part_gives_its_nearest_sub_heading() -> None:
    subs = subheadings.subheadings(DOCUMENT)
    question = "关于人才的小标题有哪些？"
    assert [r.sentence for r in subheadings.choose(question, subs, np.array([0.90, 0.80, 0.89]))] == [1, 7]
    # the second part's nearest lies far below the first part's: it is about something else
    assert [r.sentence for r in subheadings.choose(question, subs, np.array([0.90, 0.80, 0.85]))] == [1]
    # no topic: every sub-heading, in the document's order
    assert [r.sentence for r in subheadings.choose("小标题有哪些？", subs, np.array([0.1, 0.2, 0.3]))] == [1, 3, 7]


@pytest.mark.parametrize("question, expected", [
    ("劳动合同法第五章讲了什么？", [(5, "章")]),
    ("劳动合同法第五章第二节是关于什么的？", [(5, "章"), (2, "节")]),
    ("劳动合同法第四章的标题是什么？", [(4, "章")]),
    ("文章第二部分主要讲什么？", [(2, "部分")]),
    ("第三部分的内容是什么？", [(3, "部分")]),
    ("第二部分开头说新时代组织工作肩负着什么职责使命？", None),  # asks what the part says, not what it is
    ("劳动合同法第五章有哪几节？", None),
    ("劳动合同法第十九条讲了什么？", None),  # an article is quoted whole (structured.py)
])
def test_questions_about_one_part(question: str, expected) -> None:
    assert parts.named_part(question) == expected


@pytest.mark.parametrize("question, expected", [
    ("劳务派遣规定在劳动合同法的哪一章？", "章"),
    ("“蓉漂计划”是在文章的哪个部分提到的？", "部分"),
    ("民法典里关于定金的规定在哪一编？", "编"),
    ("试用期属于第几章的内容？", "章"),
    ("In which chapter of the Labour Contract Law are the rules on labour dispatch?", "章"),
    ("试用期最长多久？", None),
    ("在哪里申请劳动仲裁？", None),
])
def test_questions_about_where_a_rule_sits(question: str, expected) -> None:
    assert parts.asks_where(question) == expected


def heading(n: int, text: str, section: str, doc_id: int = 1) -> SentenceRecord:
    return SentenceRecord(id=f"h{n}", doc="law.md", title="示例法", sentence=n, paragraph=n, text=text, section=section,
                          start=0, end=len(text), heading=True, doc_id=doc_id)


LAW = [
    heading(1, "第一章 总则", "第一章 总则"),
    heading(10, "第二章 合同", "第二章 合同"),
    heading(11, "第一节 订立", "第二章 合同 第一节 订立"),
    heading(20, "第二节 履行", "第二章 合同 第二节 履行"),
    heading(30, "第三章 附则", "第三章 附则"),
]


def test_a_named_part_and_what_lies_under_it() -> None:
    assert levels.find(LAW, [(2, "章")]) == (1, 4)  # 第二章, up to 第三章
    assert levels.find(LAW, [(2, "章"), (2, "节")]) == (3, 4)
    assert levels.find(LAW, [(3, "章"), (1, "节")]) is None  # 第一节 lies under 第二章, not 第三章
    assert levels.find(LAW, [(4, "章")]) is None
    assert levels.find(LAW, [(3, "部分")]) == (4, 5)  # the third of the top-level headings


def test_the_headings_a_sentence_sits_under() -> None:
    inside = SentenceRecord(id="s25", doc="law.md", title="示例法", sentence=25, paragraph=25, text="按约定履行。",
                            section="第二章 合同 第二节 履行", start=0, end=6, doc_id=1)
    assert [h.text for h in levels.path(LAW, inside, "章")] == ["第二章 合同", "第二节 履行"]
    assert [h.text for h in levels.path(LAW, inside, levels.TOP)] == ["第二章 合同"]
    later = inside.model_copy(update={"sentence": 31})
    assert [h.text for h in levels.path(LAW, later, "章")] == ["第三章 附则"]  # a new chapter ends the section


def test_the_parts_a_question_searches_within() -> None:
    assert parts.scope("劳动合同法第四章里关于经济补偿是怎么规定的？") == [(4, "章")]
    assert parts.scope("劳动合同法第5章第二节里关于用工单位的义务有哪些？") == [(5, "章"), (2, "节")]
    assert parts.scope("文章第二部分开头说了什么？") == []  # a policy document's part is not numbered so
    assert parts.inside("第五章 特别规定 第二节 劳务派遣", [(5, "章"), (2, "节")])
    assert not parts.inside("第四章 劳动合同的解除和终止", [(5, "章")])
    assert not parts.inside("第十五章 附则", [(5, "章")])  # 第十五章 is not 第五章
    assert not parts.inside("", [(5, "章")])
