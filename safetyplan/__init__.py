"""safetyplan: the application factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    from . import auth, meeting, share, staff, young_person
    from .web import changes, cli, i18n, security, startup, templating
    from .web.extensions import csrf, db, init_limiter, login_manager, migrate
    from .web.sessions import ServerSessionInterface

    test_config = test_config or {}
    app = Flask(
        __name__,
        instance_path=test_config.get("INSTANCE_PATH"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    startup.configure(app, test_config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(startup.MIGRATIONS))
    csrf.init_app(app)
    init_limiter(app)
    login_manager.init_app(app)
    app.session_interface = ServerSessionInterface()
    for blueprint in (auth.bp, young_person.bp, staff.bp, share.bp, meeting.bp):
        app.register_blueprint(blueprint)
    security.register(app)
    changes.register(app)
    cli.register(app)
    templating.register(app)
    i18n.register(app)

    with app.app_context():
        startup.prepare_database(app)
    return app
