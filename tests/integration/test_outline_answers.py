"""Questions about how a document is divided, answered by its own headings (assistant/outline.py,
assistant/subheadings.py): over three real laws, the seed article and a code in two files."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from libraries import library_of

from assistant import Assistant
from assistant.index_view import SearchFilter
from settings import Settings
from tests.fixtures.make_fixtures import require_laws

pytestmark = pytest.mark.integration


def source_headings(rel: str, marks: str) -> list[str]:
    """The Markdown headings of a library file that start with `marks` ("## 第" for chapters)."""
    lines = (require_laws() / rel).read_text(encoding="utf-8").splitlines()
    return [re.sub(r"\s+", " ", line[len(marks) - 1:].strip()) for line in lines if line.startswith(marks)]


def quoted(answer) -> list[str]:
    return [re.sub(r"\s+", " ", c.text.strip()) for c in answer.citations]


CONTRACT_LAW = "社会法/劳动合同法(2012-12-28).md"


@pytest.mark.parametrize("question", ["劳动合同法分为哪几章？", "勞動合同法一共有幾章？",
                                      "What are the chapters of the Labour Contract Law?"])
def test_the_chapters_of_a_law(three_laws, question: str) -> None:
    answer = three_laws.ask(question)
    chapters = source_headings(CONTRACT_LAW, "## 第")
    assert len(chapters) == 8
    assert not answer.abstained and quoted(answer) == chapters  # all of them, in the law's order
    assert all(c.short_title == "劳动合同法" for c in answer.citations)
    assert "8" in answer.notices[0]
    assert answer.answer.count("[") == 8


def test_the_sections_of_one_chapter(three_laws) -> None:
    answer = three_laws.ask("劳动合同法第五章有哪几节？")
    assert quoted(answer) == source_headings(CONTRACT_LAW, "### 第") == ["第一节 集体合同", "第二节 劳务派遣",
                                                                          "第三节 非全日制用工"]
    assert three_laws.ask("劳动合同法第四章有哪几节？").citations[0].text != "第一节 集体合同"  # 第四章 has none


def test_the_library_says_which_law(three_laws) -> None:
    insurance = three_laws.ask("社会保险法有哪几章？")
    assert quoted(insurance) == source_headings("社会法/社会保险法(2018-12-29).md", "## 第")
    assert quoted(insurance) != quoted(three_laws.ask("劳动合同法有哪几章？"))


def articles_of(rel: str) -> list[str]:
    """The article numbers of a library file, as written ("第九十八条"), in order."""
    text = (require_laws() / rel).read_text(encoding="utf-8")
    return re.findall(r"^(第[一二三四五六七八九十百零]+条)", text, flags=re.M)


@pytest.mark.parametrize("question", ["劳动合同法一共有多少条？", "How many articles does the Labour Contract Law have?"])
def test_how_many_articles(three_laws, question: str) -> None:
    numbers = articles_of(CONTRACT_LAW)
    answer = three_laws.ask(question)
    assert [c.article for c in answer.citations] == [numbers[-1]]  # the last article quoted
    assert str(len(numbers)) in answer.notices[0]


@pytest.mark.parametrize("question", ["劳动合同法最后一条是什么？", "What does the last article of the Labour Contract Law say?"])
def test_the_last_article(three_laws, question: str) -> None:
    answer = three_laws.ask(question)
    assert not answer.abstained and {c.article for c in answer.citations} == {articles_of(CONTRACT_LAW)[-1]}


def test_how_many_articles_a_chapter_has(three_laws) -> None:
    answer = three_laws.ask("劳动合同法第五章有几条？")
    first, last = (c.article for c in answer.citations)
    numbers = articles_of(CONTRACT_LAW)
    chapter = (require_laws() / CONTRACT_LAW).read_text(encoding="utf-8").split("## 第五章")[1].split("## 第六章")[0]
    inside = re.findall(r"^(第[一二三四五六七八九十百零]+条)", chapter, flags=re.M)
    assert (first, last) == (inside[0], inside[-1])
    assert str(len(inside)) in answer.notices[0] and len(inside) < len(numbers)


@pytest.mark.parametrize("question", ["劳动合同分为哪几种？", "劳动合同法规定工资由哪几部分组成？"])
def test_questions_about_other_divisions_are_searched(three_laws, question: str) -> None:
    answer = three_laws.ask(question)
    assert not any(re.match(r"第.+[章节]", c.text) for c in answer.citations)


def test_a_left_out_law_has_no_outline(three_laws) -> None:
    doc = three_laws.ask("劳动合同法分为哪几章？").citations[0].doc_id
    answer = three_laws.ask("劳动合同法分为哪几章？", search=SearchFilter(exclude_docs=(doc,)))
    assert all(c.doc_id != doc for c in answer.citations) and all(r.doc_id != doc for r in answer.related)


def test_what_one_chapter_is_about(three_laws) -> None:
    answer = three_laws.ask("劳动合同法第五章讲了什么？")
    assert quoted(answer) == ["第五章 特别规定", *source_headings(CONTRACT_LAW, "### 第")]  # the chapter, its sections
    assert quoted(three_laws.ask("劳动合同法第四章的标题是什么？")) == [source_headings(CONTRACT_LAW, "## 第")[3]]


def test_a_chapter_the_law_does_not_have(three_laws) -> None:
    answer = three_laws.ask("劳动合同法第十章讲了什么？")
    assert answer.abstained and not answer.citations
    assert "第十章" in answer.answer and str(len(source_headings(CONTRACT_LAW, "## 第"))) in answer.answer


def test_in_which_chapter_a_rule_sits(three_laws) -> None:
    answer = three_laws.ask("劳务派遣规定在劳动合同法的哪一章？")
    texts = quoted(answer)
    assert texts[:2] == ["第五章 特别规定", "第二节 劳务派遣"]  # the chapter and the section, widest first
    rest = answer.citations[2:]
    assert rest and all(c.section.endswith("劳务派遣") and not re.match(r"第.+[章节]", c.text) for c in rest)
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert answer.related and not {c.n for c in answer.related} & {c.n for c in answer.citations}  # numbered apart
    assert all(f"[{c.n}]" in answer.answer for c in answer.citations)
    assert answer.confidence is not None  # the answer the selector chose, kept with its confidence


def test_a_follow_up_about_the_law_just_quoted(three_laws) -> None:
    first = "社会保险法规定失业保险金领多久？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": three_laws.ask(first).answer}]
    chapters = three_laws.ask("那它分为哪几章？", history)
    assert quoted(chapters) == source_headings("社会法/社会保险法(2018-12-29).md", "## 第")
    # a follow-up that asks about the content again is searched, though its history asked about a chapter
    history = [{"role": "user", "content": "社会保险法第五章讲了什么？"}, {"role": "assistant", "content": "第五章 失业保险[1]"}]
    followed = three_laws.ask("这一章里领取失业保险金要满足哪些条件？", history)
    assert not any(re.match(r"第.+[章节]", c.text) for c in followed.citations)


@pytest.mark.parametrize("question, numbers", [
    ("劳动合同法第三十九条和第四十条分别是怎么规定的？", ["第三十九条", "第四十条"]),
    ("劳动合同法第三十六条至第三十八条", ["第三十六条", "第三十七条", "第三十八条"]),
])
def test_several_articles_each_quoted_whole(three_laws, question: str, numbers: list[str]) -> None:
    answer = three_laws.ask(question)
    text = (require_laws() / CONTRACT_LAW).read_text(encoding="utf-8")
    for number in numbers:  # every sentence of each article, from the source's own article text
        body = text.split(f"\n{number}")[1].split("\n第")[0]
        assert [c for c in answer.citations if c.article == number]
        assert sum(len(c.text) for c in answer.citations if c.article == number) >= len(re.sub(r"\s", "", body)) - 5
    assert list(dict.fromkeys(c.article for c in answer.citations)) == numbers  # in order, nothing else


def test_a_question_within_a_chapter(three_laws) -> None:
    anywhere = three_laws.ask("劳动合同法里关于经济补偿是怎么规定的？")
    assert any(not c.section.startswith("第七章") for c in anywhere.citations)
    within = three_laws.ask("劳动合同法第七章里关于经济补偿是怎么规定的？")
    assert within.citations and all(c.section.startswith("第七章") for c in within.citations)
    assert any("经济补偿" in c.text for c in within.citations)


@pytest.fixture(scope="module")
def seed(seed_settings: Settings) -> Assistant:
    return Assistant.from_settings(seed_settings)


def test_the_parts_of_the_only_document(seed) -> None:
    answer = seed.ask("这篇文章分成哪几个部分？")
    parts = [line for line in (Path(__file__).parents[2] / "seeds").glob("*.txt").__next__()
             .read_text(encoding="utf-8").splitlines() if re.match(r"[一二三四五六七八九十]+、", line)]
    assert len(parts) == 3 and quoted(answer) == parts


def test_what_one_part_is_about_and_where_a_measure_sits(seed) -> None:
    answer = seed.ask("文章第二部分讲了什么？")
    part = answer.citations[0]
    assert part.text.startswith("二、") and len(answer.citations) > 2
    assert all(c.section == part.text and len(c.text) <= 24 for c in answer.citations[1:])  # its sub-headings
    where = seed.ask("“蓉漂计划”是在文章的哪个部分提到的？")
    assert where.citations[0].text.startswith(("一、", "二、", "三、"))
    assert any("蓉漂" in c.text for c in where.citations[1:])
    assert all(c.section == where.citations[0].text for c in where.citations[1:])


def test_sub_headings_with_and_without_a_topic(seed) -> None:
    every = seed.ask("文章的小标题有哪些？")
    assert len(every.citations) >= 6
    assert all(len(c.text) <= 24 and not c.context_before.endswith(("，", ",")) for c in every.citations)
    talent = seed.ask("文章中关于人才工作的小标题分别是什么？")
    assert 1 <= len(talent.citations) <= 3  # one per part at most
    assert {c.sentence_id for c in talent.citations} < {c.sentence_id for c in every.citations}
    assert all("人才" in c.text or "人力资源" in c.text for c in talent.citations)
    sections = [c.section for c in talent.citations]
    assert len(set(sections)) == len(sections)


CODE_PART = """# 中华人民共和国示例法典

