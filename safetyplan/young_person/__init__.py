from flask import Blueprint

bp = Blueprint("young_person", __name__, url_prefix="/notes")

from . import meeting_routes, routes, sharing_routes  # noqa: E402,F401 - registers routes on bp
