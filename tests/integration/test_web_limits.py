"""The bounded pool and the per-question deadline, on a real server whose pool is one worker, no queue.

With a 1 ms deadline no question can finish in time (embedding alone takes
milliseconds), so each one answers 504 `timeout` while its computation still
holds the only worker; questions arriving meanwhile find the pool full and get
503 `busy`. Neither may stall the server.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from appserver import copy_index, running_app

pytestmark = pytest.mark.integration

RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_settings, model_dir):
    data = copy_index(seed_settings.data_dir, tmp_path_factory.mktemp("limits-data"))
    env = {"QA_WORKERS": "1", "QA_QUEUE_SIZE": "0", "QA_QUESTION_TIMEOUT_S": "0.001",
           "QA_RATE_LIMIT_PER_MINUTE": "0"}
    with running_app(data, model_dir, env) as served:
        yield served


def test_a_question_past_its_deadline_gets_a_timeout(server):
    r = httpx.post(f"{server['url']}api/v1/ask", json={"question": RONGPIAO}, timeout=30)
    assert r.status_code == 504 and r.json()["error"]["code"] == "timeout"


def test_a_full_pool_answers_busy_and_the_server_keeps_serving(server):
    def ask(_):
        r = httpx.post(f"{server['url']}api/v1/ask", json={"question": RONGPIAO}, timeout=30)
        return r.status_code, r.json()["error"]["code"], r.headers.get("retry-after")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, range(16)))
    codes = {code for _, code, _ in results}
    assert codes <= {"timeout", "busy"} and "busy" in codes, results
    assert all(status == 503 and retry == "1" for status, code, retry in results if code == "busy")
    assert httpx.get(f"{server['url']}api/v1/healthz", timeout=5).status_code == 200


def test_the_page_api_reports_busy_and_timeout_as_coded_answers(server):
    from gradio_client import Client

    result = Client(server["url"], verbose=False).predict(RONGPIAO, [], api_name="/ask")
    assert result["error"] in ("timeout", "busy") and result["answer"]
