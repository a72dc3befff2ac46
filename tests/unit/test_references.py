"""Which version a question asks for: a year before the name or after it, the older one, else the latest."""
from pathlib import Path

import pytest

from assistant.references import Titles
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
