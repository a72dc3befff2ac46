"""The real assistant over a real index of the seed document, built into a temporary data folder.

The embedding model and the index are conftest.py's `model_dir` and `seed_settings`: the
model materialised in the project's data folder, the index built once per session in the
session's base temp folder (test_cli.py uses the same one).
"""
from __future__ import annotations

import json
import re

import pytest

from settings import Settings
from prompts import render
from conftest import ROOT

pytestmark = pytest.mark.integration

DEV = ROOT / "eval" / "dev.jsonl"
RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_TRADITIONAL = "如何提升「蓉漂」品牌的海外影響力？"
RONGPIAO_ENGLISH = "How can the overseas influence of the Rongpiao brand be improved?"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"
NOT_IN_DOCS = "成都地铁有几条线路？"


@pytest.fixture(scope="module")
def a(seed_settings: Settings):
    from assistant import Assistant

    return Assistant.from_settings(seed_settings)


@pytest.fixture(scope="module")
def dev() -> list[dict]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_gold(text: str, gold: list[str]) -> bool:
    body = squash(text)
    return bool(body) and any(squash(g) in body or body in squash(g) for g in gold if squash(g))


def source_slice(settings: Settings, record) -> str:
    raw = (settings.seeds_dir / record.doc).read_bytes().decode("utf-8")  # no newline translation
    return raw[record.start : record.end]


# --- one answered, one unanswered question ---------------------------------------------------

def test_rongpiao_question_is_answered_with_the_cited_source_sentence(a, seed_settings: Settings) -> None:
    answer = a.ask(RONGPIAO)
    assert not answer.abstained and answer.error is None
    assert answer.confidence is not None and 0 < answer.confidence <= 1  # the selector's P(answerable)
    assert answer.citations and answer.citations[0].n == 1
    assert RONGPIAO_SENTENCE in answer.citations[0].text
    assert "[1]" in answer.answer
    # the answer is the cited sentences, each followed by its marker: no word of its own
    assert answer.answer == "".join(f"{c.text}[{c.n}]" for c in answer.citations)
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    records = a.records.by_ids([c.sentence_id for c in answer.citations + answer.related])
    for c in answer.citations + answer.related:
        record = records[c.sentence_id]
        assert c.text == record.text == source_slice(seed_settings, record)
        assert c.doc == record.doc and c.section == record.section


def test_a_question_the_documents_do_not_answer_abstains(a) -> None:
    answer = a.ask(NOT_IN_DOCS)
    assert answer.abstained
    assert answer.answer == render("not_found")
    assert answer.citations == []
    assert len(answer.related) == 3
    assert [c.n for c in answer.related] == [1, 2, 3]


# --- the development questions ------------------------------------------------------------

def test_dev_retrieval_finds_the_gold_sentence_in_the_top_5(a, dev: list[dict]) -> None:
    answerable = [q for q in dev if "unanswerable" not in q["tags"]]
    assert len(answerable) >= 20
    missed = []
    for q in answerable:
        hits = a.retrieve(q["question"], q.get("history", []))[:5]
        if not any(is_gold(h.record.text, q["gold"]) for h in hits):
            missed.append(q["id"])
    share = 1 - len(missed) / len(answerable)
    assert share >= 0.85, f"gold in top 5 for {share:.0%}; missed {missed}"


def test_dev_abstention_rates(a, dev: list[dict]) -> None:
    unanswerable = [q for q in dev if "unanswerable" in q["tags"]]
    answerable = [q for q in dev if "unanswerable" not in q["tags"]]
    assert len(unanswerable) >= 5 and len(answerable) >= 20
    wrongly_answered = [q["id"] for q in unanswerable if not a.ask(q["question"], q.get("history", [])).abstained]
    wrongly_abstained = [q["id"] for q in answerable if a.ask(q["question"], q.get("history", [])).abstained]
    assert 1 - len(wrongly_answered) / len(unanswerable) >= 0.80, f"answered: {wrongly_answered}"
    assert len(wrongly_abstained) / len(answerable) <= 0.10, f"abstained: {wrongly_abstained}"


# --- follow-ups, scripts, languages -----------------------------------------------------------

def test_asking_what_an_answer_belongs_to_quotes_the_line_it_sits_under(a) -> None:
    first = a.ask("“百镇千村头雁孵化”工程是什么？")
    assert not first.abstained and "头雁孵化" in first.citations[0].text
    history = [{"role": "user", "content": "“百镇千村头雁孵化”工程是什么？"},
               {"role": "assistant", "content": first.answer}]
    second = a.ask("这属于哪一项工作？", history)
    assert not second.abstained
    assert second.citations[0].text == "加强基层骨干队伍建设。"  # the topic line itself, not its body


