"""Tell my worker: something has happened (not for emergencies, which are 999)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext

from ..core import clock, worker_alerts
from ..core.db import utcnow
from ..web import choices
from . import bp
from .access import me, my_change
from .forms import TellWorkerForm


@bp.route("/tell-my-worker", methods=["GET", "POST"])
def tell_worker() -> str:
    form = TellWorkerForm()
    form.kind.choices = choices.from_pairs(worker_alerts.KINDS.items())
    hours = current_app.config["WORKER_HOURS"]
    if form.validate_on_submit():
        if form.kind.data in worker_alerts.KINDS:
            with my_change("told_worker", form.kind.data):
                worker_alerts.tell(
                    me(), form.kind.data, form.message.data or "", utcnow(), clock.today()
                )
            return render_template("young_person/tell_worker_sent.html", hours=hours)
        form.kind.errors.append(gettext("Choose what happened"))
    return render_template("young_person/tell_worker.html", form=form, hours=hours)
