"""web/auth.py and web/access.py: hashes only, sessions that cannot be forged, who is believed."""
from __future__ import annotations

import pytest

from settings import Settings
from web.access import Access, route_path
from web.auth import Sessions, TokenSet, UserFile, hash_password, verify_password


def test_passwords_are_stored_as_salted_scrypt_hashes():
    stored = hash_password("correct horse")
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    assert stored != hash_password("correct horse")  # salted
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    assert not verify_password("x", "garbage") and not verify_password("x", "md5$1$2$3$4$5")


def test_user_file_roles_and_changes(tmp_path):
    users = UserFile(tmp_path / "users.txt")
    users.add("alice", "alice-password")
    users.add("bob", "bob-password", admin=True)
    assert users.verify("alice", "alice-password").admin is False
    assert users.verify("bob", "bob-password").admin is True
    assert users.verify("alice", "bob-password") is None and users.verify("carol", "x") is None
    users.add("alice", "new-password")  # a changed password replaces the old one
    assert users.verify("alice", "alice-password") is None and users.verify("alice", "new-password")
    assert (tmp_path / "users.txt").stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError):
        users.add("a:b", "password")


def test_tokens_are_kept_as_hashes_and_named_by_fingerprint():
    tokens = TokenSet("alpha-token, beta-token,")
    assert tokens and not TokenSet("") and not TokenSet(None)
    found = tokens.match("beta-token")
    assert found.kind == "token" and len(found.name) == 12 and "beta" not in found.name
    assert tokens.match("gamma-token") is None
    assert "alpha-token" not in repr(vars(tokens))


def test_sessions_cannot_be_forged_or_used_after_expiry(monkeypatch):
    sessions = Sessions()
    cookie = sessions.issue("alice")
    assert sessions.read(cookie) == "alice"
    assert sessions.read(cookie.replace("alice", "bob")) is None
    assert Sessions().read(cookie) is None  # another process key
    assert sessions.read("alice|99999999999|") is None and sessions.read(None) is None
    import web.auth as auth

    monkeypatch.setattr(auth.time, "time", lambda: 10**12)
    assert sessions.read(cookie) is None


def scope(client: str, headers: dict[str, str], path: str = "/api/v1/ask") -> tuple[dict, dict]:
    raw = {k.lower().encode(): v.encode() for k, v in headers.items()}
    return {"type": "http", "client": (client, 5555), "path": path, "headers": list(raw.items())}, raw


def test_forwarded_headers_and_the_user_header_count_only_from_trusted_proxies():
    access = Access(Settings(trusted_proxies=["10.0.0.0/8"], trusted_user_header="X-Remote-User",
                             admin_users=["carol"]))
    via_proxy, headers = scope("10.1.2.3", {"X-Forwarded-For": "203.0.113.9, 192.0.2.4", "X-Remote-User": "carol",
                                            "X-Forwarded-Proto": "https", "X-Forwarded-Host": "qa.example"})
    assert access.locate(via_proxy, headers) == ("192.0.2.4", "https", "qa.example")
    who = access.identify(via_proxy, headers, "192.0.2.4")
    assert (who.kind, who.name, who.admin) == ("user", "carol", True)
    direct, headers = scope("192.0.2.4", {"X-Forwarded-For": "10.9.9.9", "X-Remote-User": "carol", "Host": "h"})
    assert access.locate(direct, headers) == ("192.0.2.4", "http", "h")
    assert access.identify(direct, headers, "192.0.2.4") is None  # sign-in is on, and nobody signed in


def test_sign_in_is_off_on_loopback_only():
    open_access = Access(Settings(host="127.0.0.1"))
    s, headers = scope("127.0.0.1", {})
    assert not open_access.enabled and open_access.identify(s, headers, "127.0.0.1").kind == "anonymous"
    with pytest.raises(SystemExit, match="without sign-in"):
        Access(Settings(host="0.0.0.0"))
    assert Access(Settings(host="0.0.0.0", allow_anonymous=True)).enabled is False
    assert Access(Settings(host="0.0.0.0", api_tokens="t")).enabled is True


def test_route_path_strips_the_root_path_when_present():
    assert route_path({"path": "/qa/api/v1/ask", "root_path": "/qa"}) == "/api/v1/ask"
    assert route_path({"path": "/api/v1/ask", "root_path": "/qa"}) == "/api/v1/ask"
    assert route_path({"path": "/qa", "root_path": "/qa"}) == "/"
    assert route_path({"path": "/qaextra", "root_path": "/qa"}) == "/qaextra"
