"""Whether a sentence's condition covers the case a question states.

Rules scale by ranges: "劳动合同期限一年以上不满三年的，试用期不得超过二个月", "职工累计工作已满1年不满10年的，
年休假5天", "不满六个月的，向劳动者支付半个月工资". A question that states its case ("签一份一年半的劳动合同",
"参加工作已经八年了", "干了不到半年") is answered by the sentence whose range holds that case, not by its
neighbours for the other ranges, which share every word with it. Both sides are read as intervals of one
dimension (a duration in months, days, hours, an age in years); a sentence's range is read only from its
condition clause, the words before "…的，", so the limit it sets ("不得超过二个月") is never taken for it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.structure import chinese_number

_NUMERAL = "0-9零一二三四五六七八九十百千万两"
# unit -> (dimension, size in that dimension's base unit)
_UNITS = {"年": ("months", 12), "个月": ("months", 1), "周岁": ("age", 1), "岁": ("age", 1),
          "日": ("days", 1), "天": ("days", 1), "小时": ("hours", 1)}
# Amounts of money are left out: a question's income or fine meets the bands of unrelated rules (个人所得税
# brackets against 财产租赁所得's 四千元) more often than it picks the right one.
QUANTITY = re.compile(rf"(?<![{_NUMERAL}.])(?:([{_NUMERAL}.]+)(个)?(半)?|(半))(个月|周岁|岁|年|日|天|小时)(半)?")
_BELOW = ("不满", "未满", "不足", "不到", "少于", "低于", "未达到")  # before the number: the case lies under it
_ABOVE = ("超过", "多于", "高于", "大于")  # before the number: above it
_AT_MOST = ("不超过", "不高于", "不多于", "不大于")  # before the number: at most it (read before _ABOVE)
_NOT_UNDER = ("不少于", "不低于")  # before the number: at least it (read before _BELOW)
_FROM = ("已满", "满", "达到")  # before the number: at least it
_NOT_YET = re.compile(r"[没未]\w?满$")  # "没交满十五年", "还没满": under it (read before _FROM)
_DIGITS = "一二三四五六七八九"
_UP_TO = ("以下", "以内")  # after the number: at most it
_BEFORE_IT = ("前", "之前", "以前")  # after the number: under it ("三岁前")
_TO = ("到", "至", "-", "－", "~")  # between the two ends of a range ("二十六岁到四十五岁")
_AT_LEAST = ("以上",)  # after the number: at least it
_NOT_A_CASE = ("哪", "几", "每", "多少", "第")  # before the number: "哪一年", "每一年" are asked or a rate, no case
_RATE = ("能", "可", "内", "中", "里", "最", "有", "要", "应")  # "一年能休几天": a period the answer is counted in
CONDITION_END = re.compile(r"的[，,]")  # where a condition clause ends


def parts(text: str) -> tuple[str, str]:
    """(condition, the rest): the words up to the last "…的，" and those after it ('' and the text when none)."""
    ends = [m.end() for m in CONDITION_END.finditer(text)]
    return (text[: ends[-1]], text[ends[-1]:]) if ends else ("", text)


CONDITION_CLAUSE = re.compile(r"([^，,；;：:。！？!?]{2,80}?)的[，,]")
_AMOUNT_OF_TIME = rf"(?<![{_NUMERAL}.])[{_NUMERAL}.]+个?半?(?:个月|周岁|岁|年|日|天|小时)半?"
# "不满八周岁的", "十六周岁以上的", and both ends of "累计工作满1年不满10年的职工" (one range, bounded on both sides)
ATTRIBUTIVE = re.compile(rf"((?:(?:已满|满){_AMOUNT_OF_TIME})?(?:不满|未满|不足|已满|满|超过)?{_AMOUNT_OF_TIME}(?:以上|以下)?)的")


@dataclass(frozen=True)
class Span:
    """An interval of one dimension: low <= x < high (a point is low == high)."""

    dimension: str
    low: float
    high: float

    def meets(self, other: Span) -> bool:
        """Does `other` (a sentence's condition) hold this case (a point in it, or a range overlapping it)?"""
        if self.low == self.high:
            return other.low <= self.low < other.high or other.low == other.high == self.low
        if other.low == other.high:
            return self.low <= other.low < self.high
        return self.low < other.high and other.low < self.high


def _value(match: re.Match) -> tuple[str, float] | None:
    number, _, half, bare_half, unit, half_after = match.groups()
    dimension, size = _UNITS[unit]
    if bare_half:  # 半年
        amount = 0.5
    else:
        digits = re.fullmatch(r"([0-9.]+)([千万]?)", number)
        try:
            amount = float(digits[1]) * {"": 1, "千": 1e3, "万": 1e4}[digits[2]] if digits \
                else float(chinese_number(number))
        except ValueError:
            return None
        if not amount:
            return None
        if unit == "年" and amount >= 1900:  # a calendar year, not a duration
            return None
        pair = re.search(r"([一二三四五六七八])([二两三四五六七八九])$", number)
        if pair and _DIGITS.index(pair[1]) + 1 == _DIGITS.index(pair[2].replace("两", "二")):
            amount -= 0.5  # "十一二年", "三四个月": about eleven or twelve, between the two
        amount += 0.5 if (half or half_after) else 0.0
    return dimension, amount * size


def _own(before: str, after: str, x: float, bare_is_point: bool, opened: bool) -> tuple[float, float] | None:
    """The interval one quantity marks by the words around it (None: it marks none)."""
    if before.endswith(_NOT_A_CASE):
        return None
    if before.endswith(_AT_MOST):
        return -math.inf, x + 1e-9
    if before.endswith(_NOT_UNDER):
        return x, math.inf
    if before.endswith(_BELOW) or after.startswith(_BEFORE_IT) or _NOT_YET.search(before):
        return -math.inf, x
    if before.endswith(_TO) and opened:
        return -math.inf, x + 1e-9
    if after.startswith(_TO) or before.endswith(_FROM) or after.startswith(_AT_LEAST):
        return x, math.inf
    if after.startswith(_UP_TO):
        return -math.inf, x + 1e-9
    if before.endswith(_ABOVE):
        return x + 1e-9, math.inf
    if bare_is_point and not after.startswith(_RATE):
        return x, x
    return None


def bounds(text: str, *, bare_is_point: bool) -> list[Span]:
    """The intervals the quantities of `text` mark, one per dimension (bounds of one dimension narrow it; one
    that contradicts it starts it again: a follow-up's own case replaces the earlier turn's); a quantity with no
    bound word around it is a point when `bare_is_point` (a question's case) and ignored otherwise."""
    found: dict[str, tuple[float, float]] = {}
    for m in QUANTITY.finditer(text):
        value = _value(m)
        if value is None:
            continue
        dimension, x = value
        before, after = text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 2]
        low, high = found.get(dimension, (-math.inf, math.inf))
        own = _own(before, after, x, bare_is_point, opened=low > -math.inf)
        if own is None:
            continue
        narrowed = (max(low, own[0]), min(high, own[1]))
        found[dimension] = narrowed if narrowed[0] <= narrowed[1] else own
    return [Span(d, max(lo, 0.0), hi) for d, (lo, hi) in found.items()]


