"""Due this week, and overdue: meeting preparation and plan reviews across the caseload."""

from __future__ import annotations

from flask import render_template

from ..core import caseload, clock, due_list
from . import bp
from .access import me
from .records import worker_filter


@bp.route("/due")
def due_page() -> str:
    workers = caseload.all_staff() if me().is_manager else []
    worker_id = worker_filter(workers)
    return render_template(
        "staff/due.html",
        items=due_list.due_list(me(), clock.today(), worker_id),
        workers=workers,
        worker_id=worker_id,
    )
