"""Sentences that cite an article's items by number (assistant/item_refs.py)."""
from assistant.item_refs import cited_items, item_number
from assistant.types import SentenceRecord


def test_cited_item_numbers_with_ranges_and_runs():
    assert cited_items("决定前款第六项至第八项规定的事项，应当经参与表决…四分之三以上的业主同意。") == {6, 7, 8}
    assert cited_items("个人有前款第二项、第三项、第四项、第五项行为之一的，处警告或者五百元以下罚款。") == {2, 3, 4, 5}
    assert cited_items("依照本条第一款第三项规定处理。") == {3}
    assert cited_items("有前款第一项、第八项行为之一，处五万元以上二十万元以下的罚款") == {1, 8}


def test_bracketed_and_bare_citations_of_this_article_s_items():
    assert cited_items("前款第（一）项的一年期限，不得中止或者中断。") == {1}
    assert cited_items("属于第一项情形的，应当自收购之日起十日内注销。") == {1}
    assert cited_items("依照本条第十二款第三项规定处理。") == {3}


def test_another_articles_items_are_not_this_ones():
    assert cited_items("依照本法第三条第二项的规定处理。") == set()  # another article's item, read by its own article
    assert cited_items("依照本法第十条第一款第五项的规定处理。") == set()
    assert cited_items("决定前款其他事项，应当经过半数的业主同意。") == set()


def test_the_number_of_an_item():
    def record(item: str) -> SentenceRecord:
        return SentenceRecord(id="d-00001", doc="d.md", title="d", paragraph=1, sentence=1, start=0, end=4,
                              text=f"{item}筹集维修资金；", item=item)
    assert item_number(record("（六）")) == 6
    assert item_number(record("(十二)")) == 12
    assert item_number(record("")) == 0
