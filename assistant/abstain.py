"""Decide whether the retrieved sentences answer the question at all.

Signals, each a general property of "the documents do not say", calibrated on
the development questions (eval/dev.jsonl; `python -m eval.calibrate` prints
them per question):

- the question names a place, person or organisation the documents never mention
  (the right topic in the wrong city);
- too few of the question's content words occur in the documents at all;
- the best sentence is not similar enough, in cosine, or, for questions not in
  Chinese (where cosine runs lower across languages), does not stand out from the
  rest of the corpus (z-score);
- the question asks for a quantity, a date, a place or a person and the chosen sentences
  hold no number of the unit asked, no place or no person's name;
- the question is closer to everyday off-topic sentences (assistant/data/background.txt:
  weather, sport, cooking, greetings ...) than to any indexed sentence;
- the question tries to override the assistant's instructions.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.tokens import known_word, normalise, words
from index.tokens import tagged as tag_words

from .abbreviations import mentioned_as_abbreviation
from .asked import asked_part
from .english import is_english
from .kinds import AMOUNT, AMOUNT_EN, WHEN_EN, WHERE_EN
from .types import Hit

_CJK = re.compile(r"[\u3400-\u9fff]")
# jieba tags for places, organisations and full person names; a lone 'nr' or 'nz' is too often a
# common word jieba mis-tags (顾客, 段时间) to refuse a question over.
_PROPER = {"ns", "nt", "nrt", "nrfg"}
# 民政局, 税务局, 公安局, 人社局: jieba tags them as organisations, but they name a kind of agency in everyday words,
# which laws call by its function (民政部门, 税务机关, 公安机关); a question about one is no question about a
# body the documents never mention. A particular one names its place (北京市民政局), judged as a place.
AGENCY_KIND = re.compile(r"[\u4e00-\u9fff]{1,2}局")
# The same amount written with another unit: a question's 几天 is answered by 三日.
SAME_UNIT = {"天": "天|日|工作日", "日": "日|天|工作日", "元": "元|倍", "月": "月|个月", "年": "年|周年|年度", "小时": "小时|时",
              "岁": "岁|周岁", "人": "人|名", "名": "名|人", "点": "点|时"}
_QUANTITY_Q = re.compile(
    r"多少|哪一?年|(?<!好)几年|何时|什么时候|几月|几号|多久|多长|多大年纪|多大岁数|what year|which year|" + AMOUNT_EN + "|"
    # "多大比例", "多大以下的孩子", "多高", "几成": a size, a share or an age; not "有多大影响"
    r"多(?:大|高|重|远|宽|深)(?!的?(?:影响|作用|区别|意义|关系|变化|好处|风险|问题|权力|权限|损失|代价))|几成|"
    + WHEN_EN + r"|\bwhat (?:is|are|was|were) the (?:\w+ ){0,5}?(?:budget|cost|price|fee|fine|amount|salary|wage|rate|population|size|total|"
    r"percentage|number|age|limit|deadline)s?\b|"
    # 几个 after "有/要/由/至少…" counts ("要有几个见证人", "由几个人组成"); "哪几个方面", "前后几个部分" do not
    r"(?<!哪)(?:有|要|由|需|至少|最少|最多|至多)[^，,。？?]{0,3}?几\s*个(?!方面|部分|阶段|环节)", re.I
)
# "具体是哪十条" asks for every member of a named set; the answer must list that many.
_DATE_Q = re.compile(r"哪一?年|哪一?天|何时|什么时候|什么时间|几月|几号|" + WHEN_EN + r"|what (year|date|day)|which (year|date|day)", re.I)
# A calendar date (2001年10月1日, 一九九四年十二月六日, 2019年3月): the answer to a when question, never an amount.
DATE = re.compile(r"(?<![0-9〇零一二三四五六七八九])(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
                  r"\s*月(?:\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日)?")
_ENUMERATION_Q = re.compile(r"具体.{0,4}哪\s*([两二三四五六七八九十\d]+)\s*(个|条|项|方面|样|种|类|点|批)")
# A person's name is asked by "是谁" / "who is", not by "由谁" / "who can", whose answer is a party (其近亲属、公安机关…).
_PERSON_Q = re.compile(r"叫什么名字|姓名|是谁(?!的)|哪位|(?:^[^\w]*|[,;:]\s*)who (is|was)\b|\bwhat is the name\b", re.I)
_PLACE_Q = re.compile(r"哪个(区|县|市|省|国家|城市|村|镇|街道)|哪(些|几个)(区|县|区县|村|镇|城市|国家)|在哪里|在哪儿|设在哪|建在哪|" + WHERE_EN, re.I)
_MEASURES = ("条|个|名|项|分钟|小时|年|月|日|天|家|所|人|批|次|类|种|万|亿|元|倍|成|座|套|处|张|辆|台|部|本|位|"
             "公里|千米|平方米|米|公斤|千克|吨|亩|周岁|岁")
# One numeral character before the unit: "[一二]+条" would backtrack over every start in a long run of numerals.
NUMERAL = r"[0-9一二三四五六七八九十百千万两]"
_NUMBER = re.compile(rf"[0-9]|{NUMERAL}(?:{_MEASURES})|{NUMERAL}分之{NUMERAL}")  # 四分之三 is an amount too
# 几个/几项/几处 often mean "several"; only units that ask for an amount count after 几.
# Numbers that are not amounts: references ("第十六条", "第二章", "前款第一项") and words written with a
# numeral ("上一年度", "同一", "统一", "之一", "一律", "一次性", "夫妻一方"). A how-many question is not answered by them.
NOT_AMOUNT = re.compile(r"第[0-9零一二三四五六七八九十百千]+[条章节款项编目类批次]|(?:[上下同统唯]|(?<!分)之)一|一(律|般|定|切|致|并|旦|经|起|些|直|次性|方)")
_TIME_UNITS = "月|小时|工作日|星期"
_ASKED_MEASURE = re.compile(
    rf"多少\s*个\s*(?P<u0>{_TIME_UNITS})|多少\s*(?P<u1>{_MEASURES})|"
    rf"(?<![哪好])几\s*(?P<u2>条|名|分钟|小时|年|月|天|家|所|人|万|亿|元|座|套|张|辆|台|部|本|位|公里|千米|平方米|米|"
    rf"公斤|千克|吨|亩|周岁|岁|倍)|(?<![哪好])几\s*个\s*(?P<u3>{_TIME_UNITS})|(?P<share>百分之几|几成|多[大高少]的?(?:比例|比率|比重|份额|税率|费率|利率)|(?:税率|费率|利率|比例|比率)"
    r"(?:最高|最低)?(?:是|为)?多少)|"
    r"(?P<money>多少钱|罚款?多少(?!\s*(?:倍|天|日)))|(?P<clock>几点)")
# English asks for money, a share or an age by naming it ("What fine…", "What tax rate applies…", "At what age…").
_ASKED_MEASURE_EN = re.compile(r"\bwhat (?:\w+ ){0,6}?(?P<money>fine)s?\b|\bhow much (?:\w+ ){0,2}?(?P<money2>fine)s?\b|"
                               r"\bwhat (?:\w+ ){0,6}?(?P<share>rate|percentage|proportion)s?\b|"
                               r"\b(?:at what|what|minimum|maximum) (?P<age>age)\b|\bhow (?P<age2>old)\b|"
                               r"\bhow many (?P<unit>day|week|month|year|hour)s?\b", re.I)
# "多少个小时" asks for hours (not 个); money ("多少钱", "罚款多少": 五十元, 5000万元) and a time of day ("几点":
# 7点, 十九时) are asked without naming the unit.
_CHOICE = re.compile(r"还是")
SHARE_MEASURE = "百分之"  # the measure of a question asking for a share: 百分之几, 税率是多少
_ENGLISH_UNIT = {"day": "天", "week": "周", "month": "月", "year": "年", "hour": "小时"}
_MEASURE_OF = {"share": SHARE_MEASURE, "money": "元", "money2": "元", "clock": "点", "age": "岁", "age2": "岁"}
# "百分之几", "税率是多少" are answered by a share: 百分之十, 10%, 千分之三, 三分之二, 三成.
SHARE = re.compile(rf"[百千]分之{NUMERAL}+|(?<![0-9.])[0-9][0-9.]*\s*[%％‰]|(?<!{NUMERAL}){NUMERAL}+(?:成|分之{NUMERAL})")
_OVERRIDE = re.compile(
    r"(忽略|无视|忘记|忘掉|不要管)(以上|上面|前面|之前|所有|你的)?.{0,6}(规则|指令|指示|要求|设定|限制|提示)|"
    r"(编造|捏造|虚构|瞎编)|(假装|扮演)(你是|成)|你现在是.{0,8}(助手|AI|模型|律师|顾问|专家)|"
    r"(不用|不要|别|无需|不必)(看|管|参考|依据|理会)(任何)?的?(文档|资料|文件|材料)|"
    r"新的?(系统)?(指令|指示)|不存在的(法律|法条|条文|规定)|</?(context|system|instruction)|"
    r"\b(make up|invent|fabricate|pretend (you are|to be))\b|"
    r"\b(ignore|disregard|forget)\s+((all|any|of|the|your|my|these|those|previous|prior|above|earlier)\s+){0,4}"
    r"(rules|instructions|prompts?|directions|guidelines)\b|"
    r"(?:^|[.!?;:]\s*)(?:please\s+)?(ignore|disregard|forget|don't use|do not use|never mind)\s+"
    r"(the|your|these|those|all|any)?\s*"
    r"(documents?|sources?|context|passages|library)\b|\bfrom now on,?\s+(always\s+)?(answer|reply|respond|say)\b",
    re.I,
)


# nouns, verbs, adjectives, place words, abbreviations, idioms; numerals only when written in digits (years)
_CONTENT_TAGS = ("n", "v", "a", "s", "j", "l", "i", "eng", "x")
# Time words (jieba's t) name what a question is about as often as nouns do (春节, 年休假, 节假日, 婚前, 税前),
# except those that point at the asker's own time (今年, 现在) and counted spans (八年, 七天: numerals).
_TIME_TAG = "t"
_DEICTIC_TIME = frozenset("现在 今年 当年 今天 明天 昨天 今日 当天 今后 目前 正在 平时 去年 明年 以后 以前 之前 之后 "
                          "当时 最近 最晚 最早 近期 过去 将来 未来 同时 届时 此时 随时 刚才 马上".split())
_NUMERAL_START = re.compile(r"^[一二三四五六七八九十两几半百千万0-9]")


def _content_tag(word: str, flag: str) -> bool:
    if flag == _TIME_TAG:
        return word not in _DEICTIC_TIME and not _NUMERAL_START.match(word)
    return flag.startswith(_CONTENT_TAGS) or any(c.isdigit() for c in word)


def content_terms(question: str, tagged: Sequence | None = None) -> list[str]:
    """Whole content words of the question (no numerals, pronouns, adverbs or sub-words), deduplicated.

    `tagged` is the question's jieba part-of-speech cut, when the caller has it already.
    """
    tagged = tagged if tagged is not None else tag_words(normalise(question))
    allowed = {p.word.lower() for p in tagged if _content_tag(p.word, p.flag)}
    kept = [t for t in dict.fromkeys(words(question)) if (len(t) >= 2 or not _CJK.search(t)) and t in allowed]
    return [w for w in kept if not any(w != o and w in o for o in kept)]


def _count(numeral: str) -> int:
    """2 for "两"/"二"/"2", 10 for "十"; numerals above ten are read digit by digit (rare in questions)."""
    if numeral.isdigit():
        return int(numeral)
    values = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
    return values.get(numeral, 0) if len(numeral) == 1 else 0


@dataclass(frozen=True)
class Evidence:
    top_dense: float
    margin: float  # best corpus cosine minus best off-topic background cosine
    top_z: float
    terms: tuple[str, ...]
    coverage: float  # share of the question's content words found in the documents (1.0 when it has none)
    missing: tuple[str, ...]
    missing_names: tuple[str, ...]  # proper nouns among the missing words
    chinese: bool
    wants_quantity: bool
    wants_place: bool
    wants_person: bool
    enumerated: int  # how many items the question asks to be listed, 0 when it does not
    question_places: tuple[str, ...]
    measure: str  # the unit asked for ("多少个" -> "个"), empty when none
    override: bool
    wants_date: bool = False  # "何时", "哪一年", "when": a date answers it (not a how-many question)
    across: bool = False  # written in another language than the documents (markup such as <b> is no language)
    stated: tuple[str, ...] = ()  # amounts the question states itself ("合计达到三分之二…低于多少"): no answer to it


def unit_amount(measure: str) -> re.Pattern:
    """An amount in the unit asked for, or one the same ("天": 十日, 3个工作日)."""
    return re.compile(rf"{NUMERAL}\s*(?:个)?(?:{SAME_UNIT.get(measure, measure)})")


def asked_measure(text: str) -> str:
    """The unit a how-many question asks for ("多少个" -> 个, "几个月" -> 月, "百分之几" -> 百分之, "多少钱" -> 元),
    else ''."""
    m = _ASKED_MEASURE.search(text) or _ASKED_MEASURE_EN.search(text)
    if m is None:
        return ""
    name = next(n for n, v in m.groupdict().items() if v)
    if name == "unit":  # "how many days / months / years / hours"
        return _ENGLISH_UNIT[m.group(name).lower()]
    return _MEASURE_OF.get(name, m.group(name))


def _across(text: str) -> bool:
    """An English question, its markup tags left out (at least six letters outside them, few Chinese characters)."""
    return is_english(_MARKUP.sub(" ", text))


def stated_amounts(text: str) -> tuple[str, ...]:
    """The amounts a question states of its case ("两个经营者…合计达到三分之二…，份额低于多少…"), which a sentence does not
    answer it by; none for a question that offers a choice ("5天还是10天？"), answered by one of them."""
    if _CHOICE.search(text):
        return ()
    found = (m.group(0) for p in (AMOUNT, SHARE, _NUMBER) for m in p.finditer(text))
    return tuple(dict.fromkeys(a for a in found if len(a) > 1))


def evidence(question: str, hits: Sequence[Hit], known: Callable[[str], bool]) -> Evidence:
    """What the question asks and how well the hits meet it; `known(word)` says whether a word
    occurs anywhere in the documents."""
    text = normalise(question)
    asks = asked_part(text)  # the kind of answer asked for: not "没写…多少天" of the case ("…，那我该什么时候检验？")
    tagged = tag_words(text)
    terms = content_terms(text, tagged)
    missing = tuple(t for t in terms if not known(t))
    # a name jieba's dictionary holds, not a mis-segmented fragment, nor the everyday name of a kind of agency
    names = tuple(p.word for p in tagged if p.flag in _PROPER and p.word.lower() in missing and known_word(p.word)
                  and not mentioned_as_abbreviation(p.word, known) and not AGENCY_KIND.fullmatch(p.word))
    cjk = len(_CJK.findall(text))
    return Evidence(
        top_dense=(top := max((h.dense or 0.0 for h in hits), default=0.0)),
        margin=top - hits[0].background if hits and hits[0].background is not None else 1.0,
        top_z=max((h.dense_z or 0.0 for h in hits), default=0.0),
        terms=tuple(terms), coverage=1.0 - len(missing) / len(terms) if terms else 1.0,
        missing=missing, missing_names=names, chinese=cjk >= 0.3 * max(1, sum(c.isalpha() for c in text)),
        wants_quantity=bool(_QUANTITY_Q.search(asks) or _ASKED_MEASURE.search(asks)),
        override=bool(_OVERRIDE.search(text)),
        wants_place=bool(_PLACE_Q.search(asks)), wants_person=bool(_PERSON_Q.search(asks)),
        enumerated=_count(m.group(1)) if (m := _ENUMERATION_Q.search(text)) else 0,
        measure=asked_measure(asks),
        question_places=tuple(p.word for p in tagged if p.flag == "ns"),
        wants_date=bool(_DATE_Q.search(asks)),
        across=_across(text),
        stated=stated_amounts(text),
    )


# A question in another language than the documents is nearer any background sentence in its own language than
# the documents, by about this much: answerable English questions of the development sets (eval/seed_english.jsonl,
# eval/dev.jsonl, eval/laws_dev.jsonl) stand at least -0.019 above the background, off-topic and injected ones at
# most -0.050 ("How do I cook mapo tofu?" -0.083); with no allowance 6 of 19 answerable seed questions were refused.
ACROSS_LANGUAGES = 0.03
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>")  # "<script>alert(1)</script>" is markup round five letters


@dataclass(frozen=True)
class AbstentionPolicy:
    min_dense: float  # Chinese questions: the best sentence must reach this cosine
    min_coverage: float  # Chinese questions: at least this share of content words must occur
    min_z: float  # other languages: the best sentence must stand this far above the corpus mean
    min_margin: float = 0.0  # the best sentence must beat the best off-topic sentence by this much

    @staticmethod
    def hard_reason(ev: Evidence) -> str | None:
        """Reasons no score can outweigh: an attempt to override instructions, names the documents lack."""
        if ev.override:
            return "instruction override"
        if ev.missing_names:
            return f"names not in the documents: {', '.join(ev.missing_names)}"
        return None

    def reason(self, ev: Evidence, *, selector: bool = False) -> str | None:
        """Why the question is not answered from the retrieved sentences, or None. With a trained answer
        selector, whose answerability model weighs the off-topic margin, coverage and z-scores itself, only
        the hard reasons and the cosine floor apply."""
        if hard := self.hard_reason(ev):
            return hard
        if selector:
            if ev.chinese and ev.top_dense < self.min_dense:
                return f"best cosine {ev.top_dense:.3f} < {self.min_dense}"
            if not ev.chinese and ev.top_z < self.min_z:
                return f"best z-score {ev.top_z:.2f} < {self.min_z}"
            floor = self.min_margin - (ACROSS_LANGUAGES if ev.across else 0.0)  # across languages cosines say less
            if not ev.chinese and ev.margin < floor:
                return f"closer to off-topic text (margin {ev.margin:.3f} < {floor:.3f})"
            return None
        if ev.margin < self.min_margin:
            return f"closer to off-topic text (margin {ev.margin:.3f} < {self.min_margin})"
        if ev.chinese and ev.top_dense < self.min_dense:
            return f"best cosine {ev.top_dense:.3f} < {self.min_dense}"
        if ev.chinese and len(ev.terms) >= 3 and ev.coverage < self.min_coverage:
            return f"word coverage {ev.coverage:.2f} < {self.min_coverage}"
        if not ev.chinese and ev.top_z < self.min_z:
            return f"best z-score {ev.top_z:.2f} < {self.min_z}"
        return None

    @staticmethod
    def asks_a_kind(ev: Evidence) -> bool:
        """Does the question ask for a number, a date, a place or a person (not a rule, a reason, a list)?"""
        return ev.wants_quantity or ev.wants_date or ev.wants_place or ev.wants_person

    @staticmethod
    def lacks_answer_type(ev: Evidence, sentences: Sequence[str]) -> bool:
        """The question asks for a number, a place or a person and the chosen sentences name none."""
        return (AbstentionPolicy.lacks_quantity(ev, sentences) or AbstentionPolicy.lacks_place(ev, sentences)
                or AbstentionPolicy.lacks_person(ev, sentences) or AbstentionPolicy.lacks_items(ev, sentences))

    @staticmethod
    def lacks_items(ev: Evidence, sentences: Sequence[str]) -> bool:
        """A "具体是哪N个" question whose chosen sentences list fewer than N items (、-separated or one each)."""
        if not ev.enumerated:
            return False
        listed = max([len(sentences)] + [s.count("、") + 1 for s in sentences])
        return listed < ev.enumerated

    @staticmethod
    def lacks_person(ev: Evidence, sentences: Sequence[str]) -> bool:
        """A who / what-is-the-name question whose chosen sentences name no person."""
        return ev.wants_person and not any(p.flag.startswith("nr") for s in sentences for p in tag_words(s))

    @staticmethod
    def lacks_place(ev: Evidence, sentences: Sequence[str]) -> bool:
        """A where / which-district question whose chosen sentences name no place."""
        if not ev.wants_place:
            return False
        return not any(p.flag == "ns" and p.word not in ev.question_places for s in sentences for p in tag_words(s))

    @staticmethod
    def lacks_quantity(ev: Evidence, sentences: Sequence[str]) -> bool:
        """A how-many / when question whose chosen sentences hold no number (of the unit asked for)."""
        if not ev.wants_quantity:
            return False
        for amount in ev.stated:
            sentences = [s.replace(amount, " ") for s in sentences]
        if ev.measure == SHARE_MEASURE:  # a share asked for is found whole, before NOT_AMOUNT
            return not any(SHARE.search(s) for s in sentences)
        sentences = [NOT_AMOUNT.sub(" ", s) for s in sentences]
        if not ev.wants_date:  # "多少天" is not answered by a date (一九九四年十二月六日, 2001年10月1日 施行)
            sentences = [DATE.sub(" ", s) for s in sentences]
        if not ev.measure:
            return not any(_NUMBER.search(s) or AMOUNT.search(s) for s in sentences)
        pattern = unit_amount(ev.measure)
        if ev.measure == "元":  # a fine is set in yuan or as a multiple or share of a sum ("二倍以上五倍以下的罚款")
            return not any(pattern.search(s) or SHARE.search(s) for s in sentences)
        return not any(pattern.search(s) for s in sentences)
