"""A real nginx in front of the app for the tests: its own config in a temp folder, loopback only, always stopped.

nginx serves the app at /qa/ and reaches it from 127.0.0.2 (proxy_bind), so the
app can tell its proxy (QA_TRUSTED_PROXIES=127.0.0.2) from a client connecting
directly from 127.0.0.1. Like an SSO proxy it sets X-Remote-User, here copied
from the test's X-Test-SSO-User header, and overwrites whatever the client sent.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from appserver import HOST, free_port

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
PROXY_ADDRESS = "127.0.0.2"

CONF = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 128; }}
http {{
  access_log {tmp}/access.log;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen {host}:{port};
    location /qa/ {{
      proxy_pass http://{host}:{backend}/;
      proxy_bind {proxy_address};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Remote-User $http_x_test_sso_user;
      proxy_buffering off;
      proxy_read_timeout 120s;
    }}
  }}
}}
"""


@contextmanager
def nginx_in_front(backend_port: int, tmp: Path) -> Iterator[str]:
    """nginx proxying http://127.0.0.1:<free port>/qa/ to the backend; yields that URL."""
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx, or `make browser`): "
                    "the reverse-proxy test needs it")
    port = free_port()
    conf = tmp / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""  # workers must reach the temp folder, which is private
    conf.write_text(CONF.format(user=user, tmp=tmp, host=HOST, port=port, backend=backend_port,
                                proxy_address=PROXY_ADDRESS), encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://{HOST}:{port}/qa/"
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.fail(f"nginx exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(url + "api/v1/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start proxying within 20 s")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
