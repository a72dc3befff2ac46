"""index/readers: plain-text encodings, and read_file's refusals (unsupported, too large, empty, broken files)."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.readers import SUPPORTED, Unreadable, read_file
from index.readers.text import decode_bytes, is_blank
from tests.fixtures.make_fixtures import LABOUR, LABOUR_CONTRACT, excerpt, make_broken, make_encoded_txt, require_laws

MB = 2**20
SAMPLE = "第一条 为了完善劳动合同制度，明确劳动合同双方当事人的权利和义务。\n"


@pytest.mark.parametrize(("encoding", "detected"), [
    ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"),
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-32", "utf-32-le"),
])
def test_a_law_in_each_encoding_reads_back_exactly(tmp_path: Path, encoding: str, detected: str) -> None:
    require_laws()
    law = excerpt(LABOUR_CONTRACT)
    path = tmp_path / f"law-{encoding}.txt"
    if encoding == "utf-16-be":  # with its BOM, as Windows tools write it
        path.write_bytes(b"\xfe\xff" + law.plain().replace("\n", "\r\n").encode("utf-16-be"))
    else:
        make_encoded_txt(law, path, encoding)
    result = read_file(path, max_bytes=MB)
    assert (result.format, result.encoding) == ("txt", detected)
    assert result.text == law.plain()  # CRLF became LF; not one other character changed


def test_gb18030_characters_outside_gbk_decode(tmp_path: Path) -> None:
    text = "㐀䶵是扩展A区的字，GBK 没有它们。" * 3  # four-byte GB18030 sequences
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SAMPLE, "第一条 为了", "plain ASCII notes\n"])
def test_utf16_without_bom_is_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize("text", ["劳动合同", "会议纪要", "附件：1.申请表", "ａｂｃ全角标点，。"])
def test_short_gbk_texts_are_not_mistaken_for_korean_or_utf16(text: str) -> None:
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")


@pytest.mark.parametrize("data", [
    b"", ("\u3000" * 50).encode("utf-8"), ("\u3000 \t\r\n" * 9).encode("gbk"), "\ufeff\u3000\u200b\n".encode("utf-8"),
    " \u3000\n".encode("utf-16"),
])
def test_whitespace_only_files_are_empty(data: bytes) -> None:
    with pytest.raises(Unreadable) as err:
        decode_bytes(data)
    assert err.value.code == "empty"


def test_blank_means_no_visible_character() -> None:
    assert is_blank("\u3000\u3000 \n\t\ufeff\u200b")
    assert not is_blank("\u3000\u3000。")


def test_binary_data_is_refused() -> None:
    with pytest.raises(Unreadable) as err:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert err.value.code == "binary"


def test_every_broken_file_is_refused_with_its_reason(tmp_path: Path) -> None:
    files = make_broken(tmp_path)
    reasons = {}
    for kind, path in files.items():
        with pytest.raises(Unreadable) as err:
            read_file(path, max_bytes=MB)
        reasons[kind] = (err.value.code, str(err.value))
    assert reasons["empty"][0] == reasons["blank"][0] == "empty"
    assert reasons["corrupt"] == ("corrupt", "文件已损坏或不是有效的 Word (.docx) 文件")
    assert reasons["password"] == ("password", "受密码保护")
    code, message = reasons["unsupported"]
    assert code == "unsupported" and ".xyz" in message
    assert all(suffix in message for suffix in SUPPORTED)


def test_a_file_over_the_limit_is_refused_naming_its_size(tmp_path: Path) -> None:
    require_laws()
    path = make_encoded_txt(excerpt(LABOUR, chapters=None), tmp_path / "劳动法.txt", "utf-8")
    size = path.stat().st_size
    assert size > 20_000
    with pytest.raises(Unreadable) as err:
        read_file(path, max_bytes=10_000)
    assert err.value.code == "too_large"
    assert f"{size / MB:.1f} MB" in str(err.value) and "上限" in str(err.value)
    assert read_file(path, max_bytes=size).text  # at the limit it is read


def test_suffixes_are_matched_case_insensitively(tmp_path: Path) -> None:
    path = tmp_path / "NOTICE.TXT"
    path.write_text(SAMPLE, encoding="utf-8")
    assert read_file(path, max_bytes=MB).text == SAMPLE


def test_a_missing_file_is_refused_not_raised(tmp_path: Path) -> None:
    with pytest.raises(Unreadable) as err:
        read_file(tmp_path / "gone.md", max_bytes=MB)
    assert err.value.code == "cannot_open"


def test_a_missing_reader_package_is_named_in_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` now fails as if python-docx were not installed
    with pytest.raises(Unreadable) as err:
        read_file(path, max_bytes=MB)
    assert err.value.code == "missing_package" and "pip install python-docx" in str(err.value)
