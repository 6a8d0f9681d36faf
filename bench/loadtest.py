"""`make loadtest`: 50 simulated people for 60 s against gunicorn (several workers), on SQLite
and on PostgreSQL, and through the deployed shape ("proxy": nginx over https before two
gunicorn instances sharing PostgreSQL and Redis, from deploy/stage.py). Young people save
sections, workers read caseloads and histories, adults open shares. Afterwards every
acknowledged save must be in the database and decrypt.

Usage: python -m bench.loadtest [seconds] [sqlite|postgresql|proxy ...]"""

from __future__ import annotations

import json
import os
import random
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import ROOT, Browserless, deployed_stage, environment, gunicorn

PG_FOLDER = "/tmp/safetyplan-loadtest-pg"  # noqa: S108 - readable by the postgres user
USERS = 50
YOUNG_PEOPLE = 30
WORKERS = 12
SEED = r"""
import json, sys
from safetyplan import create_app
from safetyplan.core import plan, sharing, workbook
from safetyplan.web.cli import create_staff_account
from safetyplan.web.extensions import db
from safetyplan.core.models import YoungPerson
from safetyplan.core.db import utcnow
from safetyplan.core.passwords import hash_password
from bench.common import full_answers
count = int(sys.argv[1])
app = create_app({"PASSWORD_HASH_PROFILE": "fast"})
out = {"young_people": [], "staff": [], "shares": []}
with app.app_context():
    worker = create_staff_account(
        "load-worker@example.org", "Load Worker", "load worker passphrase", False
    )
    for n in range(count):
        person = YoungPerson(preferred_name=f"Person {n}", worker=worker)
        person.set_username(f"load-{n}")
        person.password_hash = hash_password("load passphrase here", "fast")
        db.session.add(person)
        db.session.commit()
        for section in workbook.SECTIONS[:3]:
            plan.save_section(person, section, full_answers(section), base_version=0, done=False)
        record = f"/staff/young-people/{person.id}"
        out["young_people"].append(
            {"username": f"load-{n}", "staff_pages": [record, record + "/history"]}
        )
        token = sharing.create_share(person, "Auntie", [1, 2, 3], 7, None, utcnow(), "fast")[1]
        db.session.commit()  # core never commits; the seed is its own caller
        out["shares"].append("/s/" + token)
print(json.dumps(out))
"""
CHECK = r"""
import json, sys
from safetyplan import create_app
from safetyplan.web.extensions import db
from safetyplan.core.models import SectionRevision
from sqlalchemy import select
app = create_app({})
acked = json.load(open(sys.argv[1]))
with app.app_context():
    stored = set()
    for revision in db.session.scalars(select(SectionRevision)):
        for value in revision.answers.values():
            if isinstance(value, str) and value.startswith("load "):
                stored.add(value)
missing = [value for value in acked if value not in stored]
print(json.dumps({"acknowledged": len(acked), "missing": len(missing), "examples": missing[:5]}))
"""


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.errors: list[str] = []
        self.acknowledged: list[str] = []
        self.conflicts = 0

    def add(self, status: int, what: str, ok: tuple[int, ...] = (200, 302)) -> None:
        with self.lock:
            self.requests += 1
            if status not in ok:
                self.errors.append(f"{what}: {status}")


@dataclass
class Target:
    """Where the simulated people go, and the environment that reaches its database."""

    url: str
    env: dict[str, str]
    tls: ssl.SSLContext | None = None


def young_person(
    target: Target, username: str, stop: float, tally: Tally, rng: random.Random
) -> None:
    from safetyplan.core import workbook

    client = Browserless(target.url, target.tls)
    client.sign_in("/", {"username": username, "passphrase": "load passphrase here"})
    text_sections = [
        (section.number, spec.name)
        for section in workbook.SECTIONS
        for spec in section.fields[:1]
        if spec.kind in ("short_text", "long_text")
    ]
    n = 0
    while time.monotonic() < stop:
        number, field = rng.choice(text_sections)
        status, html = client.get(f"/notes/{number}")
        tally.add(status, "section page")
        version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
        value = f"load {username} {n}"
        n += 1
        status, _ = client.post(
            f"/notes/{number}",
            {"csrf_token": client.token(html), "version": version, field: value},
        )
        tally.add(status, "save", ok=(302,))
        if status == 302:
            with tally.lock:
                tally.acknowledged.append(value)
        status, _ = client.get("/notes/")
        tally.add(status, "plan home")


def worker(target: Target, pages: list[str], stop: float, tally: Tally, rng: random.Random) -> None:
    client = Browserless(target.url, target.tls)
    client.sign_in(
        "/staff/sign-in", {"email": "load-worker@example.org", "password": "load worker passphrase"}
    )
    while time.monotonic() < stop:
        status, _ = client.get("/staff/")
        tally.add(status, "caseload")
        path = rng.choice(pages)
        status, _ = client.get(path)
        tally.add(status, "history" if path.endswith("/history") else "record")


def adult(target: Target, shares: list[str], stop: float, tally: Tally, rng: random.Random) -> None:
    client = Browserless(target.url, target.tls)
    while time.monotonic() < stop:
        status, _ = client.get(rng.choice(shares))
        tally.add(status, "share")


