"""The embeddable widget in a real browser (Debian's chromium via Playwright), on a page of another origin.

docs/embed.html is served from its own loopback port (an origin the server's
QA_EMBED_ORIGINS allows), with the assistant's address put in. The widget opens,
asks, and shows the cited answer; the same page served from an origin that is not
allowed cannot frame /embed. The Gradio page of the same server must show the same
answer as the widget and REST.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from appserver import CHROMIUM, CHROMIUM_ARGS, HOST
from conftest import ROOT

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"
DOCUMENTED_SERVER = "http://127.0.0.1:7860/"


def host_page(server_url: str) -> bytes:
    return (ROOT / "docs" / "embed.html").read_text(encoding="utf-8").replace(DOCUMENTED_SERVER, server_url).encode()


def serve(port: int, body: bytes) -> ThreadingHTTPServer:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer((HOST, port), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def browser(web_server):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium); Playwright browsers are not downloaded")
    from playwright.sync_api import sync_playwright

    allowed = serve(web_server["embed_port"], host_page(web_server["url"]))
    foreign = serve(web_server["foreign_port"], host_page(web_server["url"]))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        allowed.shutdown()
        foreign.shutdown()


def local_only(page, allowed: list[str]) -> list[str]:
    outside: list[str] = []

    def route(r):
        if any(r.request.url.startswith(a) for a in allowed):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside


@pytest.fixture(scope="module")
def rest_answer(web_server) -> dict:
    return httpx.post(f"{web_server['url']}api/v1/ask", json={"question": RONGPIAO}, timeout=30).json()


def test_the_widget_on_a_foreign_origin_page_answers_with_citations(browser, web_server, rest_answer):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    outside = local_only(page, [web_server["url"], web_server["embed_origin"] + "/"])
    page.goto(web_server["embed_origin"] + "/")
    button = page.locator("#qa-widget-button")
    expect(button).to_have_text("文档问答")
    button.click()
    panel = page.frame_locator("#qa-widget-panel iframe")
    expect(panel.locator("#title")).to_have_text("文档问答")
    panel.locator("#question").fill(RONGPIAO)
    panel.locator("#send").click()
    expect(panel.locator(".source").first).to_contain_text(RONGPIAO_SENTENCE, timeout=60_000)
    expect(panel.locator(".answer").first).to_have_text(rest_answer["answer"])
    expect(panel.locator(".source mark").first).to_be_visible()
    panel.locator(".votes button[data-vote=up]").click()
    expect(panel.locator(".votes button[data-vote=up]")).to_have_attribute("aria-pressed", "true")
    assert outside == []


def test_the_plain_iframe_works_on_the_allowed_origin(browser, web_server):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(web_server["embed_origin"] + "/")
    expect(page.frame_locator("#plain").locator("#question")).to_be_visible(timeout=20_000)


def test_a_disallowed_origin_cannot_frame_the_chat(browser, web_server):
    page = browser.new_page()
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(web_server["foreign_origin"] + "/", wait_until="load")
    page.wait_for_timeout(1500)
    frame = page.frame(url=lambda u: "/embed" in u)
    assert frame is None or frame.locator("#question").count() == 0
    assert refusals, "chromium should report the frame-ancestors refusal"


def test_the_gradio_page_shows_the_same_cited_answer(browser, web_server, rest_answer):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(web_server["url"])
    page.fill("#question textarea", RONGPIAO)
    page.press("#question textarea", "Enter")
    expect(page.locator("#sources .cited").first).to_contain_text(RONGPIAO_SENTENCE, timeout=60_000)
    cited = [c["text"] for c in rest_answer["citations"]]
    for n, text in enumerate(cited):
        expect(page.locator("#sources .cited").nth(n)).to_contain_text(text[:30])
    expect(page.locator("#chat")).to_contain_text(rest_answer["answer"][:40])
