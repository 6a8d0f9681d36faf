"""Due this week, and overdue: meeting preparation, what was decided at meetings held, and
plan reviews across the caseload."""

from __future__ import annotations

from flask import render_template

from ..core import caseload, clock, due_list
from . import bp
from .access import me
from .records import worker_filter


@bp.route("/due")
def due_page() -> tuple[str, int]:
    workers = caseload.all_staff() if me().is_manager else []
    chosen = worker_filter(workers)
    return render_template(
        "staff/due.html",
        items=[] if chosen.unknown else due_list.due_list(me(), clock.today(), chosen.worker_id),
        workers=workers,
        worker_id=chosen.worker_id,
        unknown_worker=chosen.unknown,
    ), 404 if chosen.unknown else 200
