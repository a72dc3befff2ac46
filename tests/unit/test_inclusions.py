"""A what-does-it-include question is answered first by the sentence that says what its term includes
(assistant/inclusions.py)."""
import pytest

from assistant.inclusions import includes, including_first, listed_term
from tests.unit.catalogue import ids, rated as hit

SAYS = "第二条 营利法人包括有限责任公司、股份有限公司和其他企业法人等。"
OTHER = "非营利法人包括事业单位、社会团体、基金会、社会服务机构等。"
USES = "营利法人经依法登记成立。"


@pytest.mark.parametrize(("question", "term"), [
    ("社会保险基金有哪些？", "社会保险基金"),
    ("营利法人包括哪些？", "营利法人"),
    ("个人所得税的专项附加扣除有哪些项目？", "专项附加扣除"),
    ("劳动合同分为哪几种？", "劳动合同"),
    ("安全技术档案应当包括哪些内容？", "安全技术档案"),
    ("单位有哪些情况，员工可以直接提出解除劳动合同？", ""),  # a clause follows: not a term's members
    ("红十字会的钱主要是从哪些渠道来的？", ""),
    ("什么是营利法人？", ""),
])
def test_the_term_asked_about(question: str, term: str) -> None:
    assert listed_term(question) == term


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("营利法人", SAYS, True),
    ("营利法人", OTHER, False),  # another term that holds it
    ("专项附加扣除", "专项附加扣除，包括子女教育、继续教育、大病医疗等支出", True),
    ("提单内容", "第七十三条 提单内容，包括下列各项：", True),
    ("营利法人", USES, False),
])
def test_a_sentence_says_what_exactly_the_term_includes(term: str, text: str, expected: bool) -> None:
    assert includes(term, text) is expected


def test_the_sentence_that_says_what_the_term_includes_leads_however_it_is_rated() -> None:
    found = [hit(0, OTHER, 0.6), hit(1, USES, 0.3), hit(2, SAYS, 0.01)]
    assert ids(including_first("营利法人包括哪些？", found)) == ["s2", "s0", "s1"]
    assert ids(including_first("营利法人是怎么成立的？", found)) == ["s0", "s1", "s2"]  # asks no members
    first = [hit(0, SAYS, 0.6), hit(1, OTHER, 0.3)]
    assert ids(including_first("营利法人包括哪些？", first)) == ["s0", "s1"]


def test_a_definition_that_goes_on_to_list_says_what_the_term_includes() -> None:
    text = "第三条 本法所称的作品，是指文学、艺术和科学领域内具有独创性并能以一定形式表现的智力成果，包括："
    assert includes("作品", text)
    assert not includes("作品", "本法所称的作品，是指文学作品。")  # defines, lists nothing


def test_the_sentence_searched_for_by_its_form_leads_from_after_the_question_s_candidates() -> None:
    found = [hit(i, OTHER, 0.5 / (i + 1)) for i in range(8)] + [hit(8, SAYS, 0.0)]
    assert ids(including_first("营利法人包括哪些？", found))[0] == "s8"
