from flask import Blueprint

bp = Blueprint("meeting", __name__, url_prefix="/meeting")

from . import guides  # noqa: E402,F401 - registers the routes on bp
