"""The deployed shape on one machine, for the deployment stage (tests/deploy) and the load
test through the proxy (bench/loadtest.py).

Debian's nginx terminates TLS (a throw-away certificate made here) with deploy/nginx-site.conf,
in front of two gunicorn instances started with deploy/gunicorn.conf.py, two workers each,
sharing one PostgreSQL (scripts/test-postgres.sh) and one redis-server, all on loopback ports.
Migrations run once, as the deploy step, before any instance starts.
"""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from safetyplan.core import crypto

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # sbin may not be on a user's PATH
INSTANCES = 2
WORKERS_PER_INSTANCE = 2

NGINX_MAIN = """\
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log error;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    include {folder}/safetyplan-site.conf;
}}
"""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Stage:
    folder: Path
    url: str
    instances: list[str]
    env: dict[str, str]
    certificate: Path
    logs: list[Path]
    planted: set[str] = field(default_factory=set)

    def tls(self) -> ssl.SSLContext:
        """Verifies the stage's own certificate, as a browser would a real one."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: str = "",
        instance: str | None = None,
    ) -> Answer:
        """One request through nginx over https, or straight to one app instance."""
        if instance:
            where = urlsplit(instance)
            connection: http.client.HTTPConnection = http.client.HTTPConnection(
                str(where.hostname), where.port
            )
        else:
            where = urlsplit(self.url)
            connection = http.client.HTTPSConnection(
                str(where.hostname), where.port, context=self.tls()
            )
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day, made for this run only."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "safetyplan deploy test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "certificate.pem", folder / "key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


def wait_until_ready(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], what: str, log: Path
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start:\n{log.read_text() if log.exists() else ''}")


def answers_health(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    connection.request("GET", "/health")
    return connection.getresponse().status == 200


def answers_ping(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(b"PING\r\n")
        return connection.recv(16).startswith(b"+PONG")


def flask(env: dict[str, str], *args: str, stdin: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        text=True,
        capture_output=True,
    )
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stderr}")


def site_file(
    folder: Path, certificate: Path, key: Path, app_ports: list[int], https_port: int
) -> str:
    """deploy/nginx-site.conf with its @NAME@ values filled in, as an operator would."""
    values = {
        "@APP_SERVERS@": " ".join(f"server 127.0.0.1:{port};" for port in app_ports),
        "@HTTPS_LISTEN@": f"127.0.0.1:{https_port}",
        "@HTTP_LISTEN@": f"127.0.0.1:{free_port()}",
        "@SERVER_NAME@": "127.0.0.1",
        "@PUBLIC_HOST@": f"127.0.0.1:{https_port}",
        "@CERTIFICATE@": str(certificate),
        "@CERTIFICATE_KEY@": str(key),
        "@ACCESS_LOG@": str(folder / "nginx-access.log"),
        "@ERROR_LOG@": str(folder / "nginx-error.log"),
        "@STATIC_ROOT@": str(ROOT / "static"),
    }
    text = (ROOT / "deploy" / "nginx-site.conf").read_text()
    for name, value in values.items():
        text = text.replace(name, value)
    if re.search(r"@[A-Z_]+@", text):
        raise ValueError("a value in the site file was not set")
    return text


def stop(process: subprocess.Popen[bytes], how: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running(
    https_port: int,
    redis_port: int,
    pgport: str,
    settings: dict[str, str],
    staff: dict[str, tuple[str, str, str]],
    keep_logs_in: Path | None = None,
) -> Iterator[Stage]:
    """Start everything, yield the stage, stop everything. `settings` are the app's own
    (exit address, rate limits); `staff` maps a role to (email, name, passphrase), made
    with `flask create-staff` ("manager" is made a manager). The logs are copied to
    `keep_logs_in` at the end for people to read; the certificate and the rest go."""
    folder = Path(tempfile.mkdtemp(prefix="safetyplan-deploy-"))
    certificate, key = make_certificate(folder)
    public_host = f"127.0.0.1:{https_port}"
    with ExitStack() as started:
        started.callback(keep_logs_and_clean_up, folder, keep_logs_in)  # after all has stopped
        pg_folder = tempfile.mkdtemp(prefix="safetyplan-deploy-pg-")  # the script owns it
        pg_env = {**os.environ, "PGPORT": pgport, "PGTESTDIR": pg_folder}
        database_url = subprocess.run(
            [str(ROOT / "scripts" / "test-postgres.sh")],
            env=pg_env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        started.callback(
            subprocess.run, [str(ROOT / "scripts" / "test-postgres.sh"), "stop"], env=pg_env
        )

        redis_log = folder / "redis.log"
        redis = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "",
             "--appendonly", "no", "--dir", str(folder), "--logfile", str(redis_log)],
        )  # fmt: skip
        started.callback(stop, redis)
        wait_until_ready(redis, lambda: answers_ping(redis_port), "redis-server", redis_log)

        # One environment for the deploy step and every instance, as an operator's would be.
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SAFETYPLAN_KEYS": crypto.encode_key(crypto.new_key()),
            "SECRET_KEY": secrets.token_urlsafe(32),
            "SAFETYPLAN_BASE_URL": f"https://{public_host}",
            "SAFETYPLAN_PROXIES": "1",
            "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{redis_port}",
            "SAFETYPLAN_AUTO_MIGRATE": "0",
            **settings,
        }
        flask(env, "db", "upgrade")  # the deploy step: migrations once, before any instance
        for role, (email, name, password) in staff.items():
            manager = ["--manager"] if role == "manager" else []
            flask(env, "create-staff", email, "--name", name, *manager, stdin=password + "\n")

        ports = [free_port() for _ in range(INSTANCES)]
        logs = []
        for number, port in enumerate(ports, start=1):
            access = folder / f"gunicorn-{number}-access.log"
            error = folder / f"gunicorn-{number}.log"
            logs += [access, error]
            instance = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
                env={
                    **env,
                    "SAFETYPLAN_BIND": f"127.0.0.1:{port}",
                    "SAFETYPLAN_WORKERS": str(WORKERS_PER_INSTANCE),
                    "SAFETYPLAN_ACCESS_LOG": str(access),
                    "SAFETYPLAN_ERROR_LOG": str(error),
                },
                cwd=ROOT,
                stdout=started.enter_context(error.open("a")),  # before gunicorn's own log
                stderr=subprocess.STDOUT,
            )
            started.callback(stop, instance)
            wait_until_ready(instance, partial(answers_health, port), "gunicorn", error)

        site = site_file(folder, certificate, key, ports, https_port)
        (folder / "safetyplan-site.conf").write_text(site)
        user = "user root;" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(NGINX_MAIN.format(user=user, folder=folder))
        nginx_error = folder / "nginx-error.log"
        nginx = subprocess.Popen(
            [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-e", str(nginx_error)]
        )
        started.callback(stop, nginx, signal.SIGQUIT)
        logs += [folder / "nginx-access.log", nginx_error]
        stage = Stage(
            folder=folder,
            url=f"https://{public_host}",
            instances=[f"http://127.0.0.1:{port}" for port in ports],
            env=env,
            certificate=certificate,
            logs=logs,
        )
        wait_until_ready(
            nginx, lambda: stage.request("GET", "/health").status == 200, "nginx", nginx_error
        )
        stage.planted.update(password for _, _, password in staff.values())
        stage.planted.update(env[name] for name in ("SAFETYPLAN_KEYS", "SECRET_KEY"))
        yield stage


def keep_logs_and_clean_up(folder: Path, keep_logs_in: Path | None) -> None:
    if keep_logs_in:
        shutil.rmtree(keep_logs_in, ignore_errors=True)
        keep_logs_in.mkdir(parents=True)
        for log in folder.glob("*.log"):
            shutil.copy(log, keep_logs_in / log.name)
    shutil.rmtree(folder)
