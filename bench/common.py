"""Shared pieces for benchmarks and the load test: a seeded database, gunicorn on 127.0.0.1,
signing in over HTTP, and wrk."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # a fixed benchmark key, not a secret
STAFF = ("bench-worker@example.org", "bench worker passphrase")
MANAGER = ("bench-manager@example.org", "bench manager passphrase")
YOUNG_PERSON = ("bench-fox", "bench fox kettle")


# Every simulated person comes from one address: the rate limits would measure themselves.
UNLIMITED = {
    "SAFETYPLAN_SIGN_IN_RATE_LIMIT": "1000000/minute",
    "SAFETYPLAN_SHARE_RATE_LIMIT": "1000000/minute",
    "PYTHONPATH": str(ROOT),
}


def environment(folder: Path, database_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url or f"sqlite:///{folder / 'bench.sqlite'}",
            "SAFETYPLAN_KEYS": KEY,
            "SECRET_KEY": "benchmark secret key, not for production",
            **UNLIMITED,
        }
    )
    return env


@contextmanager
def deployed_stage(prefix: str, https_port: int, redis_port: int, pgport: int) -> Iterator[Any]:
    """The deployed shape (deploy/stage.py: nginx over https before two gunicorn instances of
    two workers, PostgreSQL and Redis), on ports from PREFIX_HTTPS_PORT, PREFIX_REDIS_PORT
    and PREFIX_PGPORT or the ones given, so a benchmark and a load test can run side by side."""
    from deploy import stage as deployed

    with deployed.running(
        https_port=int(os.environ.get(f"{prefix}_HTTPS_PORT", https_port)),
        redis_port=int(os.environ.get(f"{prefix}_REDIS_PORT", redis_port)),
        pgport=os.environ.get(f"{prefix}_PGPORT", str(pgport)),
        settings=UNLIMITED,
        staff={},
    ) as running:
        yield running


def full_answers(section: Any) -> dict[str, Any]:
    """Plausible answers for every field of a section: a full plan."""
    answers: dict[str, Any] = {}
    for spec in section.fields:
        if spec.kind == "short_text":
            answers[spec.name] = f"An answer for {spec.label}"[:200]
        elif spec.kind == "long_text":
            answers[spec.name] = ("A longer answer with a few sentences. " * 8).strip()
        elif spec.kind == "contacts":
            answers[spec.name] = [
                {"name": f"Person {n}", "phone": f"07700 900 {100 + n}"}
                for n in range(min(spec.max_rows, 3))
            ]
        elif spec.kind == "items":
            answers[spec.name] = [f"Place {n}" for n in range(min(spec.max_rows, 3))]
        else:
            answers[spec.name] = {
                "ticked": [suggestion.key for suggestion in spec.suggestions],
                "own": ["Something of my own"],
            }
    return answers


def seed(env: dict[str, str]) -> dict[str, str]:
    """Create the schema (migrations), staff, a young person with a full plan and a share.
    Returns ids and the share URL path."""
    script = r"""
import json, os
os.environ.setdefault("SAFETYPLAN_AUTO_MIGRATE", "1")
from datetime import UTC, datetime
from safetyplan import create_app
from safetyplan.core import plan, sharing, workbook
from safetyplan.web.cli import create_staff_account
from safetyplan.web.extensions import db
from safetyplan.core.models import StaffUser, YoungPerson
from safetyplan.core.passwords import hash_password
from bench.common import STAFF, MANAGER, YOUNG_PERSON, full_answers
app = create_app({"PASSWORD_HASH_PROFILE": "fast"})
with app.app_context():
    if StaffUser.by_email(STAFF[0]) is None:
        create_staff_account(STAFF[0], "Bench Worker", STAFF[1], False)
        create_staff_account(MANAGER[0], "Bench Manager", MANAGER[1], True)
    worker = StaffUser.by_email(STAFF[0])
    person = YoungPerson.by_username(YOUNG_PERSON[0])
    if person is None:
        person = YoungPerson(preferred_name="Bench Fox", worker=worker)
        person.set_username(YOUNG_PERSON[0])
        person.password_hash = hash_password(YOUNG_PERSON[1], "fast")
        db.session.add(person)
        db.session.commit()
        for section in workbook.SECTIONS:
            plan.save_section(person, section, full_answers(section), base_version=0, done=True)
    every = [s.number for s in workbook.SECTIONS]
    now = datetime.now(UTC)
    token = sharing.create_share(person, "Auntie", every, 7, None, now, "fast")[1]
    db.session.commit()
    share_path = "/s/" + token
    print(json.dumps({"young_person_id": person.id, "share_path": share_path}))
"""
    output = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    return dict(json.loads(output.strip().splitlines()[-1]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, threads: int = 1) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "app:app",
        ],
        env={**env, "SAFETYPLAN_AUTO_MIGRATE": "0"},
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/health", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


class Browserless:
    """A tiny HTTP client with cookies and CSRF tokens, for signing in and saving."""

    TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')

    def __init__(self, base: str, tls: ssl.SSLContext | None = None):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            urllib.request.HTTPSHandler(context=tls),
            _NoRedirect(),
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, html: str) -> str:
        match = self.TOKEN.search(html)
        if not match:
            raise RuntimeError("no CSRF token on the page")
        return match.group(1)

    def sign_in(self, path: str, data: dict[str, str]) -> None:
        status, html = self.get(path)
        status, _ = self.post(path, {**data, "csrf_token": self.token(html)})
        if status != 302:
            raise RuntimeError(f"sign-in at {path} failed: {status}")

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        return fp

    http_error_303 = http_error_301 = http_error_307 = http_error_302


def wrk(
    url: str,
    cookie: str = "",
    seconds: int = 5,
    connections: int = 8,
    threads: int = 2,
    script: Path | None = None,
) -> dict[str, float]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def _milliseconds(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict[str, float]:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"\s50%\s+(\S+)", output).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"\s99%\s+(\S+)", output).group(1)  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50_ms": _milliseconds(p50),
        "p99_ms": _milliseconds(p99),
        "non_2xx_3xx": float(errors.group(1)) if errors else 0.0,
    }


def _listening_socket(port: int) -> str:
    """The inode of the socket listening on 127.0.0.1:`port`, as /proc names it."""
    wanted = f"0100007F:{port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # 0A: listening
            return f"socket:[{fields[9]}]"
    raise RuntimeError(f"nothing listens on port {port}")


def worker_memory(port: int) -> list[dict[str, float]]:
    """Each gunicorn worker serving on `port` (the master's forks, which share its listening
    socket): resident memory, and the part that is its own rather than shared with the
    master (what one more worker costs), in MB."""
    socket_name = _listening_socket(port)
    found: dict[int, int] = {}  # pid -> parent pid
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if any(os.readlink(fd) == socket_name for fd in (proc / "fd").iterdir()):
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                found[int(proc.name)] = int(stat[1])
        except OSError:
            continue
    workers = [pid for pid, parent in found.items() if parent in found]
    rows = []
    for pid in sorted(workers):
        fields = {}
        for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0]) / 1024
        own = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        rows.append({"rss_mb": fields["Rss"], "own_mb": own})
    return rows
