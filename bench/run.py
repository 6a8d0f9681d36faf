"""`make bench`: measure, then write docs/benchmarks.md. Figures are from this machine, in
one run, each page as a ratio to a minimal view of the same app measured in the same run."""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.common import (
    ROOT,
    YOUNG_PERSON,
    Browserless,
    deployed_stage,
    environment,
    gunicorn,
    seed,
    worker_memory,
    wrk,
)

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ROUNDS = 3
PAGE_BUDGET = 60 * 1024
PLAN_PAGES = {"Plan home, full plan": "/notes/", "Whole plan, full plan": "/notes/all"}
BARS = {"Plan home, full plan": 0.35, "Whole plan, full plan": 0.25}
CONNECTIONS = (8, 32)
# The profile that explains the figures, written by hand after profiling (see the file).
PROFILE_NOTES = (ROOT / "bench" / "profile.md").read_text().strip()
YOUNG_PERSON_PAGES = [
    "/notes/",
    "/notes/1",
    "/notes/all",
    "/notes/help",
    "/notes/about",
    "/notes/account",
]


def save_cycle_script(folder: Path) -> Path:
    """wrk Lua: each thread (one connection each) loads its own section, then posts it back
    with that version and CSRF token: every POST is a real save of a new revision."""
    from safetyplan.core import workbook

    fields = [
        next(spec.name for spec in section.fields if spec.kind in ("short_text", "long_text"))
        for section in workbook.SECTIONS
        if any(spec.kind in ("short_text", "long_text") for spec in section.fields)
    ]
    numbers = [
        section.number
        for section in workbook.SECTIONS
        if any(spec.kind in ("short_text", "long_text") for spec in section.fields)
    ]
    script = folder / "save_cycle.lua"
    script.write_text(
        "local numbers = {" + ",".join(map(str, numbers)) + "}\n"
        "local fields = {"
        + ",".join(f'"{name}"' for name in fields)
        + "}\n"
        + r"""
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("number", numbers[counter])
  thread:set("field", fields[counter])
end
local version, token, n = nil, nil, 0
request = function()
  local path = "/notes/" .. number
  if version == nil then return wrk.format("GET", path) end
  n = n + 1
  local body = "csrf_token=" .. token .. "&version=" .. version .. "&" .. field .. "=bench+" .. n
  version = nil
  -- Headers given to wrk.format replace wrk.headers (and the -H cookie), so copy them.
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format("POST", path, headers, body)
end
response = function(status, headers, body)
  if status == 200 then
    version = body:match('name="version" type="hidden" value="(%d+)"')
    token = body:match('name="csrf_token" type="hidden" value="([^"]+)"')
  end
end
"""
    )
    return script


def throughput(
    url: str, cookie: str, share_path: str, adult_cookie: str, folder: Path
) -> list[dict[str, Any]]:
    """Each page right after its own baseline run, ROUNDS times; medians, and each round's
    ratio. Timing on a shared virtual machine drifts by tens of per cent over a minute, so
    adjacent pairs compare fairly where one baseline at the start would not."""
    targets = [
        ("Minimal view, signed in (reads the session)", "/health", cookie, None),
        ("About page, signed in: full layout, no plan data", "/notes/about", cookie, None),
        ("Plan home, full plan", "/notes/", cookie, None),
        ("Whole plan, full plan", "/notes/all", cookie, None),
        ("Help now", "/notes/help", cookie, None),
        # A trusted adult's visit: the first request writes a session and counts the visit;
        # the pages they open after it (the same link, reloaded) carry its cookie.
        ("Trusted adult view, first request of a visit", share_path, "", None),
        ("Trusted adult view, later requests of a visit", share_path, adult_cookie, None),
        # Half the requests are the GET that loads the version, half the saves.
        ("Section save (load + save pairs)", "", cookie, save_cycle_script(folder)),
    ]
    return paired_runs(url, [(name, path, c, s, 8) for name, path, c, s in targets])


