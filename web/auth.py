"""Who is asking: bearer tokens, the local user file, the SSO proxy's header, page sessions.

Secrets never stay in memory or logs in clear: tokens are kept as SHA-256 hashes,
passwords are stored as scrypt hashes (`scrypt$n$r$p$salt$hash`, base64), and a
principal is named by its user name or a short token fingerprint only.

    python -m web.auth add-user NAME [--admin] [--file data/users.txt]   # asks for the password
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SESSION_HOURS = 12


@dataclass(frozen=True)
class Principal:
    """An identified caller. `kind`: anonymous, token (an API client) or user (a person)."""

    kind: str
    name: str
    admin: bool = False

    @property
    def label(self) -> str:
        """What logs and feedback records show: never a secret."""
        return f"{self.kind}:{self.name}"


def fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    encode = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${encode(salt)}${encode(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        found = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, expected)


class TokenSet:
    """The accepted bearer tokens, as hashes only."""

    def __init__(self, raw: str | None):
        self._hashes = {fingerprint(t.strip()) for t in (raw or "").split(",") if t.strip()}

    def __bool__(self) -> bool:
        return bool(self._hashes)

    def match(self, token: str) -> Principal | None:
        digest = fingerprint(token)
        if any(hmac.compare_digest(digest, known) for known in self._hashes):
            return Principal("token", digest[:12])
        return None


class UserFile:
    """`name:role:scrypt-hash` lines (role: user or admin); re-read when the file changes."""

    def __init__(self, path: Path):
        self.path, self._seen, self._users = path, None, {}
        self._dummy = hash_password(secrets.token_hex(8))  # checked for unknown names, so they cost the same

    def _load(self) -> dict[str, tuple[str, str]]:
        stamp = self.path.stat().st_mtime_ns if self.path.exists() else None
        if stamp != self._seen:
            users = {}
            for line in (self.path.read_text(encoding="utf-8").splitlines() if stamp else []):
                if line.strip() and not line.startswith("#") and line.count(":") >= 2:
                    name, role, stored = line.split(":", 2)
                    users[name.strip()] = (role.strip(), stored.strip())
            self._seen, self._users = stamp, users
        return self._users

    def role(self, name: str) -> str | None:
        found = self._load().get(name)
        return found[0] if found else None

    def verify(self, name: str, password: str) -> Principal | None:
        role, stored = self._load().get(name, ("", self._dummy))
        ok = verify_password(password, stored)
        return Principal("user", name, admin=role == "admin") if ok and role else None

    def add(self, name: str, password: str, admin: bool = False) -> None:
        if not name or ":" in name or name != name.strip():
            raise ValueError("a user name may not be empty, contain ':' or surrounding spaces")
        users = {**self._load(), name: ("admin" if admin else "user", hash_password(password))}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{n}:{role}:{stored}" for n, (role, stored) in sorted(users.items())]
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("# name:role:password hash (python -m web.auth add-user)\n" + "\n".join(lines) + "\n",
                       encoding="utf-8")
        tmp.chmod(0o600)
        tmp.replace(self.path)


class Sessions:
    """Signed page-session cookies: `name|expiry|mac`; the key lives for one server process."""

    def __init__(self, key: bytes | None = None):
        self._key = key or secrets.token_bytes(32)

    def _mac(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode("utf-8"), hashlib.sha256).hexdigest()

    def issue(self, name: str) -> str:
        payload = f"{name}|{int(time.time()) + SESSION_HOURS * 3600}"
        return f"{payload}|{self._mac(payload)}"

    def read(self, value: str | None) -> str | None:
        if not value or value.count("|") != 2:
            return None
        name, expiry, mac = value.split("|")
        if not hmac.compare_digest(mac, self._mac(f"{name}|{expiry}")) or not expiry.isdigit():
            return None
        return name if int(expiry) > time.time() else None


def main(argv: list[str] | None = None) -> int:
    import argparse
    import getpass
    import sys

    from settings import Settings

    parser = argparse.ArgumentParser(prog="python -m web.auth", description="Manage the page's local users.")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-user", help="add a user or change a password")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true", help="give the admin role")
    add.add_argument("--file", type=Path, help="users file (default: QA_USERS_FILE)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    args = parser.parse_args(argv)
    path = args.file or Settings().users_file
    if path is None:
        parser.error("no users file: pass --file or set QA_USERS_FILE")
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("password: ")
    if len(password) < 8:
        parser.error("the password needs at least 8 characters")
    UserFile(path).add(args.name, password, admin=args.admin)
    print(f"{args.name} saved in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
