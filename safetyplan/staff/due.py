"""Due this week, and overdue: meeting preparation, what was decided at meetings held, and
plan reviews across the caseload."""

from __future__ import annotations

from flask import render_template

from ..core import caseload, clock, due_list
from . import bp
from .access import me
from .records import asked_for_worker, worker_filter


@bp.route("/due")
def due_page() -> tuple[str, int]:
    workers = caseload.all_staff() if me().is_manager else []
    worker_id = worker_filter(workers)
    # A worker id in the address that is no member of staff: say so, rather than quietly
    # showing everyone's list as if it were theirs.
    unknown_worker = bool(workers) and worker_id is None and bool(asked_for_worker())
    return render_template(
        "staff/due.html",
        items=[] if unknown_worker else due_list.due_list(me(), clock.today(), worker_id),
        workers=workers,
        worker_id=worker_id,
        unknown_worker=unknown_worker,
    ), 404 if unknown_worker else 200
