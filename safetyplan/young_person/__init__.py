from flask import Blueprint

bp = Blueprint("young_person", __name__, url_prefix="/notes")

# Each module registers its page family's routes on bp.
from . import (  # noqa: E402,F401
    access,
    account,
    meeting,
    plan,
    safe_word,
    sharing,
    tell_worker,
)
