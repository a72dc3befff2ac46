"""The part of a question that asks (assistant/asked.py): clauses that state an unknown of the case are left out
when telling what kind of answer is asked for; the last clause always stays."""
import pytest

from assistant.abstain import evidence
from assistant.asked import asked_part


@pytest.mark.parametrize(("question", "asks"), [
    ("我从供应商那进了一批货，合同里没写收货后多少天内验货，那我该什么时候检验？", "我从供应商那进了一批货，那我该什么时候检验？"),
    ("当时没说好保证多长时间，那我的担保责任到什么时候为止？", "那我的担保责任到什么时候为止？"),
    ("工资多少也没讲清楚，那我的工资该按什么标准算？", "那我的工资该按什么标准算？"),
    ("有人扔东西砸伤了人，查不出是谁扔的，由谁来补偿？", "有人扔东西砸伤了人，由谁来补偿？"),
    ("When severance pay is worked out, what counts towards the monthly wage?", "what counts towards the monthly wage?"),
    ("试用期最长多久？", "试用期最长多久？"),
    ("合同没写试用期多长？", "合同没写试用期多长？"),  # one clause: it is what is asked
    ("When must an employer pay wages?", "When must an employer pay wages?"),
    ("Where a labour contract is terminated, what must the employer issue?", "what must the employer issue?"),
    ("Where does a company pay its tax, and at what rate?", "Where does a company pay its tax, and at what rate?"),
    ("When is the annual report due, and who signs it?", "When is the annual report due, and who signs it?"),
])
def test_the_clauses_that_tell_the_case_are_left_out(question: str, asks: str) -> None:
    assert asked_part(question) == asks


def test_the_kind_of_answer_comes_from_the_asking_part() -> None:
    known = lambda word: True  # noqa: E731
    stated = evidence("合同里没写收货后多少天内验货，那我该怎么办？", [], known)
    assert not stated.wants_quantity and stated.measure == ""
    asked = evidence("合同里没写验货期限，那收货后多少天内要验货？", [], known)
    assert asked.wants_quantity and asked.measure == "天"
    english = evidence("When severance pay is worked out, what counts towards the monthly wage?", [], known)
    assert not english.wants_date
