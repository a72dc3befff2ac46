"""The kinds of answer a question asks for, and how a sentence shows it holds one (linear patterns)."""
from __future__ import annotations

import re

# Each numeral run is tried once, from its first character (a lookbehind), so long runs cost linear time.
_N = "0-9零一二三四五六七八九十百千万两"
AMOUNT = re.compile(rf"百分之[零一二三四五六七八九十百点]+|(?<![0-9.])[0-9.]+\s*[%％‰]|千分之[零一二三四五六七八九十]+|"
                    rf"(?<![{_N}])[{_N}]+\s*(?:个)?(?:分钟|小时|工作日|日|天|周|星期|个月|月|年|周岁|岁|倍|元|万元|亿元|"
                    rf"人|名|次|项|条|公里|米|平方米|公斤|千克|吨|级|档|学时|学分|百分点)|(?<![0-9])[0-9]{{2,}}")
DATE = re.compile(r"(?<![0-9])\d{4}\s*年|(?<![一二三四五六七八九十0-9])[一二三四五六七八九十0-9]{1,3}月[一二三四五六七八九十0-9]{1,3}日|"
                  r"(?:农历)?[正一二三四五六七八九十冬腊]{1,2}月(?:初[一二三四五六七八九十]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?)|"
                  r"之日|日起|以前|以后|之前|之后|届满|期间|期限")
ACTOR = re.compile(r"部门|机关|机构|委员会|法院|检察院|人民政府|国务院|单位|公司|企业|协会|中心|组织|者|人|方|院|局|所|会")
PLACE = re.compile(r"[省市县区镇乡村]|所在地|住所地|机构|场所|地点|部门")
RULE = re.compile(r"应当|可以|不得|禁止|必须|有权|无权|不予|免征|免于|视为|适用|不适用|负责|承担")
DEFINE = re.compile(r"是指|系指|是|为|指|包括")

# English "when", "where", "who" ask only as interrogatives: opening the question or a clause ("When does…",
# "In Beijing, who pays…", "by when…"), or "when/where" before an auxiliary ("…tourists when must…" is no
# conjunction). As conjunctions and relatives they state the case instead: "…notify tourists when a tour is
# cancelled", "a worker who is injured", "in a place where smoking is banned".
_OPENS = r"(?:^[^\w]*|[,;:]\s*|\b(?:and|or|but|by|from|to|until|since|for|with)\s+)"
_AUX = r"(?:is|are|was|were|do|does|did|will|would|must|should|can|could|may|shall|has|have)"
WHEN_EN = rf"{_OPENS}when\b|\bwhen {_AUX}\b"
WHERE_EN = rf"{_OPENS}where\b|\bwhere {_AUX}\b"
WHO_EN = rf"{_OPENS}(?:who|whom)\b"
# English asks an amount by "how many/much/long…" or by naming it ("What fine…", "What tax rate…", "At what age…")
AMOUNT_EN = (r"how (?:many|much|long|old|far|soon)|\bwhat (?:\w+ ){0,6}?(?:fine|rate|percentage|proportion|age)s?\b|"
             r"\bat what age\b")
Q_AMOUNT = re.compile(r"多少|几|多久|多长|多高|多大|比例|比率|税率|标准是|上限|下限|最高|最低|最长|最短|最多|最少|"
                      + AMOUNT_EN, re.I)
Q_DATE = re.compile(r"何时|什么时候|哪一?天|哪一?年|几月|几号|从哪天|起算|开始计算|" + WHEN_EN + r"|what date", re.I)
Q_ACTOR = re.compile(r"谁|哪个部门|哪些部门|什么部门|哪个机关|什么机关|哪个机构|什么机构|由哪|向哪|找谁|哪一方|" + WHO_EN + r"|which (department|authority|body)", re.I)
Q_PLACE = re.compile(r"哪里|哪儿|什么地方|在哪|到哪|何处|" + WHERE_EN, re.I)
Q_RULE = re.compile(r"能不能|可不可以|是否|能否|可以.*吗|能.*吗|会不会|要不要|需不需要|算不算|有没有|吗[？?]?$|"
                    r"^(can|may|must|is|are|does|do|should)\b", re.I)
Q_DEFINE = re.compile(r"是什么意思|指什么|是指什么|什么是|什么叫|的含义|的定义|\bwhat is\b|\bdefin", re.I)
# English asks for a list by naming a plural kind of thing ("What are the conditions…", "Which services…", "What
# basic rights…"), not by "what are" alone ("what are the minimum and maximum lengths…" asks two figures)
_PLURAL_EN = (r"\b(?:what|which)\s+(?:are\s+the\s+)?(?:\w+\s+)?(?:conditions|circumstances|cases|situations|types|"
              r"kinds|categories|rights|duties|obligations|requirements|measures|grounds|items|services|forms|steps)\b")
# what the list patterns read as asking for items ("没有什么…" says there is none)
_ITEMS_ZH = r"哪些|包括什么|包括哪|哪几|几种|什么条件"
# "有什么要求/规定/义务" asks for a rule more often than for items: each of the nine answerable evaluation questions
# asking only so is answered by one sentence (one of them a list's item; the answerer still quotes a list whole)
_HAS_WHAT = r"(?<![没沒])有什么"
_LIST_ZH = _ITEMS_ZH + "|" + _HAS_WHAT
# a question answered by a list (a list head with its items, a heading with what it introduces): wider than Q_LIST
LIST_QUESTION = re.compile(_LIST_ZH + r"|什么情形|什么情况|措施|举措|做法|怎么做|如何做|"
                           # a counted group asked for one by one ("“三大行动”分别是什么", "三个一批是哪三个")
                           r"[两二三四五六七八九十]\s*+(?:大|个(?![人月日])|项|类|种|批|方面)[^，,。？?]{0,8}?(?:分别|各是|是哪)|"
                           + _PLURAL_EN + r"|\blist\b", re.I)
Q_LIST = re.compile(_LIST_ZH + "|" + _PLURAL_EN + r"|\blist\b", re.I)
# the list kind the answer selector's features read (features.QuestionInfo): items named, "有什么" left out
Q_ITEMS = re.compile(_ITEMS_ZH + "|" + _PLURAL_EN + r"|\blist\b", re.I)