# {part}

2024年1月1日 第一届示例大会通过

<!-- INFO END -->

## 第一章 {first}

第{a}条 {rule_a}

## 第二章 {second}

第{b}条 {rule_b}
"""


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Assistant:
    """A code published in two files, one per part: its parts are the files, in the order of their articles."""
    files = {
        "示例法典/分则编.md": CODE_PART.format(part="分则编", first="买卖", second="租赁", a="三", b="四",
                                           rule_a="出卖人应当按照约定交付标的物。", rule_b="租赁期限不得超过二十年。"),
        "示例法典/总则编.md": CODE_PART.format(part="总则编", first="基本规定", second="民事主体", a="一", b="二",
                                           rule_a="为了保护民事主体的合法权益，制定本法典。",
                                           rule_b="自然人从出生时起到死亡时止，具有民事权利能力。"),
    }
    return library_of(tmp_path_factory, model_dir, "code", files)


def test_a_code_in_several_files(code) -> None:
    assert quoted(code.ask("示例法典有哪几编？")) == ["总则编", "分则编"]  # by article, not by file name
    assert quoted(code.ask("示例法典有哪几章？")) == ["第一章 基本规定", "第二章 民事主体", "第一章 买卖", "第二章 租赁"]
    assert quoted(code.ask("示例法典分则编有哪几章？")) == ["第一章 买卖", "第二章 租赁"]
