"""Who may use it: bearer tokens for the APIs, the users file for the page, the admin role, rate and size limits.

A real `python app.py` with QA_API_TOKENS, a users file written by
`python -m web.auth add-user`, a rate limit of 4 questions a minute per principal
and a 4 KiB body limit.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
import subprocess
import sys

import httpx
import pytest

from appserver import copy_index, log_records, running_app
from prompts import render
from conftest import ROOT

pytestmark = pytest.mark.integration

TOKENS = ["tok-alpha-1234567890", "tok-beta-0987654321", "tok-gamma-1122334455"]
PASSWORDS = {"alice": "alice-pass-9731", "bob": "bob-admin-pass-4862"}
RONGPIAO = "如何提升“蓉漂”品牌的海外影响力？"


def add_user(users, name: str, admin: bool = False) -> None:
    args = [sys.executable, "-m", "web.auth", "add-user", name, "--file", str(users), "--password-stdin"]
    done = subprocess.run(args + (["--admin"] if admin else []), input=PASSWORDS[name] + "\n", cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_settings, model_dir):
    data = copy_index(seed_settings.data_dir, tmp_path_factory.mktemp("access-data"))
    users = data / "users.txt"
    add_user(users, "alice")
    add_user(users, "bob", admin=True)
    env = {"QA_API_TOKENS": ",".join(TOKENS), "QA_USERS_FILE": str(users), "QA_RATE_LIMIT_PER_MINUTE": "4",
           "QA_MAX_BODY_BYTES": "4096"}
    with running_app(data, model_dir, env) as served:
        yield {**served, "users": users}


@pytest.fixture(scope="module")
def anonymous(server):
    with httpx.Client(base_url=server["url"], timeout=30) as client:
        yield client


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def session(server, name: str) -> Iterator[httpx.Client]:
    """A client signed in through the form, as a browser would be."""
    with httpx.Client(base_url=server["url"], timeout=30) as client:
        r = client.post("/login", data={"username": name, "password": PASSWORDS[name], "next": "/"})
        assert r.status_code == 303 and r.headers["location"] == "/"
        yield client


def test_the_users_file_holds_hashes_only(server):
    text = server["users"].read_text(encoding="utf-8")
    assert "alice:user:scrypt$" in text and "bob:admin:scrypt$" in text
    assert not any(p in text for p in PASSWORDS.values())


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/api/v1/ask"), ("POST", "/api/v1/ask/stream"), ("POST", "/api/v1/feedback"), ("GET", "/api/v1/whoami"),
    ("POST", "/v1/chat/completions"), ("GET", "/v1/models"), ("GET", "/metrics"), ("GET", "/gradio_api/info"),
    ("POST", "/gradio_api/queue/join"), ("GET", "/embed"),
])
def test_without_a_token_or_session_everything_but_health_is_401(anonymous, method, path):
    r = anonymous.request(method, path, json={"question": RONGPIAO})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorised"
    assert r.headers["www-authenticate"] == "Bearer"
    r = anonymous.request(method, path, json={"question": RONGPIAO}, headers=bearer("tok-wrong"))
    assert r.status_code == 401
    assert anonymous.get("/api/v1/healthz").status_code == 200 and anonymous.get("/api/v1/readyz").status_code == 200


def test_a_token_opens_the_apis(anonymous, server):
    r = anonymous.post("/api/v1/ask", json={"question": RONGPIAO}, headers=bearer(TOKENS[0]))
    assert r.status_code == 200 and r.json()["citations"]
    who = anonymous.get("/api/v1/whoami", headers=bearer(TOKENS[0])).json()
    assert who["kind"] == "token" and len(who["name"]) == 12 and who["name"] not in TOKENS[0]
    assert anonymous.get("/metrics", headers=bearer(TOKENS[0])).status_code == 200


def test_the_openai_client_needs_the_token(server):
    import openai

    refused = openai.OpenAI(base_url=f"{server['url']}v1", api_key="tok-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        refused.models.list()
    allowed = openai.OpenAI(base_url=f"{server['url']}v1", api_key=TOKENS[0], max_retries=0)
    reply = allowed.chat.completions.create(model="document-assistant",
                                            messages=[{"role": "user", "content": RONGPIAO}])
    assert reply.model_extra["citations"]


def test_the_page_sends_a_browser_to_sign_in(anonymous):
    r = anonymous.get("/", headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/"
    form = anonymous.get("/login")
    assert form.status_code == 200 and render("login_title") in form.text
    failed = anonymous.post("/login", data={"username": "alice", "password": "wrong-password"})
    assert failed.status_code == 401 and render("login_failed") in failed.text
    unknown = anonymous.post("/login", data={"username": "mallory", "password": "whatever-pass"})
    assert unknown.status_code == 401


def test_a_signed_in_user_gets_the_page_and_the_api_and_votes_as_herself(server):
    with session(server, "alice") as alice:
        assert alice.get("/", headers={"Accept": "text/html"}).status_code == 200
        assert alice.get("/api/v1/whoami").json() == {"kind": "user", "name": "alice", "admin": False}
        answer = alice.post("/api/v1/ask", json={"question": RONGPIAO}).json()
        assert alice.post("/api/v1/feedback", json={"answer_id": answer["id"], "vote": "up"}).status_code == 200
        r = alice.get("/metrics")
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        alice.post("/logout")
        assert alice.get("/api/v1/whoami").status_code == 401
    record = json.loads((server["data"] / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["user"] == "user:alice" and record["voter"] == "user:alice"


def test_the_admin_role_comes_from_the_users_file(server):
    with session(server, "bob") as bob:
        assert bob.get("/api/v1/whoami").json()["admin"] is True
        assert bob.get("/metrics").status_code == 200


def test_a_tampered_session_cookie_is_refused(server, anonymous):
    with session(server, "alice") as alice:
        value = alice.cookies["qa_session"]
    forged = value.replace("alice", "bob", 1)
    r = anonymous.get("/api/v1/whoami", headers={"Cookie": f"qa_session={forged}"})
    assert r.status_code == 401


def test_sign_in_from_a_foreign_page_is_refused(anonymous):
    r = anonymous.post("/login", data={"username": "alice", "password": PASSWORDS["alice"]},
                       headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden_origin"


def test_the_rate_limit_answers_429_json_per_principal(anonymous):
    codes = [anonymous.post("/api/v1/ask", json={"question": RONGPIAO}, headers=bearer(TOKENS[2])).status_code
             for _ in range(6)]
    assert codes[:4] == [200] * 4 and 429 in codes[4:]  # a burst of 4, then one more every 15 s
    r = anonymous.post("/api/v1/ask", json={"question": RONGPIAO}, headers=bearer(TOKENS[2]))
    assert r.json()["error"]["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1
    other = anonymous.post("/api/v1/ask", json={"question": RONGPIAO}, headers=bearer(TOKENS[1]))
    assert other.status_code == 200  # another principal has its own allowance


def test_an_oversized_body_is_413_json_before_authentication(anonymous):
    r = anonymous.post("/api/v1/ask", json={"question": "蓉" * 2000}, headers=bearer(TOKENS[1]))
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_tokens_and_passwords_never_reach_the_logs(server):
    text = server["log"].read_text(encoding="utf-8", errors="replace")
    assert log_records(server["log"])
    for secret in [*TOKENS, *PASSWORDS.values(), "tok-wrong", "wrong-password"]:
        assert secret not in text