_EN_NUMBERS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve thirteen "
                                          "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(), 1)}
_EN_UNITS = {"year": ("months", 12), "month": ("months", 1), "day": ("days", 1), "hour": ("hours", 1)}
EN_QUANTITY = re.compile(r"\b(\d{1,3}|" + "|".join(_EN_NUMBERS) + r")[\s-]+(year|month|day|hour)s?\b(?![\s-]+old)", re.I)
EN_AGE = re.compile(r"\b(?:aged?\s+)?(\d{1,3})[\s-]+years?[\s-]+old\b|\baged\s+(\d{1,3})(?:\s*(?:to|-)\s*(\d{1,3}))?\b",
                    re.I)
_EN_ASKED = re.compile(r"(?:how many|how much|how long|what)\s*$", re.I)


def english_case(question: str) -> list[Span]:
    """The quantities an English question states ("with 25 years of service", "aged 16 to 25")."""
    found: list[Span] = []
    for m in EN_QUANTITY.finditer(question):
        if _EN_ASKED.search(question[:m.start()]):
            continue  # "how many days …" asks, it states nothing
        number = m.group(1).lower()
        dimension, size = _EN_UNITS[m.group(2).lower()]
        x = float(_EN_NUMBERS.get(number) or number) * size
        found.append(Span(dimension, x, x))
    for m in EN_AGE.finditer(question):
        x = float(m.group(1) or m.group(2))
        found.append(Span("age", x, float(m.group(3)) + 1 if m.group(3) else x))  # "aged 16 to 25": 16 <= age < 26
    return list({s.dimension: s for s in found}.values())


def stated_case(question: str) -> list[Span]:
    """The quantities a question states about its case ("八年", "一年半的", "不到半年"; "25 years of service")."""
    return bounds(question, bare_is_point=True) + (english_case(question) if question.isascii() else [])


def conditions(sentence: str) -> list[Span]:
    """The ranges a sentence's condition clauses ("…已满1年不满10年的，") and attributive ranges ("十六周岁以上的
    未成年人", "不满八周岁的") set."""
    clauses = CONDITION_CLAUSE.findall(sentence) + ATTRIBUTIVE.findall(CONDITION_CLAUSE.sub("，", sentence))
    return [s for clause in clauses for s in bounds(clause, bare_is_point=False) if s.low > 0 or s.high < math.inf]


def closed(case: list[Span], sentence: str) -> bool:
    """Whether a condition of the sentence that holds the stated case is bounded on both sides ("已满1年不满10年的",
    more specific than "连续工作一年以上的" or "不满十八周岁的")."""
    return judge(case, sentence)[1]


def fit(case: list[Span], sentence: str) -> int:
    """+1 when a condition of the sentence holds the stated case, -1 when its conditions of that dimension all
    exclude it, 0 when nothing compares."""
    return judge(case, sentence)[0]


def judge(case: list[Span], sentence: str) -> tuple[int, bool]:
    """(fit, closed) from one reading of the sentence's conditions."""
    verdict, bounded = 0, False
    for condition in conditions(sentence):
        for stated in case:
            if stated.dimension != condition.dimension:
                continue
            if stated.meets(condition):
                verdict = 1
                bounded = bounded or (0 < condition.low and condition.high < math.inf)
            elif verdict == 0:
                verdict = -1
    return verdict, bounded
