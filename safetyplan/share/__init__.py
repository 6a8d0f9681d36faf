from flask import Blueprint

bp = Blueprint("share", __name__, url_prefix="/s")

from . import routes  # noqa: E402,F401 - registers the routes on bp