def paired_runs(
    url: str, targets: list[tuple[str, str, str, Path | None, int]]
) -> list[dict[str, Any]]:
    """(name, path, cookie, wrk script, connections): each straight after /health at the same
    number of connections, ROUNDS times over."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, *_ in targets}
    baselines: list[dict[str, float]] = []
    baseline_cookie = targets[0][2]
    for _ in range(ROUNDS):
        for name, path, with_cookie, script, connections in targets:
            if script:
                connections = 4
            threads = connections if script else 2
            baseline = wrk(
                url + "/health", baseline_cookie, SECONDS, connections=connections, threads=threads
            )
            result = wrk(
                url + path,
                with_cookie,
                seconds=SECONDS,
                connections=connections,
                threads=threads,
                script=script,
            )
            baselines.append(baseline)
            runs[name].append({**result, "ratio": result["rps"] / baseline["rps"]})
    rows = [{"name": "Minimal view (baseline): /health", **_medians(baselines), "ratio": 1.0}]
    rows += [
        {"name": name, **_medians(results), "rounds": [r["ratio"] for r in results]}
        for name, results in runs.items()
    ]
    return rows


def plan_page_latency(url: str, cookie: str) -> list[dict[str, Any]]:
    """The plan pages at 8 and 32 connections (each after /health at the same load)."""
    targets = [
        (f"{name}, {connections} connections", path, cookie, None, connections)
        for connections in CONNECTIONS
        for name, path in PLAN_PAGES.items()
    ]
    return paired_runs(url, targets)[1:]


def _medians(results: list[dict[str, float]]) -> dict[str, float]:
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    medians["non_2xx_3xx"] = sum(r["non_2xx_3xx"] for r in results)
    return medians


def page_weight(url: str, client: Browserless) -> list[dict[str, Any]]:
    rows = []
    for path in YOUNG_PERSON_PAGES:
        _, html = client.get(path)
        # Its own files, the manifest and the service worker, and what the service worker
        # keeps for offline use (the offline page and the files it shares with this one).
        assets = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html))
        assets |= set(re.findall(r'rel="manifest" href="([^"]+)"', html))
        for worker in re.findall(r'data-service-worker="([^"]+)"', html):
            assets.add(worker)
            kept = re.search(r"var KEPT = (\[[^\]]*\]);", client.get(worker)[1])
            assets |= set(json.loads(kept[1]) if kept else [])
        parts = [html.encode()] + [client.get(asset)[1].encode() for asset in sorted(assets)]
        raw = sum(len(part) for part in parts)
        compressed = sum(len(gzip.compress(part)) for part in parts)
        rows.append({"path": path, "raw": raw, "gzip": compressed, "assets": len(assets)})
    return rows


def crypto_cost() -> dict[str, float]:
    script = r"""
import json, timeit, os
from safetyplan import create_app
from safetyplan.core import crypto, plan
from safetyplan.core.models import YoungPerson
from bench.common import YOUNG_PERSON
app = create_app({})
with app.app_context():
    person = YoungPerson.by_username(YOUNG_PERSON[0])
    key = person.data_key()
    aad = crypto.associated_data("t", "c", "r")
    field = "An answer of about sixty characters, like most answers are." .encode()
    sealed = crypto.seal(key, field, aad)
    n = 20000
    seal = timeit.timeit(lambda: crypto.seal(key, field, aad), number=n) / n
    opened = timeit.timeit(lambda: crypto.open_sealed([key], sealed, aad), number=n) / n
    from safetyplan.web.extensions import db
    def full():
        db.session.expire_all()
        return plan.current_plan(person)
    full_plan = min(timeit.repeat(full, number=50, repeat=5)) / 50
    print(json.dumps(
        {"seal_us": seal * 1e6, "open_us": opened * 1e6, "full_plan_ms": full_plan * 1e3}
    ))
"""
    return dict(json.loads(_python(script).strip().splitlines()[-1]))


ENV: dict[str, str] = {}


def _python(script: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", script],
        env=ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def growth() -> list[dict[str, Any]]:
    """Time and queries for history and caseload pages as data grows (bench/growth.py)."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.growth"],
        env=ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return list(json.loads(output.strip().splitlines()[-1]))


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def _latency_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| Page | Requests/s | p50 ms | p99 ms | Errors | Ratio to /health at the same load |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['rps']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['non_2xx_3xx']:.0f} | {row['ratio']:.2f} |"
        )
    return lines


def _memory_lines(workers: list[dict[str, float]]) -> str:
    return "; ".join(
        f"worker {n}: {worker['rss_mb']:.0f} MB resident, {worker['own_mb']:.0f} MB its own"
        for n, worker in enumerate(workers, start=1)
    )


