"""Behind a real reverse proxy (Debian's nginx) at the sub-path /qa/, with identities from an SSO header.

The app runs with QA_ROOT_PATH=/qa, trusts only the proxy's address (127.0.0.2)
for X-Forwarded-For and X-Remote-User, and gives carol the admin role. Everything
a user reaches through the proxy must work under /qa/; the SSO header must be
worthless when sent straight to the app.
"""
from __future__ import annotations

import json
import shutil

import httpx
import pytest

from appserver import copy_index, request_records, running_app
from proxy import PROXY_ADDRESS, nginx_in_front

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"
RONGPIAO_SENTENCE = "蓉漂”品牌海外影响力提升推广计划"
CAROL = {"X-Test-SSO-User": "carol"}


@pytest.fixture(scope="module")
def served(tmp_path_factory, seed_settings, model_dir):
    data = copy_index(seed_settings.data_dir, tmp_path_factory.mktemp("proxy-data"))
    env = {"QA_ROOT_PATH": "/qa", "QA_TRUSTED_PROXIES": PROXY_ADDRESS, "QA_TRUSTED_USER_HEADER": "X-Remote-User",
           "QA_ADMIN_USERS": "carol", "QA_RATE_LIMIT_PER_MINUTE": "0"}
    with running_app(data, model_dir, env) as app:
        with nginx_in_front(app["port"], tmp_path_factory.mktemp("nginx")) as url:
            yield {**app, "proxy": url}


@pytest.fixture(scope="module")
def carol(served):
    with httpx.Client(base_url=served["proxy"], headers=CAROL, timeout=30) as client:
        yield client


def test_rest_and_identity_through_the_proxy(carol):
    answer = carol.post("api/v1/ask", json={"question": RONGPIAO}).json()
    assert any(RONGPIAO_SENTENCE in c["text"] for c in answer["citations"])
    assert carol.get("api/v1/whoami").json() == {"kind": "user", "name": "carol", "admin": True}
    dave = carol.get("api/v1/whoami", headers={"X-Test-SSO-User": "dave"}).json()
    assert dave == {"kind": "user", "name": "dave", "admin": False}


def test_the_sso_header_counts_only_from_the_proxy(served):
    direct = httpx.get(f"{served['url']}api/v1/whoami", headers={"X-Remote-User": "carol"}, timeout=10)
    assert direct.status_code == 401 and direct.json()["error"]["code"] == "unauthorised"
    spoofed = httpx.get(f"{served['proxy']}api/v1/whoami", headers={"X-Remote-User": "carol"}, timeout=10)
    assert spoofed.status_code == 401  # nginx replaces the client's header with the SSO one (empty here)


def test_the_client_address_comes_from_x_forwarded_for_only_via_the_proxy(served, carol):
    carol.get("api/v1/healthz", headers={"X-Forwarded-For": "203.0.113.9", "X-Request-ID": "proxy-xff-1"})
    line = next(r for r in request_records(served["log"], "proxy-xff-1", {"request"}) if r["message"] == "request")
    assert line["client"] == "127.0.0.1" and line["principal"] == "user:carol"  # the spoofed hop is not believed


def test_the_page_and_its_config_live_under_the_sub_path(carol):
    page = carol.get("", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "gradio" in page.text.lower()
    config = carol.get("config").json()
    assert config["root"].rstrip("/").endswith("/qa")


def test_gradio_client_through_the_proxy(served):
    from gradio_client import Client

    client = Client(served["proxy"], headers=CAROL, verbose=False)
    result = client.predict(RONGPIAO, [], api_name="/ask")
    assert any(RONGPIAO_SENTENCE in c["text"] for c in result["citations"])
    assert client.predict(result["id"], "up", api_name="/feedback")["ok"] is True
    record = json.loads((served["data"] / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["answer_id"] == result["id"] and record["voter"] == "user:carol"


def test_stream_docs_widget_and_same_origin_writes_through_the_proxy(served, carol):
    with carol.stream("POST", "api/v1/ask/stream", json={"question": RONGPIAO}) as r:
        events = [line[7:] for line in r.iter_lines() if line.startswith("event: ")]
    assert events[-2:] == ["citations", "done"]
    docs = carol.get("api/v1/docs").text
    assert 'href="/qa/api/v1/openapi.json"' in docs
    assert carol.get("api/v1/openapi.json").status_code == 200
    assert "new URL(\"embed\", base)" in carol.get("widget.js").text
    assert carol.get("widget/embed.js").status_code == 200 and 'src="widget/embed.js"' in carol.get("embed").text
    origin = served["proxy"].rsplit("/qa/", 1)[0]
    same = carol.post("api/v1/ask", json={"question": RONGPIAO}, headers={"Origin": origin})
    assert same.status_code == 200


def test_the_page_works_in_a_browser_through_the_proxy(served):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium); Playwright browsers are not downloaded")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(extra_http_headers=CAROL)
            page.goto(served["proxy"])
            page.fill("#question textarea", RONGPIAO)
            page.press("#question textarea", "Enter")
            expect(page.locator("#sources .cited").first).to_contain_text(RONGPIAO_SENTENCE, timeout=60_000)
        finally:
            browser.close()
