from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

# Each module registers its page family's routes on bp.
from . import (  # noqa: E402,F401
    accounts,
    alerts,
    audit,
    case_record,
    due,
    handover,
    history,
    meeting_invitations,
    meeting_letters,
    meeting_life,
    meeting_outcome,
    meeting_preparation,
    meetings,
    notes,
    records,
    sessions,
    shared_screen,
    trusted_adults,
)
