from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

# Each module registers its page family's routes on bp.
from . import (  # noqa: E402,F401
    accounts,
    audit,
    history,
    meeting_invitations,
    meeting_life,
    meeting_preparation,
    meetings,
    records,
    sessions,
)
