"""Crosscheck: a media-literacy classroom app. create_app builds the Flask app from small steps."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from crosscheck import config as config_module
from crosscheck.content.catalog import Catalog
from crosscheck.content.sources import ContentFiles
from crosscheck.csrf_tokens import install as install_csrf_tokens
from crosscheck.database import add_engine_defaults, configure_engine
from crosscheck.extensions import csrf, db, login_manager, migrate
from crosscheck.security import register_security
from crosscheck.session_cookie import register_session_cookies
from crosscheck.stamps.remember import register_remembered_pages
from crosscheck.templating import register_templating
from crosscheck.timezone import zone_named
from crosscheck.urls import register_converters
from crosscheck.workspace.live import LiveCatalog

log = logging.getLogger(__name__)


def create_app(config: type | dict | None = None, catalog: Catalog | None = None) -> Flask:
    """Build the app: config, extensions, catalog, blueprints, commands, error pages.

    `catalog` is CONTENT_DIR's content already loaded (the test suite loads each content root once and
    builds hundreds of apps); without it the content is loaded here.
    """
    root = config_module.PROJECT_ROOT
    app = Flask(
        __name__,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
        instance_path=str(root / "instance"),
    )
    register_config(app, config)
    register_session_cookies(app)
    register_extensions(app)
    register_catalog(app, catalog)
    register_remembered_pages(app)
    register_converters(app)
    register_blueprints(app)
    register_commands(app)
    register_error_pages(app)
    register_templating(app)
    register_security(app)
    return app


def register_config(app: Flask, config: type | dict | None) -> None:
    """Load the config class from the environment (or the one given), then overrides."""
    if config is None or isinstance(config, dict):
        app.config.from_object(config_module.config_from_environment())
        app.config.update(config or {})
    else:
        app.config.from_object(config)
    config_module.finish_config(app)
    # A wrong zone name stops the start with its reason, not the first page that shows a due date.
    app.extensions["crosscheck.time_zone"] = zone_named(app.config.get("TIME_ZONE") or "UTC")


def register_extensions(app: Flask) -> None:
    """Bind the database, migrations, sign-in and CSRF protection."""
    add_engine_defaults(app)
    db.init_app(app)
    with app.app_context():
        configure_engine(app, db.engine)
    migrate.init_app(app, db, directory=str(config_module.PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    install_csrf_tokens()  # one serializer per key, each token's signature checked once per worker
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to see that page."
    # The cookie names a session kept in the database (accounts/sessions.py), not a user id.
    login_manager.id_attribute = "get_session_key"
    from crosscheck import models  # noqa: F401  (every table known to Alembic and create_all)
    from crosscheck.accounts.sessions import record_use, user_for_session

    login_manager.user_loader(user_for_session)
    app.teardown_request(record_use)  # a session's time of last use, written at most every few minutes


def register_catalog(app: Flask, catalog: Catalog | None = None) -> None:
    """The shipped content (loaded here unless given); the school's published content joins it on the first page
    that needs it. Broken files are logged and skipped, the rest is served."""
    root = Path(app.config["CONTENT_DIR"])
    known = {}
    if catalog is None:
        from crosscheck.id_record.loading import build_recorded_catalog  # reads and writes tables

        with app.app_context():  # an id two files give stays with the file answered or recorded before
            catalog, known = build_recorded_catalog(ContentFiles.from_root(root))
    elif catalog.root is None or catalog.root.resolve() != root.resolve():
        raise ValueError(f"the catalog given was loaded from {catalog.root}, not from CONTENT_DIR {root}")
    live = LiveCatalog(root, app.config.get("CONTENT_POLL_SECONDS"), catalog, known)
    for path, problem in live.served.catalog.broken_files().items():
        log.warning("content file %s skipped: %s", path, problem)
    app.extensions["crosscheck.live"] = live
    app.extensions["crosscheck.catalog"] = live.served.catalog


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature."""
    from crosscheck.blueprints import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def register_commands(app: Flask) -> None:
    """Flask CLI commands: init-db, demo, content check, users."""
    from crosscheck.cli import register

    register(app)


def register_error_pages(app: Flask) -> None:
    """Every HTTP error in the site's layout; never a traceback."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_template("errors/error.html", error=error), error.code

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        log.exception("unhandled error")
        db.session.rollback()
        return render_template("errors/error.html", error=None), 500
