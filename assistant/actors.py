"""Who-questions are answered by the sentence that names who does it.

"鉴定费用由谁来出？", "小区电梯的维护保养应该由谁来做？": laws name the party responsible as "由X承担/负责/支付…"
("职业病诊断、鉴定费用由用人单位承担"), while their neighbours on the same topic name parties in passing
("电梯的维护保养单位应当…"). Among the candidates the selector rates close to its best, those that assign the
act to someone lead.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokens import normalise

from .kinds import Q_ACTOR
from .types import Hit

ASSIGNS = re.compile(r"由[^，。；：,;:]{1,40}?(?:承担|负责|支付|赔偿|进行|组织|办理|垫付|担任|缴纳|提供|作出|决定|"
                     r"管理|收取|代收|代扣|代缴|发放|审批|批准|确定|清偿|偿还)")
# A candidate that assigns the act leads when rated at least this share of the best (eval/laws_dev.jsonl: 0.3,
# 0.1, 0.03 and 0 gave answer accuracy 0.686, 0.702, 0.702 and 0.702; 0.681 without the rule).
ACTOR_SHARE = 0.1
WINDOW = 10  # candidates looked at


def by_actor(question: str, hits: Sequence[Hit], share: float = ACTOR_SHARE) -> list[Hit]:
    """For a who-question, the candidates (rated at least `share` of the best) that say who does it lead."""
    if not hits or not Q_ACTOR.search(normalise(question)) or ASSIGNS.search(hits[0].record.text):
        return list(hits)
    top = hits[0].probability
    lead = [h for h in hits[:WINDOW] if ASSIGNS.search(h.record.text)
            and (top is None or (h.probability or 0.0) >= share * top)]
    if not lead:
        return list(hits)
    ids = {h.record.id for h in lead}
    return [*lead, *(h for h in hits if h.record.id not in ids)]
