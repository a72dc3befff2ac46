"""Which version a question asks for: a year before the name or after it, the older one, else the latest."""
from pathlib import Path

import pytest

from assistant.references import Titles, abbreviates
from index.library import Library
from index.records import DocMeta


@pytest.fixture()
def titles(tmp_path: Path) -> Titles:
    library = Library(tmp_path / "library.sqlite")
    for path, date in (("公司法(2018-10-26).md", "2018-10-26"), ("公司法(2023-12-29).md", "2023-12-29"),
                       ("反垄断法(2007-08-30).md", "2007-08-30"), ("反垄断法(2022-06-24).md", "2022-06-24")):
        doc_id = library.ensure_document(path)
        library.publish(DocMeta(id=doc_id, path=path, status="indexed", version=f"v{doc_id}", title=path.split("(")[0],
                                short_title=path.split("(")[0], version_date=date))
    return Titles(library)


@pytest.mark.parametrize(("question", "date"), [
    ("2018年公司法第二十四条", "2018-10-26"),
    ("2018年版公司法规定有限责任公司董事会由几个人组成？", "2018-10-26"),
    ("2007年的反垄断法对行业协会罚款上限是多少？", "2007-08-30"),
    ("2007年版《反垄断法》第四十六条", "2007-08-30"),
    ("公司法（2018年修正）第二十四条", "2018-10-26"),
    ("公司法第二十四条", "2023-12-29"),
    ("旧版公司法第二十四条", "2018-10-26"),
    ("2018年1月1日以后公司法怎么规定的？", "2023-12-29"),  # a date asked about, not a version
])
def test_the_version_asked_for(titles: Titles, question: str, date: str) -> None:
    found = titles.find(question)
    assert found is not None and [d.version_date for d in found.chosen()] == [date]


@pytest.mark.parametrize(("name", "title", "expected"), [
    ("公积金条例", "住房公积金管理条例", True),
    ("劳动合同条例", "劳动合同法实施条例", True),
    ("合同法", "劳动合同法", False),  # another law's name, not a short form
    ("住房租赁条例", "北京市住房租赁条例", False),  # a national regulation is not Beijing's
    ("北京住房租赁条例", "北京市住房租赁条例", True),
    ("公积金办法", "住房公积金管理条例", False),  # another kind of document
    ("条例公积金", "住房公积金管理条例", False),
])
def test_a_shortened_name_keeps_order_kind_and_place(name: str, title: str, expected: bool) -> None:
    assert abbreviates(name, title) is expected


def test_a_shortened_name_finds_its_one_document_and_is_not_called_missing(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    for path in ("住房公积金管理条例(2019-03-24).md", "劳动合同法实施条例(2008-09-18).md", "劳动合同法(2012-12-28).md"):
        doc_id = library.ensure_document(path)
        library.publish(DocMeta(id=doc_id, path=path, status="indexed", version=f"v{doc_id}", title=path.split("(")[0],
                                short_title=path.split("(")[0], version_date=path[-14:-4]))
    titles = Titles(library)
    found = titles.find("公积金条例规定职工缴存比例最低是多少？")
    assert found is not None and [d.short_title for d in found.chosen()] == ["住房公积金管理条例"]
    assert titles.unknown_names("公积金条例规定职工缴存比例最低是多少？") == []
    lookup = titles.find("劳动合同条例第十八条")
    assert lookup is not None and lookup.article_no == 18 and lookup.chosen()[0].short_title == "劳动合同法实施条例"
    assert titles.unknown_names("住房租赁条例规定房东涨租要提前多久通知？") == ["住房租赁条例"]


@pytest.mark.parametrize(("question", "article", "item"), [
    ("公司法第二十四条第三项", 24, 3),
    ("公司法第二十四条第一款第二项是什么？", 24, 2),
    ("公司法第二十四条规定了什么？第四项呢？", 24, 0),  # an item elsewhere in the text is not the article's
    ("公司法第二十四条", 24, 0),
])
def test_an_item_right_after_the_article(titles: Titles, question: str, article: int, item: int) -> None:
    found = titles.find(question)
    assert found is not None and (found.article_no, found.item_no) == (article, item)


def test_the_places_of_local_regulations(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    for title in ("北京市控制吸烟条例", "上海市生活垃圾管理条例", "广西壮族自治区水资源管理条例", "住房公积金管理条例",
                  # national titles whose first 市 is no place's
                  "中华人民共和国城市房地产管理法", "城市市容和环境卫生管理条例", "人力资源社会保障部关于做好某市工作的通知"):
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}", title=title,
                                short_title=title))
    assert Titles(library).places() == {"北京", "上海", "广西壮族", "广西"}


