"""web/library_admin.py without a model: where uploads go, what is refused, and the job queue."""
from __future__ import annotations

import time

import pytest

from settings import Settings
from web.errors import ApiError
from web.library_admin import LibraryAdmin, safe_name


@pytest.fixture()
def admin(tmp_path):
    settings = Settings(seeds_dir=tmp_path / "seeds", data_dir=tmp_path / "data", max_file_mb=0.001)
    (tmp_path / "seeds").mkdir()
    return LibraryAdmin(settings)


def test_an_upload_lands_in_its_folder_and_replaces_a_file_of_the_same_name(admin):
    path, replaced = admin.save("规定.docx", b"one", "")
    assert path == admin.seeds / "uploads" / "规定.docx" and path.read_bytes() == b"one" and not replaced
    path, replaced = admin.save("C:\\\\temp\\\\规定.docx", b"two", "制度")
    assert path == admin.seeds / "制度" / "规定.docx" and replaced is False
    assert admin.save("规定.docx", b"three", "制度")[1] is True
    assert not [p for p in admin.seeds.rglob(".*")]  # no half-written file left behind


@pytest.mark.parametrize(("name", "data", "folder", "code"), [
    ("run.sh", b"x", "", "bad_file"), ("", b"x", "", "bad_file"), ("a.pdf", b"x" * 2000, "", "file_too_large"),
    ("a.md", b"x", "../outside", "bad_folder"), ("a.md", b"x", ".hidden", "bad_folder"), ("a.md", b"x", "a/b", "bad_folder"),
])
def test_bad_uploads_are_refused_with_a_code(admin, name, data, folder, code):
    with pytest.raises(ApiError) as refused:
        admin.save(name, data, folder)
    assert refused.value.code == code and refused.value.message
    assert not list(admin.seeds.rglob("*.*"))


def test_names_and_paths_cannot_leave_the_library(admin):
    assert safe_name("../../etc/passwd") == "passwd" and safe_name(".env") == "env" and safe_name("a\x00b.md") == "ab.md"
    with pytest.raises(ApiError) as outside:
        admin.library_path("../data/library.sqlite")
    assert outside.value.code == "outside_library"
    assert admin.library_path("社会法/a.md") == admin.seeds / "社会法" / "a.md"


def test_jobs_run_one_at_a_time_and_a_failure_is_reported(admin, monkeypatch):
    import index.build

    running, order = [], []

    def fake_build(settings, paths, progress):
        running.append(1)
        assert len(running) == 1  # never two builds at once
        order.append(paths)
        progress("一步")
        time.sleep(0.05)
        running.pop()
        if paths == ["bad"]:
            raise RuntimeError("坏文件")

        class Report:
            documents, sentences, skipped = 3, 30, ["x.pdf: 扫描件"]
        return Report()

    monkeypatch.setattr(index.build, "build_index", fake_build)
    jobs = [admin.submit("甲", ["a"]), admin.submit("乙", ["bad"]), admin.submit("丙", None)]
    deadline = time.monotonic() + 5
    while admin.state()["busy"] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert order == [["a"], ["bad"], None]
    assert [j.state for j in jobs] == ["done", "failed", "done"] and jobs[1].error == "坏文件"
    assert "3 份文档" in jobs[0].summary and jobs[0].lines[0] == "一步" and "x.pdf" in jobs[0].lines[-1]
    assert [j["task"] for j in admin.state()["jobs"]] == ["丙", "乙", "甲"]
