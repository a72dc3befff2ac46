"""How the candidates agree with the best one (assistant/agreement.py), as the answerability model reads it."""
import numpy as np
import pytest

from assistant.agreement import FULL_LEAD, agreement, agreement_columns
from assistant.features import NAMES
from assistant.selector import ANSWERABILITY, Linear, SelectorModel
from assistant.types import Hit, SentenceRecord


def hit(doc: str, text: str, n: int = 0) -> Hit:
    record = SentenceRecord(id=f"{doc}-{n}", doc=doc, title=doc, paragraph=0, sentence=n, start=0, end=len(text),
                            text=text)
    return Hit(record=record, score=1.0, rank=n + 1)


RULE = "劳动合同期限三个月以上不满一年的，试用期不得超过一个月。"


def test_same_document_and_restatements_agree_other_statements_do_not() -> None:
    found = [hit("劳动合同法.md", "第十九条 " + RULE, 0),
             hit("劳动合同法.md", "同一用人单位与同一劳动者只能约定一次试用期。", 1),
             hit("某省劳动合同条例.md", "第十二条 " + RULE.replace("。", "；"), 2),  # restates it, another label
             hit("劳动法.md", "劳动合同可以约定试用期。", 3)]
    agrees = agreement(found)
    assert agrees.tolist() == [[True, True, True, False],
                               [True, True, False, False],
                               [True, False, True, False],
                               [False, False, False, True]]


def test_another_figure_is_a_different_statement() -> None:
    found = [hit("a.md", "婚假为三天。"), hit("b.md", "婚假为十五天。")]
    assert not agreement(found)[0, 1]


def test_columns_read_the_share_and_the_dense_lead_of_the_agreeing_candidates() -> None:
    share = np.array([0.5, 0.3, 0.2])
    dense_z = np.array([6.0, 4.0, 5.0])
    agrees = np.array([[True, True, False], [True, True, False], [False, False, True]])
    assert agreement_columns(share, dense_z, agrees, 0) == pytest.approx([0.8, 1.0])
    assert agreement_columns(share, dense_z, agrees, 2) == pytest.approx([0.2, -1.0])
    # one document: everything agrees, the lead is the cap
    assert agreement_columns(share, dense_z, np.ones((3, 3), dtype=bool), 1) == pytest.approx([1.0, FULL_LEAD])
    far = np.array([20.0, 4.0, 5.0])
    assert agreement_columns(share, far, agrees, 0)[1] == FULL_LEAD


def test_scattered_runners_up_lower_the_answerability() -> None:
    """With a model that weighs the agreeing share, the same candidates are judged less answerable when the
    runners-up come from other documents than when they come from the best one's."""
    plain = lambda n: (np.zeros(n), np.ones(n))  # noqa: E731
    weights = np.zeros(len(ANSWERABILITY))
    weights[ANSWERABILITY.index("agree_share")] = 4.0
    model = SelectorModel(Linear(*plain(len(NAMES)), np.zeros(len(NAMES))), Linear(*plain(len(ANSWERABILITY)), weights),
                          0.5)
    x = np.zeros((4, len(NAMES)))
    x[:, NAMES.index("dense_z")] = [5.0, 4.0, 4.0, 4.0]
    together = agreement([hit("a.md", f"第{i}句。", i) for i in range(4)])
    scattered = agreement([hit(f"{i}.md", f"第{i}句。", i) for i in range(4)])
    assert model.score(x, together)[1] > 0.95
    assert model.score(x, scattered)[1] < model.score(x, together)[1] - 0.2