@pytest.mark.parametrize(("question", "unknown"), [
    ("婚姻法第三十二条规定了哪些应当准予离婚的情形？", ["婚姻法"]),
    ("婚姻法里离婚要什么条件？", []),  # three characters without an article: too often not a name
    ("反垄断法第四十六条", []),  # in the catalogue
    ("那休息日和法定节假日算在年假里吗？", []),  # 法定 is a word, not the end of a name
    ("税收征收管理法规定纳税人要在几日内办理登记？", ["税收征收管理法"]),  # 法 before 规定 ends one
])
def test_a_short_name_before_an_article_is_a_document_name(titles: Titles, question: str, unknown: list) -> None:
    assert titles.unknown_names(question) == unknown


def test_a_shortened_rule_name_finds_its_document_and_version(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    for date in ("2013-12-11", "2024-11-10"):
        path = f"全国年节及纪念日放假办法({date}).md"
        doc_id = library.ensure_document(path)
        library.publish(DocMeta(id=doc_id, path=path, status="indexed", version=f"v{doc_id}",
                                title="全国年节及纪念日放假办法", short_title="全国年节及纪念日放假办法", version_date=date))
    titles = Titles(library)
    found = titles.find("按2013年的放假办法，劳动节放几天假？")
    assert found is not None and [d.version_date for d in found.chosen()] == ["2013-12-11"]
    assert titles.find("有什么解决办法？") is None  # an everyday 办法 stands for no title
    assert titles.unknown_names("公司的考勤规定是什么？") == []  # nor is it called missing


@pytest.mark.parametrize("question", ["夫妻分居满多久，调解无效法院应当判离？", "非营利法人有哪些？", "劳动仲裁法官怎么选？",
                                      "当事人因受到威吓无法申请保护令的，谁可以代为申请？", "房东没法联系上怎么办？"])
def test_a_fa_that_starts_another_word_ends_no_name(titles: Titles, question: str) -> None:
    assert titles.unknown_names(question) == []


def test_a_place_before_a_national_title_names_another_document(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    for title in ("物业管理条例", "北京市物业管理条例"):
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}", title=title,
                                short_title=title))
    titles = Titles(library)
    assert titles.find("天津市物业管理条例对物业费是怎么规定的？") is None
    assert titles.unknown_names("天津市物业管理条例对物业费是怎么规定的？") == ["天津市物业管理条例"]
    assert titles.find("北京市物业管理条例对物业费是怎么规定的？").name == "北京市物业管理条例"
    assert titles.find("物业管理条例对物业费是怎么规定的？").name == "物业管理条例"
    assert titles.unknown_names("北京市物业管理条例第十条") == []


def test_a_library_holds_national_and_local_documents_or_one_kind(tmp_path: Path) -> None:
    def titles_of(*names: str) -> Titles:
        library = Library(tmp_path / f"{'-'.join(names)}.sqlite")
        for title in names:
            doc_id = library.ensure_document(f"{title}.md")
            library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}",
                                    title=title, short_title=title))
        return Titles(library)

    assert titles_of("公共场所卫生管理条例", "北京市控制吸烟条例").national_and_local()
    assert not titles_of("北京市控制吸烟条例", "上海市公共场所控制吸烟条例").national_and_local()  # one kind
    assert not titles_of("公共场所卫生管理条例", "中华人民共和国城市规划法").national_and_local()


def test_a_law_s_two_character_name_is_a_name_and_a_two_character_word_is_not(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    for title, short in (("中华人民共和国刑法", "刑法"), ("中华人民共和国刑法修正案（九）", "刑法修正案（九）"), ("某某办法", "办法")):
        doc_id = library.ensure_document(f"{title}.md")
        library.publish(DocMeta(id=doc_id, path=f"{title}.md", status="indexed", version=f"v{doc_id}", title=title,
                                short_title=short))
    titles = Titles(library)
    found = titles.find("刑法第二十条是怎么规定的？")
    assert found is not None and found.name == "刑法" and found.article_no == 20
    assert titles.find("刑法修正案（九）第一条").name == "刑法修正案(九)"  # the longest name the question holds
    assert titles.find("这个办法什么时候施行？") is None  # 办法 is no law's name


@pytest.mark.parametrize(("question", "first", "more"), [
    ("公司法第三十六条至第三十八条", 36, (37, 38)),
    ("公司法第36至38条", 36, (37, 38)),
    ("公司法第三十六条到三十八条是怎么规定的？", 36, (37, 38)),
    ("公司法第三十九条和第四十条分别是怎么规定的？", 39, (40,)),
    ("公司法第十条、第十一条、第十二条", 10, (11, 12)),
    ("公司法第一条至第九十八条", 1, tuple(range(2, 11))),  # ten articles at most
    ("公司法第二十四条", 24, ()),
    ("公司法第二十四条和第二款", 24, ()),  # a paragraph, not another article
    ("公司法第四十条至第三十条", 40, ()),  # a range that runs backwards names nothing more
])
def test_more_articles_after_the_first(titles: Titles, question: str, first: int, more: tuple) -> None:
    found = titles.find(question)
    assert found is not None and (found.article_no, found.more) == (first, more)
