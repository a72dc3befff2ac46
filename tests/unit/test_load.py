"""Loading seed files (index/load.py): unreadable files are skipped by name, good ones still load."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from index.load import load_seeds

GOOD = "一、总体要求\n要坚持党的领导。\n"
GBK_TEXT = "成都市组织工作要坚持党的领导，服务中心大局。"


def broken_files() -> dict[str, bytes]:
    gbk = GBK_TEXT.encode("gbk")
    with pytest.raises(UnicodeDecodeError):  # the fixture really is not UTF-8
        gbk.decode("utf-8")
    return {
        "empty.txt": b"",
        "blank.md": "\ufeff \r\n\t\n".encode("utf-8"),  # only a BOM and whitespace
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "gbk.txt": gbk,
    }


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in broken_files().items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_each_broken_file_is_skipped_with_a_warning_naming_it(seeds: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="index.load"):
        docs, skipped = load_seeds([seeds])
    assert [d.name for d in docs] == ["good.txt"]
    assert docs[0].text == GOOD
    assert sorted(s.name for s in skipped) == sorted(broken_files())
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    for name in broken_files():
        assert sum(name in w for w in warnings) == 1, (name, warnings)
    assert not any("good.txt" in w for w in warnings)


def test_skip_reasons_say_what_is_wrong(seeds: Path) -> None:
    _, skipped = load_seeds([seeds])
    reasons = {s.name: s.reason for s in skipped}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.md"]
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["gbk.txt"]


def test_only_text_and_markdown_files_are_candidates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲句。", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.MD").write_text("乙句。", encoding="utf-8")
    (tmp_path / "c.json").write_text('{"x": 1}', encoding="utf-8")
    docs, skipped = load_seeds([tmp_path])
    assert [d.name for d in docs] == ["a.txt", "sub/b.MD"]  # names relative to the folder, forward slashes
    assert skipped == []


def test_a_single_file_path_and_a_missing_path(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    one = tmp_path / "one.txt"
    one.write_text("一句。", encoding="utf-8")
    missing = tmp_path / "nope"
    with caplog.at_level(logging.WARNING, logger="index.load"):
        docs, skipped = load_seeds([one, missing])
    assert [d.name for d in docs] == ["one.txt"]
    assert skipped == []
    assert any(str(missing) in r.getMessage() for r in caplog.records)


def test_a_bom_and_crlf_are_kept_so_offsets_index_the_file(tmp_path: Path) -> None:
    raw = "\ufeff标题\r\n正文。\r\n"
    (tmp_path / "bom.txt").write_bytes(raw.encode("utf-8"))
    docs, _ = load_seeds([tmp_path])
    assert docs[0].text == raw