def test_a_followup_dialogue_retrieves_the_sentence_of_the_earlier_turn(a) -> None:
    first = a.ask("“四个一批”计划是什么？")
    assert not first.abstained and "四个一批" in first.citations[0].text
    history = [{"role": "user", "content": "“四个一批”计划是什么？"}, {"role": "assistant", "content": first.answer}]
    second = a.ask("具体怎么做？", history)
    assert "四个一批" in second.resolved_question
    assert render("followup_notice", resolved=second.resolved_question) in second.notices
    assert not second.abstained and "四个一批" in second.citations[0].text
    assert "四个一批" in a.retrieve("具体怎么做？", history)[0].record.text
    # without the history the same words find something else: the history is what found it
    assert "四个一批" not in a.retrieve("具体怎么做？")[0].record.text


def test_a_traditional_question_gets_the_same_top_citation_as_simplified(a) -> None:
    simplified, traditional = a.ask(RONGPIAO), a.ask(RONGPIAO_TRADITIONAL)
    assert not traditional.abstained
    assert traditional.citations[0].sentence_id == simplified.citations[0].sentence_id
    assert traditional.question == RONGPIAO_TRADITIONAL  # shown as asked


def test_an_english_question_finds_the_rongpiao_sentence_in_the_top_3(a) -> None:
    top = [h.record.text for h in a.retrieve(RONGPIAO_ENGLISH)[:3]]
    assert any(RONGPIAO_SENTENCE in t for t in top), top


def test_an_english_question_is_searched_with_chinese_terms_of_the_document(a) -> None:
    found = a.candidates(RONGPIAO_ENGLISH)
    assert found.also and all("\u4e00" <= c <= "\u9fff" for c in found.also.replace(" ", ""))
    assert all(a.english.known(term) for term in found.also.split())
    assert a.candidates(RONGPIAO).also == ""


@pytest.mark.parametrize("q", ["What is the weather in Paris today?", "<script>alert(1)</script>"])
def test_an_off_topic_non_chinese_question_abstains(a, q: str) -> None:
    answer = a.ask(q)
    assert answer.abstained, answer.answer
    assert answer.answer == render("not_found_en")


@pytest.mark.parametrize(("q", "message"), [("帮我写一份推荐“蓉漂”人才的申报材料。", "not_written"),
                                          ("Please write a speech about the Rongpiao talent plan.", "not_written_en")])
def test_a_request_to_write_is_declined_with_the_closest_passages(a, q: str, message: str) -> None:
    """The documents are quoted, never written: a request to write gets that said, and the passages it is
    closest to (the talent plan's sentences), not a quoted sentence passed off as the text asked for."""
    answer = a.ask(q)
    assert answer.abstained and answer.answer == render(message)
    assert not answer.citations and answer.related
    assert any("蓉漂" in c.text for c in answer.related)
    assert not a.ask("申报“蓉漂”人才计划要写哪些材料？").answer == render("not_written")


def test_the_answerer_knows_the_everyday_lists_words(a) -> None:
    """Wiring: the answerer's `known` accepts a word of the everyday list that the documents never use (家里人,
    which jieba tags as a name), so a question is not refused for naming it; a word in neither stays unknown."""
    assert a.synonyms.lists("家里人") and a.answerer.known("家里人")
    assert not a.answerer.known("比特币")


# --- what comes back ----------------------------------------------------------------------------

def test_timings_are_reported_per_step(a) -> None:
    timings = a.ask(RONGPIAO).timings
    for key in ("normalise", "retrieve", "answer", "total"):
        assert isinstance(timings[key], float) and timings[key] >= 0.0
    assert timings["total"] >= timings["retrieve"]


def test_html_in_a_question_comes_back_verbatim(a) -> None:
    q = "<b>如何提升“蓉漂”品牌的海外影响力？</b><img src=x onerror=alert(1)>"
    answer = a.ask(q)
    assert answer.question == q
    assert answer.error is None


def test_a_how_many_answer_marks_the_amount_it_quotes(a) -> None:
    answer = a.ask("社区生活服务圈的目标是多少分钟？")
    marked = [c.text[s:e] for c in answer.citations for s, e in c.answer_spans]
    assert marked == ["15分钟"]
    assert all(not c.answer_spans for c in a.ask("如何提升“蓉漂”品牌的海外影响力？").citations)  # asks for no amount
