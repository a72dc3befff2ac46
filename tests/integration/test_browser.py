"""The web chat in a real browser (Debian's chromium driven by Playwright): escaping, sources, feedback.

The server runs on a temporary copy of the project's index, so votes land in a
feedback file of its own. Set QA_SCREENSHOT=/some/file.png to keep a screenshot.
"""
import json
import os
import shutil
import time

import pytest

from appserver import copy_index, running_app
from prompts import render
from conftest import MODEL, ROOT

pytestmark = pytest.mark.integration

DATA = ROOT / "data"
CHROMIUM = shutil.which("chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>蓉漂品牌'
RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not ((DATA / "last_build.json").is_file() and MODEL.is_dir()):
        pytest.skip("no index in data/: run `python -m index build` first")
    data = copy_index(DATA, tmp_path_factory.mktemp("data"))
    with running_app(data, MODEL) as served:
        yield served


@pytest.fixture(scope="module")
def page(server):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium); Playwright browsers are not downloaded")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.outside_requests = []

        def only_local(route):
            if route.request.url.startswith(server["url"]) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                page.outside_requests.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.goto(server["url"])
        page.wait_for_selector("#question textarea")
        yield page
        browser.close()


def ask(page, question: str) -> None:
    from playwright.sync_api import expect

    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    expect(page.locator("#chat")).to_contain_text(question[-4:], timeout=30_000)
    expect(page.locator("#chat")).not_to_contain_text(render("app_pending"), timeout=60_000)


def test_html_in_a_question_is_shown_as_text_and_never_runs(page):
    from playwright.sync_api import expect

    ask(page, XSS)
    assert page.evaluate("window.__xss") is None
    expect(page.locator("#chat")).to_contain_text("<script>window.__xss=2</script>")
    assert page.locator("#chat img[src=x]").count() == 0


def test_sources_highlight_the_matched_terms(page, server):
    from playwright.sync_api import expect

    ask(page, RONGPIAO)
    expect(page.locator("#sources mark").first).to_be_visible()
    expect(page.locator("#sources .cited").first).to_contain_text("蓉漂”品牌海外影响力提升推广计划")
    record = json.loads((server["data"] / "last_build.json").read_text(encoding="utf-8"))
    expect(page.locator("#status")).to_contain_text(
        render("app_description", documents=record["documents"], sentences=record["sentences"]))
    font = page.evaluate("getComputedStyle(document.querySelector('#sources .sources')).fontFamily")
    assert "Noto Sans CJK SC" in font
    if os.environ.get("QA_SCREENSHOT"):
        page.screenshot(path=os.environ["QA_SCREENSHOT"], full_page=True)


def test_a_thumbs_up_appends_feedback(page, server):
    path = server["data"] / "feedback.jsonl"
    page.locator("#chat button[aria-label=Like]").last.click()
    deadline = time.monotonic() + 10
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert record["question"] == RONGPIAO and record["vote"] == "up" and record["sentence_ids"]


def test_clear_empties_chat_and_sources(page):
    from playwright.sync_api import expect

    page.get_by_role("button", name=render("app_clear")).click()
    expect(page.locator("#sources")).to_contain_text(render("app_sources_empty"))
    expect(page.locator("#chat")).not_to_contain_text(RONGPIAO)


def test_nothing_was_fetched_from_outside(page):
    assert page.outside_requests == []
