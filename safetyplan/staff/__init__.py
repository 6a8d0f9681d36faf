from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import meeting_routes, routes  # noqa: E402,F401 - registers the routes on bp