def report(
    rows: list[dict[str, Any]],
    latency: list[dict[str, Any]],
    memory: list[dict[str, float]],
    staged: dict[str, Any],
    weights: list[dict[str, Any]],
    crypto: dict[str, float],
    grown: list[dict[str, Any]],
) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "Reproduce with `make bench` (it writes this file; about twelve minutes).",
        "",
        "## Throughput and latency",
        "",
        "Server: gunicorn, 2 sync workers, SQLite (WAL, synchronous=FULL), production argon2",
        f"settings. Load: wrk on the same 2 cores, 8 connections, {SECONDS} s per run. Each page",
        f"is run straight after its own baseline run, {ROUNDS} times; the table shows medians",
        "(errors are totals) and each round's ratio. Timing on this shared virtual machine",
        "drifts by tens of per cent between minutes, so only the ratios of adjacent runs are",
        "worth comparing.",
        "",
        "| Page | Requests/s | p50 ms | p99 ms | Errors | Ratio to baseline | Each round | Bar |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        bar = ""
        if row["name"] in BARS:
            met = min(row["rounds"]) >= BARS[row["name"]]
            bar = f">= {BARS[row['name']]}: " + ("met" if met else "**not met**")
        rounds = ", ".join(f"{ratio:.2f}" for ratio in row.get("rounds", []))
        lines.append(
            f"| {row['name']} | {row['rps']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['non_2xx_3xx']:.0f} | {row['ratio']:.2f} | {rounds} | {bar} |"
        )
    lines += [
        "",
        "The bars (issue 18) are for the plan pages, decrypting a full plan: all fifteen",
        "sections filled; met means met in every round. The minimal view reads the session and",
        "its account in one query, as every signed-in page does. Save pairs count a GET and a",
        "POST each; every POST writes a new revision and is fsynced before the response, so",
        "saves are bound by the disk. A trusted adult's first request writes a session row and",
        "counts the visit; the later requests of the same visit carry its cookie and count",
        "nothing (wrk keeps no cookies, so the first row is every request a new visit).",
        "",
        "### The plan pages at 8 and 32 connections",
        "",
        *_latency_table(latency),
        "",
        f'Memory after the runs: {_memory_lines(memory)}. "Its own" is the private part',
        "(smaps Private_Clean + Private_Dirty), what one more worker costs.",
        "",
        "### Through the deployment stage",
        "",
        "deploy/stage.py `running(...)`: nginx over https (TLS on every request, a new",
        "upstream connection per request) before two gunicorn instances of two workers each,",
        "PostgreSQL and Redis, all on the same 2 cores as wrk.",
        "",
        *_latency_table(staged["rows"]),
        "",
        f"Memory after the runs: {_memory_lines(staged['memory'])}.",
        "",
        "## Page weight (first load, everything the page needs)",
        "",
        "HTML, CSS, JavaScript (speech included), icon, manifest, the service worker and the",
        "offline page it keeps, as the app serves them (uncompressed; a proxy that gzips would",
        "send the smaller figure). The budget is judged on the bytes as served.",
        "",
        "| Young person's page | Files | Bytes | Gzipped | Budget 60 KB |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in weights:
        status = "met" if row["raw"] <= PAGE_BUDGET else "**not met**"
        lines.append(
            f"| {row['path']} | {row['assets'] + 1} | {row['raw']:,} | {row['gzip']:,} | {status} |"
        )
    lines += [
        "",
        "No web fonts, no request to another origin (the CSP would block one).",
        "",
        "## Encryption cost",
        "",
        f"- Seal one field (AES-256-GCM, ~60 bytes): {crypto['seal_us']:.1f} µs",
        f"- Open one field: {crypto['open_us']:.1f} µs",
        f"- Load and decrypt a full plan (15 sections, one query): {crypto['full_plan_ms']:.2f} ms",
        "",
        "## Cost as work grows",
        "",
        "History and caseload pages through Flask's test client (bench/growth.py). Both show",
        "25 rows at most, so the step from 1 to 100 revisions is the page filling up; after",
        "that the query count and time stay flat (tests/pages/test_query_counts.py asserts",
        "the counts for history, caseload, audit log and the due list with 10 and 10,000 rows).",
        "",
        "| Page | Data | Queries | Median ms |",
        "| --- | --- | ---: | ---: |",
    ]
    for row in grown:
        lines.append(
            f"| {row['page']} | {row['data']} | {row['queries']} | {row['median_ms']:.1f} |"
        )
    lines += ["", PROFILE_NOTES]
    return "\n".join(lines)


def through_stage() -> dict[str, Any]:
    """The plan pages at 8 and 32 connections in the deployed shape (deploy/stage.py):
    nginx over https before two gunicorn instances of two workers, PostgreSQL and Redis."""
    with deployed_stage("BENCH", https_port=8445, redis_port=6392, pgport=54357) as stage:
        seed(stage.env)
        client = Browserless(stage.url, stage.tls())
        client.sign_in("/", {"username": YOUNG_PERSON[0], "passphrase": YOUNG_PERSON[1]})
        rows = plan_page_latency(stage.url, client.cookie_header)
        memory = [
            worker
            for instance in stage.instances
            for worker in worker_memory(int(urlsplit(instance).port or 0))
        ]
    return {"rows": rows, "memory": memory}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ENV.update(environment(Path(folder)))
        seeded = seed(ENV)
        crypto = crypto_cost()
        with gunicorn(ENV, workers=2) as url:
            client = Browserless(url)
            client.sign_in("/", {"username": YOUNG_PERSON[0], "passphrase": YOUNG_PERSON[1]})
            adult = Browserless(url)
            adult.get(seeded["share_path"])
            weights = page_weight(url, client)
            rows = throughput(
                url, client.cookie_header, seeded["share_path"], adult.cookie_header, Path(folder)
            )
            latency = plan_page_latency(url, client.cookie_header)
            memory = worker_memory(int(urlsplit(url).port or 0))
        grown = growth()
    staged = through_stage()
    text = report(rows, latency, memory, staged, weights, crypto, grown)
    (ROOT / "docs" / "benchmarks.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
