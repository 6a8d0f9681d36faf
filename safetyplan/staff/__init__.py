from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

# Each module registers its page family's routes on bp.
from . import accounts, audit, handover, history, meetings, records, sessions  # noqa: E402,F401
