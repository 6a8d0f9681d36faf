from flask import Blueprint

bp = Blueprint("young_person", __name__, url_prefix="/notes")

# Each module registers its page family's routes on bp.
from . import access, account, meeting, plan, sharing, tell_worker  # noqa: E402,F401
