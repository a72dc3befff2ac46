"""Sentence splitting (index/split.py): exact offsets, sentence ends, headings, long runs, ids."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import index.split as split_module
import index.types as types_module
from index.split import MAX_SENTENCE_CHARS, is_heading, iter_sentences, split_document
from index.types import Sentence, SourceDoc

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def doc(text: str, name: str = "t.txt") -> SourceDoc:
    return SourceDoc(path=Path(name), name=name, text=text)


def split(text: str, name: str = "t.txt") -> list[Sentence]:
    return split_document(doc(text, name))


def texts(text: str) -> list[str]:
    return [s.text for s in split(text)]


def assert_exact(d: SourceDoc, sentences: list[Sentence]) -> None:
    """Every sentence is the exact slice of the source it claims, in order, without overlap."""
    previous_end = 0
    for s in sentences:
        assert d.text[s.start : s.end] == s.text, s
        assert s.text and s.text == s.text.strip() and "\ufeff" not in s.text
        assert s.start >= previous_end
        previous_end = s.end


# --- the seed document -----------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_seed_sentence_slices_back_exactly(path: Path) -> None:
    d = SourceDoc(path=path, name=path.name, text=path.read_text(encoding="utf-8"))
    sentences = split_document(d)
    assert len(sentences) > 10
    assert_exact(d, sentences)
    assert [s.number for s in sentences] == list(range(len(sentences)))
    # nothing but whitespace is lost between sentences
    covered = "".join("".join(s.text.split()) for s in sentences)
    assert covered == "".join(d.text.split())


def test_seed_has_at_least_one_file() -> None:
    assert SEEDS, "no seed document in seeds/"


# --- sentence ends ------------------------------------------------------------------------

def test_chinese_sentences_end_at_full_stop_exclamation_and_question_mark() -> None:
    assert texts("要坚持党的领导。要服务大局！怎样做到？这样做到。") == [
        "要坚持党的领导。", "要服务大局！", "怎样做到？", "这样做到。"]


def test_english_sentences_end_at_period_question_and_exclamation_mark() -> None:
    assert texts("The plan starts now. Does it work? It works well! Done.") == [
        "The plan starts now.", "Does it work?", "It works well!", "Done."]


def test_a_decimal_number_does_not_end_an_english_sentence() -> None:
    assert texts("Version 3.5 is out. Growth reached 12.75 percent this year.") == [
        "Version 3.5 is out.", "Growth reached 12.75 percent this year."]


@pytest.mark.parametrize("abbreviation", ["e.g.", "i.e."])
def test_a_latin_abbreviation_inside_a_sentence_does_not_end_it(abbreviation: str) -> None:
    # "e.g." followed by a lower-case word continues the sentence; cutting there leaves
    # a fragment ("Use hand tools, e.g.") as a citable unit.
    text = f"Use hand tools, {abbreviation} hammers and saws. Then rest."
    assert texts(text) == [f"Use hand tools, {abbreviation} hammers and saws.", "Then rest."]


@pytest.mark.parametrize(("text", "first"), [
    ("他说：“我们走吧。”大家都同意了。", "他说：“我们走吧。”"),
    ("他说：「我们走吧！」大家都同意了。", "他说：「我们走吧！」"),
    ("通知写明『本周截止？』请尽快提交。", "通知写明『本周截止？』"),
    ('He said "Go now." Then he left.', 'He said "Go now."'),
])
def test_closing_quotes_stay_with_the_sentence_they_close(text: str, first: str) -> None:
    got = texts(text)
    assert got[0] == first
    assert len(got) == 2 and got[1][0] not in "”」』\""


# --- the semicolon ---------------------------------------------------------------------------

def test_semicolon_splits_when_both_clauses_stand_alone() -> None:
    first = "坚持把政治标准放在干部选拔的首位；"
    second = "坚持把服务群众作为基层组织的根本任务。"
    assert len(first) - 1 >= 12 and len(second) >= 12
    assert texts(first + second) == [first, second]


@pytest.mark.parametrize("text", [
    "政治上；坚持把服务群众作为基层组织的根本任务。",  # short clause before
    "坚持把服务群众作为基层组织的根本任务；如此。",  # short clause after
    "甲；乙；丙。",
])
def test_semicolon_does_not_split_off_a_short_clause(text: str) -> None:
    assert texts(text) == [text]


# --- headings and sections -----------------------------------------------------------------

HEADED = (
    "开头一句没有标题。\n"
    "一、总体要求\n"
    "要坚持党的领导。要服务大局。\n"
    "（二）具体措施\n"
    "措施一要落实。\n"
    "第三章 附则\n"
    "附则内容在此。\n"
    "# Title\n"
    "Body text here. More body text.\n"
)


def test_headings_are_units_of_their_own_and_set_the_section() -> None:
    sentences = split(HEADED)
    by_text = {s.text: s for s in sentences}
    headings = [s.text for s in sentences if s.is_heading]
    assert headings == ["一、总体要求", "（二）具体措施", "第三章 附则", "# Title"]
    assert by_text["开头一句没有标题。"].section == ""
    assert by_text["要坚持党的领导。"].section == by_text["要服务大局。"].section == "一、总体要求"
    assert by_text["措施一要落实。"].section == "（二）具体措施"
    assert by_text["附则内容在此。"].section == "第三章 附则"
    assert by_text["Body text here."].section == by_text["More body text."].section == "Title"
    assert_exact(doc(HEADED), sentences)


@pytest.mark.parametrize("line", ["一、总体要求", "（二）具体措施", "(三)工作安排", "第三章 附则", "第12节 总结",
                                  "# Title", "### 小节", "2. 工作目标", "1.2 实施步骤"])
def test_heading_shapes_are_recognised(line: str) -> None:
    assert is_heading(line)


@pytest.mark.parametrize("line", ["要坚持党的领导。", "一、坚持党的领导不动摇。", "", "   ",
                                  "一、" + "很长的标题" * 20, "#hashtag without space"])
def test_sentences_and_long_lines_are_not_headings(line: str) -> None:
    assert not is_heading(line)


def test_paragraph_numbers_count_non_empty_lines() -> None:
    text = "第一段第一句。第一段第二句。\n\n\n第二段只有一句。\n一、标题\n第四段。"
    got = [(s.text, s.paragraph) for s in split(text)]
    assert got == [("第一段第一句。", 0), ("第一段第二句。", 0), ("第二段只有一句。", 1), ("一、标题", 2), ("第四段。", 3)]


@pytest.mark.parametrize(("text", "expected"), [
    ("1. 第一项工作要落实。\n2. 第二项工作要跟进。", ["1. 第一项工作要落实。", "2. 第二项工作要跟进。"]),
    ("1. Check the list. Then go.\n2. Go home.", ["1. Check the list.", "Then go.", "2. Go home."]),
])
def test_a_numbered_paragraph_is_sentences_not_a_heading_nor_a_bare_number(text: str, expected: list[str]) -> None:
    # "1." opening a numbered paragraph belongs to its first sentence; a line ending in a
    # sentence end is body text, not a heading (whatever the script of its full stop).
    got = split(text)
    assert [s.text for s in got] == expected
    assert not any(s.is_heading for s in got)
    assert [s.section for s in got] == [""] * len(expected)
    assert [s.paragraph for s in got] == [0] * (len(expected) - 1) + [1]
    assert_exact(doc(text), got)


# --- over-long runs ------------------------------------------------------------------------

def test_an_over_long_run_is_cut_at_commas_and_slices_back_exactly() -> None:
    clause = "推动人才工作机构专业化专职化建设，"  # 17 characters
    run = clause * 60 + "完成。"
    text = "前一句。" + run + "后一句。"
    d = doc(text)
    sentences = split_document(d)
    assert_exact(d, sentences)
    pieces = [s for s in sentences if s.text not in ("前一句。", "后一句。")]
    assert len(pieces) >= len(run) // MAX_SENTENCE_CHARS + 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in pieces)
    assert all(s.text.endswith("，") for s in pieces[:-1])  # cut right after a comma
    assert "".join(s.text for s in pieces) == run  # contiguous, nothing lost
    assert [s.text for s in sentences][0] == "前一句。" and sentences[-1].text == "后一句。"


def test_an_over_long_run_without_commas_is_cut_at_the_limit() -> None:
    run = "党" * (MAX_SENTENCE_CHARS * 2 + 37)
    d = doc(run)
    sentences = split_document(d)
    assert_exact(d, sentences)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 37]


# --- line endings and BOM ------------------------------------------------------------------

def test_crlf_keeps_offsets_exact_and_gives_the_same_sentences_as_lf() -> None:
    lf = HEADED
    crlf = lf.replace("\n", "\r\n")
    d = doc(crlf)
    sentences = split_document(d)
    assert_exact(d, sentences)
    assert all("\r" not in s.text and "\r" not in s.section for s in sentences)
    plain = split(lf)
    assert [(s.text, s.section, s.paragraph, s.is_heading) for s in sentences] == [
        (s.text, s.section, s.paragraph, s.is_heading) for s in plain]


def test_a_bom_keeps_offsets_exact_and_is_not_part_of_a_sentence() -> None:
    text = "\ufeff第一句话。第二句话。\n第三句话。"
    d = doc(text)
    sentences = split_document(d)
    assert_exact(d, sentences)
    assert [s.text for s in sentences] == ["第一句话。", "第二句话。", "第三句话。"]
    assert sentences[0].start == 1


@pytest.mark.parametrize(("first_line", "section"), [("一、总体要求", "一、总体要求"), ("# Title", "Title")])
def test_a_heading_on_the_first_line_of_a_bom_file_is_still_a_heading(first_line: str, section: str) -> None:
    text = f"\ufeff{first_line}\n正文第一句。"
    d = doc(text)
    sentences = split_document(d)
    assert_exact(d, sentences)
    assert sentences[0].is_heading and sentences[0].text == first_line
    assert sentences[1].section == section


# --- ids ---------------------------------------------------------------------------------------

def test_ids_are_stable_and_are_the_digest_plus_the_number() -> None:
    first, again = split(HEADED), split(HEADED)
    assert [s.id for s in first] == [s.id for s in again]
    assert len({s.id for s in first}) == len(first)
    digest = doc(HEADED).digest
    for s in first:
        assert s.doc_digest == digest
        assert s.id == f"{digest}-{s.number:05d}"


def test_ids_change_when_the_text_changes_and_do_not_depend_on_the_path() -> None:
    base = split(HEADED)
    edited = split(HEADED.replace("措施一要落实。", "措施一要抓紧落实。"))
    assert base[0].id != edited[0].id  # the digest covers the whole document
    moved = split_document(SourceDoc(path=Path("elsewhere/t.txt"), name="t.txt", text=HEADED))
    assert [s.id for s in moved] == [s.id for s in base]


# --- linear splitting (issue 6 §6) -----------------------------------------------------------

def reference_ends(line: str) -> list[int]:
    """The sentence ends as index/split.py found them before it became linear (quadratic in ；)."""
    list_number = re.compile(r"\d+(\.\d+)*[.．]")
    ends = {m.end() for m in split_module._ZH_END.finditer(line) if not m.group().startswith("；")}
    ends |= {m.end() for m in split_module._EN_END.finditer(line)
             if not list_number.fullmatch(line[: m.end()].strip())}
    last = 0
    for m in split_module._ZH_END.finditer(line):
        if m.group().startswith("；"):
            nxt = min((e for e in ends if e > m.end()), default=len(line))
            if m.start() - last >= 12 and nxt - m.end() >= 12:
                ends.add(m.end())
        last = max([e for e in ends if e <= m.end()], default=0)
    ends.add(len(line))
    return sorted(ends)


LINE_PARTS = st.sampled_from([
    "坚持把服务群众作为基层组织的根本任务", "人才", "甲", "。", "！", "？", "…", "；", "；”", "”", "）", "」",
    "Word", "e.g.", ". ", "? ", "! ", "1.", "1.2.", "12.5", "2. ", " ", "　", "a", "A", "\t", "，", "3",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE_PARTS, max_size=40).map("".join))
def test_sentence_ends_are_those_of_the_reference_splitter(line: str) -> None:
    # Same ends, so the same sentences and ids: no document is re-embedded for the speed-up.
    assert split_module._ends(line) == reference_ends(line)


def test_the_document_digest_is_computed_once_however_many_sentences(monkeypatch) -> None:
    calls = []
    real = hashlib.sha256

    def counting(data: bytes = b""):
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(types_module.hashlib, "sha256", counting)
    d = doc("第一句话。第二句话！\n" * 500)
    sentences = split_document(d)
    assert len(sentences) == 1000 and {s.doc_digest for s in sentences} == {d.digest}
    assert len(calls) == 1


def test_iter_sentences_yields_the_sentences_one_at_a_time() -> None:
    d = doc(HEADED * 3)
    stream = iter_sentences(d)
    assert iter(stream) is stream  # a generator, not a list
    first = next(stream)
    assert first.text == "开头一句没有标题。" and first.number == 0
    rest = list(stream)
    assert [s.id for s in [first, *rest]] == [s.id for s in split_document(d)]
    assert_exact(d, [first, *rest])
