"""Configuration from the environment: development default, testing and production."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Config:
    """Development defaults: SQLite under instance/, demo-friendly, CSRF and rate limits on."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    CONTENT_DIR = os.environ.get("CROSSCHECK_CONTENT_DIR", str(PROJECT_ROOT))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session: a slow reader must not lose a form
    # The sign-in throttle (accounts/throttle.py): failures allowed per username and place before each further
    # attempt waits (1 minute, doubling to an hour), and how long a failure is remembered.
    LOGIN_MAX_FAILURES = int(os.environ.get("CROSSCHECK_LOGIN_MAX_FAILURES", "5"))
    LOGIN_WINDOW_SECONDS = int(os.environ.get("CROSSCHECK_LOGIN_WINDOW_SECONDS", "86400"))
    # Per address, for browsers that know no account: a school behind one NAT address shares it; raise it there.
    LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("CROSSCHECK_LOGIN_ADDRESS_MAX_FAILURES", "50"))
    # Failed sign-ups (wrong join code, taken username) allowed per address before each further one waits.
    SIGNUP_MAX_FAILURES = int(os.environ.get("CROSSCHECK_SIGNUP_MAX_FAILURES", "20"))
    MAX_CONTENT_LENGTH = 1024 * 1024
    # A signed-in session ends this long after sign-in, whatever else happens (a school day and the evening).
    SESSION_LIFETIME_HOURS = float(os.environ.get("CROSSCHECK_SESSION_HOURS", "12"))
    # ... and sooner, this long after its last request: a classroom computer left signed in does not stay so.
    SESSION_IDLE_MINUTES = float(os.environ.get("CROSSCHECK_SESSION_IDLE_MINUTES", "60"))
    PASSWORD_HASH_METHOD = os.environ.get("CROSSCHECK_PASSWORD_HASH", "scrypt")  # a werkzeug method string
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("CROSSCHECK_SQLITE_BUSY_TIMEOUT_MS", "10000"))  # a writer waits 10 s
    TIME_ZONE = os.environ.get("CROSSCHECK_TIME_ZONE", "UTC")  # the school's: due dates end at midnight there
    # LMS origins allowed to show Crosscheck in an iframe (space-separated, e.g. "https://moodle.school.org").
    # Set, it also makes the session cookie SameSite=None; Secure; Partitioned, so it needs HTTPS. docs/lti.md
    LTI_FRAME_ANCESTORS = os.environ.get("CROSSCHECK_LTI_FRAME_ANCESTORS", "")
    PROXY_FIX = int(os.environ.get("CROSSCHECK_PROXY_FIX", "0"))  # number of reverse proxies in front; 0 = none
    # How often a worker asks the database whether the school's published content changed (one cheap read).
    CONTENT_POLL_SECONDS = float(os.environ.get("CROSSCHECK_CONTENT_POLL_SECONDS", "1"))
    # Built pages each worker keeps while nothing they were built from changed (crosscheck/stamps; 0: none):
    # class reports (tens of KB each), student dashboards (a few KB each) and staff's drill-downs of one student
    # (up to a few hundred KB each: every attempt and answer).
    REMEMBERED_REPORTS = int(os.environ.get("CROSSCHECK_REMEMBERED_REPORTS", "64"))
    REMEMBERED_DASHBOARDS = int(os.environ.get("CROSSCHECK_REMEMBERED_DASHBOARDS", "512"))
    REMEMBERED_DRILL_DOWNS = int(os.environ.get("CROSSCHECK_REMEMBERED_DRILL_DOWNS", "32"))


class TestingConfig(Config):
    """Tests: same security settings, a database chosen by the fixture, content from the repository."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # still a salted hash, just cheap enough for hundreds of tests
    # Only this app's own publishes refresh its catalog, so query-counting tests count the same statements every
    # time; tests of several processes set a poll interval.
    CONTENT_POLL_SECONDS = None


class ProductionConfig(Config):
    """Production: refuses to start without SECRET_KEY and DATABASE_URL; cookies only over HTTPS."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {"development": Config, "testing": TestingConfig, "production": ProductionConfig}


def config_from_environment() -> type[Config]:
    """The config class named by CROSSCHECK_ENV (development when unset)."""
    name = os.environ.get("CROSSCHECK_ENV", "development").strip().lower()
    if name not in CONFIGS:
        raise RuntimeError(f"CROSSCHECK_ENV={name!r}: use one of {', '.join(CONFIGS)}")
    return CONFIGS[name]


def finish_config(app) -> None:
    """Fill in what depends on the instance folder; refuse an unsafe production start."""
    if app.config.get("LTI_FRAME_ANCESTORS"):
        # Inside an LMS iframe the session cookie is a third-party cookie: only SameSite=None (which needs
        # Secure) is sent there, and Partitioned keeps it working where browsers block other third-party cookies.
        app.config.update(SESSION_COOKIE_SAMESITE="None", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_PARTITIONED=True)
    instance = Path(app.instance_path)
    production = app.config.get("ENV_NAME") == "production"
    if not app.config.get("SECRET_KEY"):
        if production:
            raise RuntimeError("SECRET_KEY is not set: production refuses to start without one")
        app.config["SECRET_KEY"] = _instance_secret(instance)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        if production:
            raise RuntimeError("DATABASE_URL is not set: production refuses to guess a database")
        instance.mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'crosscheck.db'}"


def _instance_secret(instance: Path) -> str:
    """A secret generated once into instance/secret_key, so sessions survive restarts in development."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
