"""Kill -9 a process in the middle of saving, 20 times: the SQLite database must stay intact
and every save that was acknowledged must be there and decrypt."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from safetyplan.core.models import SectionRevision
from safetyplan.web.extensions import db

from ..conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="SQLite durability test"),
]


def run_until_killed(folder: Path, start: int, rng: random.Random) -> list[int]:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.web.crash_writer", str(folder), str(start)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout
    acknowledged: list[int] = []
    first = writer.stdout.readline()  # wait until it is saving
    assert first.startswith("ACK"), first
    acknowledged.append(int(first.split()[1]))
    deadline = time.monotonic() + rng.uniform(0.05, 0.6)
    os.set_blocking(writer.stdout.fileno(), False)
    while time.monotonic() < deadline:
        for line in writer.stdout.readlines():
            acknowledged.append(int(line.split()[1]))
        time.sleep(0.005)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    os.set_blocking(writer.stdout.fileno(), True)
    acknowledged += [
        int(line.split()[1]) for line in writer.stdout.readlines() if line.startswith("ACK")
    ]
    return acknowledged


def test_acknowledged_saves_survive_kill_9(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    acknowledged: list[int] = []
    for round_number in range(20):
        acknowledged += run_until_killed(tmp_path, round_number * 100_000, rng)
        app = make_app(tmp_path)
        with app.app_context():
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            saved = {
                revision.answers["code_word"]
                for revision in db.session.scalars(select(SectionRevision))
            }
            missing = [n for n in acknowledged if f"word {n}" not in saved]
            assert missing == [], f"round {round_number}: acknowledged saves lost: {missing[:5]}"
            db.engine.dispose()
    assert len(acknowledged) > 40
