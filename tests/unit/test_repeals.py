"""Documents a later document repeals (index/repeals.py): read from the repealing text, taken out of the default
search by mark_latest, and named in a notice when quoted (assistant/references.Titles.repealer)."""
from pathlib import Path
from types import SimpleNamespace

from assistant.references import Titles
from assistant.structured import StructuredAnswers
from assistant.types import Answer, Citation
from index.build import mark_latest
from index.library import Library
from index.records import DocMeta
from index.repeals import repealed_titles, superseded
from prompts import render

# closing articles as the laws word them (契税法 第十五条; a judicial interpretation; a partial repeal)
CLOSING = "第十五条 本法自2021年9月1日起施行。1997年7月7日国务院发布的《中华人民共和国契税暂行条例》同时废止。"


def test_the_titles_a_closing_article_repeals() -> None:
    assert repealed_titles(CLOSING) == ["契税暂行条例"]
    assert repealed_titles("自本规定施行之日起，《最高人民法院关于审判人员严格执行回避制度的若干规定》（法发〔2000〕5号）即行废止。") \
        == ["最高人民法院关于审判人员严格执行回避制度的若干规定"]
    assert repealed_titles("《中华人民共和国物权法》、《中华人民共和国民法总则》同时废止。") == ["物权法", "民法总则"]
    assert repealed_titles("《中华人民共和国工会法》第十条同时废止。") == []  # an article, not the document
    assert repealed_titles("依照《中华人民共和国契税法》的规定征收。") == []


def test_only_an_earlier_document_of_another_title_is_superseded() -> None:
    docs = [DocMeta(id=1, title="中华人民共和国契税暂行条例", short_title="契税暂行条例", version_date="2019-03-02"),
            DocMeta(id=2, title="中华人民共和国契税法", short_title="契税法", version_date="2020-08-11"),
            DocMeta(id=3, title="某省工会条例", short_title="某省工会条例", version_date="2004-09-25"),
            DocMeta(id=4, title="某省工会条例", short_title="某省工会条例", version_date="2010-01-01"),
            DocMeta(id=5, title="后来的暂行条例", short_title="后来的暂行条例", version_date="2025-01-01")]
    texts = {2: CLOSING,
             4: "1994年通过的《某省工会条例》同时废止。",  # its own earlier text: a version, not another document
             1: "《后来的暂行条例》同时废止。"}  # a later document cannot be repealed by an earlier one
    assert superseded(docs, texts) == {1: 2}


def _publish(library: Library, title: str, date: str, text: str = "") -> int:
    path = f"{title}({date}).md"
    doc_id = library.ensure_document(path)
    library.publish(DocMeta(id=doc_id, path=path, status="indexed", version=f"v{doc_id}", title=title,
                            short_title=title, version_date=date, text=text))
    return doc_id


def test_a_repealed_document_is_no_longer_latest_and_names_its_repealer(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    old = _publish(library, "契税暂行条例", "2019-03-02", "第三条 契税税率为3—5%。")
    new = _publish(library, "契税法", "2020-08-11", CLOSING)
    other = _publish(library, "印花税暂行条例", "2011-01-08", "第一条 …")
    mark_latest(library)
    latest = {d.id: d.latest for d in library.documents()}
    assert latest == {old: 0, new: 1, other: 1}
    titles = Titles(library)
    found = titles.repealer(old)
    assert found is not None and found.id == new and found.short_title == "契税法"
    assert titles.repealer(new) is None and titles.repealer(other) is None


def test_quoting_a_repealed_document_says_which_one_repealed_it(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite")
    old = _publish(library, "契税暂行条例", "2019-03-02", "第三条 契税税率为3—5%。")
    _publish(library, "契税法", "2020-08-11", CLOSING)
    mark_latest(library)
    quoted = Citation(n=1, doc="契税暂行条例", sentence_id="x-00001", text="第三条 契税税率为3—5%。", section="",
                      score=1.0, doc_id=old, short_title="契税暂行条例", version_date="2019-03-02", latest=False)
    answer = Answer(question="契税暂行条例规定的税率是多少？", answer="…", citations=[quoted])
    shared = SimpleNamespace(titles=Titles(library))  # version_notices reads nothing else
    assert StructuredAnswers.version_notices(shared, answer) == [
        render("repealed_notice", title="契税暂行条例", by="契税法", date="2020-08-11")]