@contextmanager
def one_instance(database: str, folder: Path) -> Iterator[Target]:
    """gunicorn, 4 workers x 4 threads, over plain http, on SQLite or PostgreSQL."""
    database_url = None
    if database == "postgresql":
        database_url = subprocess.run(
            [str(ROOT / "scripts" / "test-postgres.sh")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PGPORT": "54331", "PGTESTDIR": PG_FOLDER},
        ).stdout.strip()
    env = environment(folder, database_url)
    try:
        # Seeding also migrates a new database, so it comes before gunicorn starts.
        yield Target("", env)
    finally:
        if database == "postgresql":
            subprocess.run(
                [str(ROOT / "scripts" / "test-postgres.sh"), "stop"],
                env={**os.environ, "PGTESTDIR": PG_FOLDER},
                check=False,
            )


@contextmanager
def behind_the_proxy() -> Iterator[Target]:
    """The deployed shape: nginx over https before two instances of two workers."""
    with deployed_stage("LOADTEST", https_port=8444, redis_port=6391, pgport=54356) as stage:
        yield Target(stage.url, stage.env, stage.tls())


def run_script(script: str, env: dict[str, str], *args: str) -> Any:
    """Run a script against the target's database; its last line of output is JSON."""
    output = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def simulate(target: Target, seeded: dict[str, Any], seconds: int) -> Tally:
    tally = Tally()
    stop = time.monotonic() + seconds
    rng = random.Random(7)
    staff_pages = [page for person in seeded["young_people"] for page in person["staff_pages"]]
    threads = []
    for n in range(USERS):
        if n < YOUNG_PEOPLE:
            person, args = young_person, (seeded["young_people"][n]["username"],)
        elif n < YOUNG_PEOPLE + WORKERS:
            person, args = worker, (staff_pages,)
        else:
            person, args = adult, (seeded["shares"],)
        threads.append(
            threading.Thread(
                target=person, args=(target, *args, stop, tally, random.Random(rng.random()))
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def run(database: str, seconds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        if database == "proxy":
            with behind_the_proxy() as target:
                seeded = run_script(SEED, target.env, str(YOUNG_PEOPLE))
                tally = simulate(target, seeded, seconds)
                check = check_saves(target, tally, Path(folder))
        else:
            with one_instance(database, Path(folder)) as target:
                seeded = run_script(SEED, target.env, str(YOUNG_PEOPLE))
                with gunicorn(target.env, workers=4, threads=4) as url:
                    target.url = url
                    tally = simulate(target, seeded, seconds)
                check = check_saves(target, tally, Path(folder))
        return {
            "database": database,
            "seconds": seconds,
            "users": USERS,
            "requests": tally.requests,
            "requests_per_second": tally.requests / seconds,
            "errors": len(tally.errors),
            "error_examples": tally.errors[:5],
            "saves_acknowledged": check["acknowledged"],
            "saves_missing": check["missing"],
        }


def check_saves(target: Target, tally: Tally, folder: Path) -> Any:
    acked = folder / "acked.json"
    acked.write_text(json.dumps(tally.acknowledged))
    return run_script(CHECK, target.env, str(acked))


def main() -> None:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    shapes = sys.argv[2:] or ["sqlite", "postgresql", "proxy"]
    results = [run(shape, seconds) for shape in shapes]
    lines = [
        "# Load test",
        "",
        f"`make loadtest` (python -m bench.loadtest {seconds} {' '.join(shapes)}).",
        f"{USERS} simulated people: {YOUNG_PEOPLE} young people saving sections, "
        f"{WORKERS} workers reading caseloads and records, the rest trusted adults opening shares.",
        "",
        "- sqlite, postgresql: one gunicorn, 4 workers x 4 threads, over http on 127.0.0.1.",
        "- proxy: the deployed shape of `make deploy-test` (deploy/stage.py): nginx terminating",
        "  TLS in front of two gunicorn instances of 2 workers each (deploy/gunicorn.conf.py,",
        "  access logs on), sharing PostgreSQL and Redis; every request goes over https.",
        "",
        "All of it runs on this machine's 2 cores, alongside the simulated people.",
        "Every user comes from one address, so the per-address limits on sign-in and share",
        "links are raised for the run. A save counts as acknowledged when its redirect arrives;",
        "afterwards every stored revision is decrypted and each acknowledged value looked for.",
        "PostgreSQL is the throw-away test server (fsync off), so its figures show correctness",
        "under concurrency, not disk speed.",
        "",
        "| Shape | Seconds | Requests | Requests/s | Errors | Saves acknowledged | Saves lost |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        lines.append(
            f"| {result['database']} | {result['seconds']} | {result['requests']} | "
            f"{result['requests_per_second']:.0f} | {result['errors']} | "
            f"{result['saves_acknowledged']} | {result['saves_missing']} |"
        )
        if result["error_examples"]:
            lines.append(f"\nErrors in {result['database']}: {result['error_examples']}")
    text = "\n".join(lines) + "\n"
    (ROOT / "docs" / "loadtest.md").write_text(text)
    print(text)
    if any(result["errors"] or result["saves_missing"] for result in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
