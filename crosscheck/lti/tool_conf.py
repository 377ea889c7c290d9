"""pylti1p3's pluggable parts, backed by our database so every worker and app server sees the same state.

- DatabaseToolConf: registrations and deployments from the lti_platform tables, with the tool's current key.
- DatabaseStorage: nonces, launch data and cached key sets in lti_store (no cookie names a session: the
  launch is a cross-site POST, and a SameSite=Lax session cookie does not come with it).
- DatabaseSessionService: a nonce is consumed by one atomic delete, so a replayed token is refused even when
  two workers receive it at the same moment.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import requests
from pylti1p3.deployment import Deployment
from pylti1p3.launch_data_storage.base import LaunchDataStorage
from pylti1p3.registration import Registration
from pylti1p3.session import SessionService
from pylti1p3.tool_config.abstract import ToolConfAbstract
from sqlalchemy import delete, select

from crosscheck.extensions import db
from crosscheck.lti import keys
from crosscheck.lti.models import LtiPlatform, LtiStore
from crosscheck.timezone import utcnow

HTTP_TIMEOUT_SECONDS = 10
NONCE_SECONDS = 600  # a login must come back as a launch within ten minutes
LAUNCH_SECONDS = 7200  # a teacher has two hours to pick what to place after a deep-linking launch
KEY_SET_SECONDS = 3600  # a platform's key set is fetched again after an hour (or at once for an unknown kid)


class TimeoutSession(requests.Session):
    """requests.Session with a timeout on every call: an unreachable LMS must not hang a worker."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", HTTP_TIMEOUT_SECONDS)
        return super().request(*args, **kwargs)


def key_set_cache_key(url: str) -> str:
    """Where pylti1p3 caches a platform's key set (its own naming, so a stale set can be dropped)."""
    return "key-set-url-" + hashlib.md5(url.encode("utf-8")).hexdigest()


def http_session() -> requests.Session:
    """A session for calls to platforms, named so an LMS's logs can tell who called."""
    session = TimeoutSession()
    session.headers["User-Agent"] = "Crosscheck-LTI"
    return session


def registration_for(platform: LtiPlatform) -> Registration:
    """The platform as pylti1p3 sees it, holding the tool's signing key."""
    key = keys.signing_key()
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_key_set_url(platform.key_set_url)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_auth_audience(platform.auth_audience or None)
        .set_tool_private_key(key.private_pem)
        .set_tool_public_key(key.public_pem)
    )


def platforms_of(issuer: str) -> list[LtiPlatform]:
    """Every registration of an issuer (an LMS may register the tool more than once)."""
    return list(db.session.scalars(select(LtiPlatform).where(LtiPlatform.issuer == issuer)))


def find_platform(issuer: str, client_id: str | None) -> LtiPlatform | None:
    """The registration for (issuer, client id); without a client id, the issuer's only one."""
    candidates = platforms_of(issuer)
    if client_id:
        return next((p for p in candidates if p.client_id == client_id), None)
    return candidates[0] if len(candidates) == 1 else None


class DatabaseToolConf(ToolConfAbstract):
    """Registrations looked up by issuer and client id, as LTI 1.3 allows several clients per issuer."""

    def __init__(self):
        super().__init__()
        self.issuers_relation_types = _ManyClients()

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        """Only used for issuers with one client; ours are looked up by client id too."""
        platform = find_platform(iss, None)
        return registration_for(platform) if platform else None

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        """The registration, or None."""
        platform = find_platform(iss, client_id)
        return registration_for(platform) if platform else None

    def find_deployment(self, iss, deployment_id):
        """Only used for issuers with one client."""
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        """The deployment if the registration lists it."""
        platform = find_platform(iss, client_id)
        if platform is None or deployment_id not in platform.deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)


class _ManyClients(dict):
    """Every issuer may have several client ids (pylti1p3 asks per issuer)."""

    def get(self, key, default=None):
        return "one-issuer-many-client-ids"


class DatabaseStorage(LaunchDataStorage):
    """Values in lti_store with an expiry; keys hold random ids, so they are unguessable and need no session."""

    _session_cookie_name = ""  # no cookie: the launch POST is cross-site and may carry none

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str):
        row = db.session.get(LtiStore, self._prepare_key(key)[:200])
        return row.value if row is not None and row.expires_at > utcnow() else None

    def set_value(self, key: str, value, exp: int | None = None) -> None:
        key = self._prepare_key(key)[:200]
        expires = utcnow() + timedelta(seconds=exp or NONCE_SECONDS)
        row = db.session.get(LtiStore, key)
        if row is None:
            db.session.add(LtiStore(key=key, value=value, expires_at=expires))
        else:
            row.value, row.expires_at = value, expires
        db.session.commit()

    def check_value(self, key: str) -> bool:
        return self.get_value(key) is not None

    def consume(self, key: str) -> bool:
        """Delete the key if present and unexpired; True for exactly one caller."""
        key = self._prepare_key(key)[:200]
        result = db.session.execute(delete(LtiStore).where(LtiStore.key == key, LtiStore.expires_at > utcnow()))
        db.session.commit()
        return result.rowcount == 1


def forget_expired() -> int:
    """Drop expired nonces, launch data and key sets (run on each login: the table stays small)."""
    result = db.session.execute(delete(LtiStore).where(LtiStore.expires_at <= utcnow()))
    db.session.commit()
    return result.rowcount


class DatabaseSessionService(SessionService):
    """pylti1p3's session service on DatabaseStorage; a nonce is good for one launch only."""

    _launch_data_lifetime = LAUNCH_SECONDS

    def __init__(self, request):
        super().__init__(request)
        self.set_data_storage(DatabaseStorage())

    def save_nonce(self, nonce: str) -> None:
        self.data_storage.set_value(self._get_key("nonce", nonce), True, exp=NONCE_SECONDS)

    def check_nonce(self, nonce: str) -> bool:
        return self.data_storage.consume(self._get_key("nonce", nonce))

    def check_state_is_valid(self, state: str, id_token_hash: str) -> bool:
        return False  # the state is checked against its cookie only: a launch is never accepted twice
