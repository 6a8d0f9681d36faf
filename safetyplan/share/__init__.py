from flask import Blueprint

bp = Blueprint("share", __name__, url_prefix="/s")

from . import shared_plan  # noqa: E402,F401 - registers the routes on bp
