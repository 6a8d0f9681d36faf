"""Fail unless every line of every route module ran in some test and the whole package is
at least 95% covered. Reads coverage's JSON report (coverage json -o FILE)."""

from __future__ import annotations

import json
import sys
from pathlib import Path, PurePosixPath

OVERALL_FLOOR = 95.0
ROUTE_PACKAGES = ("auth", "young_person", "staff", "share", "meeting")


def is_route_module(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        len(parts) == 3
        and parts[0] == "safetyplan"
        and parts[1] in ROUTE_PACKAGES
        and parts[2] not in ("__init__.py", "forms.py", "meeting_forms.py")
    )


def main(report_path: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    problems = []
    for path, data in sorted(report["files"].items()):
        missing = data["missing_lines"]
        if is_route_module(path) and missing:
            problems.append(f"{path}: lines {missing} ran in no test")
    overall = report["totals"]["percent_covered"]
    if overall < OVERALL_FLOOR:
        problems.append(f"overall coverage {overall:.1f}% is below {OVERALL_FLOOR}%")
    for problem in problems:
        print(problem)
    print(f"coverage: {overall:.1f}% overall; route modules checked line by line")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
