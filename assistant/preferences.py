"""The order of preference among the candidates the selector ranked: which of the close ones to quote first.

The selector rates each candidate sentence; these rules, each general and each measured on the development
sets, reorder close candidates by what the question says about itself. They apply in turn:

1. a law's header lines last, unless the question asks about the law itself (preamble.py);
2. national documents before local ones when the question names no place (scope.national_first);
3. higher tiers of authority first (scope.authority_first, settings.category_tiers);
4. the general rule before a special case's when the question states no case (generality.py);
5. the sentences whose condition holds the case the question states, those it excludes dropped (by_case); for
   a how-many question counted in a period ("一个月最多…多少小时"), a close one that counts in it (periods.py);
   for a how-many question that asks for one bound ("最多", "至少"), a close one that sets it (bounds.py);
   for a which-cases question ("什么情况下可以…"), a close list head or item of the best one's document
   (lists.py); for a yes/no question, a close one that states the asked act as a rule over one that takes it
   as its condition (yesno.py); for a question whose case is negated ("没交", "年限还不够"), the sentence of the
   best one's article that opens with a negated condition ("未达到国家规定年限的，", branches.py); for a
   question that negates nothing, a close sentence of that article whose condition holds no negation and falls
   short of no bound ("累计缴费满十五年的，" over "…不足十五年的，"); for a how-many question, the sentence
   right after the best one that gives the amount it lacks, else a close one that gives it (figures.py);
6. for a what-does-it-mean question, a close sentence that defines the term (definitions.py); for a
   what-does-it-include question, one that says what the term includes (inclusions.py);
7. for a negated list question, the list that negates it (polarity.py);
8. for a who-question, the sentences that assign the act to a party (actors.py);
9. when the question names a place, another place's local documents last (locality.py; never quoted).

The assistant returns its hits in this order and the answerer chooses from it, so the first source shown and
the quoted sentence agree.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .abstain import SHARE_MEASURE, asked_measure, unit_amount
from .actors import by_actor
from .bounds import bound_first
from .branches import negated_branch_first, plain_branch_first
from .conditions import judge, stated_case
from .definitions import defining_first
from .figures import amount_first, figure_next_first
from .generality import general_first
from .inclusions import including_first
from .lists import list_first
from .locality import here_first
from .periods import period_first
from .polarity import by_polarity
from .preamble import preamble_last
from .records import Records
from .scope import authority_first, national_first
from .types import Hit
from .yesno import rule_first

WINDOW = 20  # candidates a stated case reorders (10 left "已满10年不满20年的，年休假10天" at the 11th place unseen)


def gives_asked_unit(question: str) -> Callable[[str], bool]:
    """Whether a sentence holds an amount in the unit a how-many question asks for ("几天", "how many days": 10天,
    十日); always False when the question asks for no unit (or for a share, which has its own forms)."""
    measure = asked_measure(question)
    if not measure or measure == SHARE_MEASURE:
        return lambda text: False
    unit = unit_amount(measure)
    return lambda text: bool(unit.search(text))


def by_case(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """When the question states its case ("干了八年", "一年半的合同"), the candidates whose condition holds it
    lead, those bounded on both sides first ("已满1年不满10年的" before "连续工作一年以上的"), and of those the ones
    with an amount in the unit asked ("几天": "…的，年休假10天" before "…的职工，请病假累计3个月以上的"); those whose
    condition excludes it ("已满10年不满20年的") are left out. Candidates with no comparable condition keep
    their order after them (assistant/conditions.py)."""
    case = stated_case(question)
    if not case or not hits:
        return list(hits)
    window, rest = list(hits[:WINDOW]), list(hits[WINDOW:])
    verdicts = [judge(case, h.record.text) for h in window]  # (fit, bounded on both sides), one reading each
    gives = gives_asked_unit(question)
    fitting = [h for h, (verdict, _) in sorted(zip(window, verdicts),
                                               key=lambda t: (not t[1][1], not gives(t[0].record.text))) if verdict > 0]
    neutral = [h for h, (verdict, _) in zip(window, verdicts) if verdict == 0]
    return [*fitting, *neutral, *rest]


def preferred(question: str, hits: Sequence[Hit], records: Records, tiers: Sequence[Sequence[str]] = (),
              place: bool | None = None, asked: Sequence[str] = ()) -> list[Hit]:
    """The candidates in the order of preference (`place`: whether the question names a place, when the caller
    has tagged it already; `asked`: the places it asks about, locality.asked_places)."""
    ordered = preamble_last(question, hits, records)
    ordered = authority_first(national_first(question, ordered, place=place), tiers)
    ordered = bound_first(question, period_first(question, by_case(question, general_first(question, ordered))))
    ordered = negated_branch_first(question, rule_first(question, list_first(question, ordered)))
    ordered = amount_first(question, figure_next_first(question, plain_branch_first(question, ordered)))
    ordered = including_first(question, defining_first(question, ordered))
    return here_first(by_actor(question, by_polarity(question, ordered)), asked)
