"""OIDC login initiation and launch verification on pylti1p3, with one plain reason for every refusal.

The launch is verified in this order, and nothing is written before the last step passes: state (the cookie
set at login), token format, registration (issuer, then client id = audience), signature and times against the
platform's key set, deployment, message claims, and last the nonce, consumed once (a replayed token fails).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import jwt
from pylti1p3.contrib.flask import FlaskMessageLaunch, FlaskOIDCLogin, FlaskRequest
from pylti1p3.exception import LtiException

from crosscheck.lti.tool_conf import (
    KEY_SET_SECONDS,
    DatabaseSessionService,
    DatabaseStorage,
    DatabaseToolConf,
    find_platform,
    http_session,
    key_set_cache_key,
    platforms_of,
)

log = logging.getLogger(__name__)
CLOCK_SKEW_SECONDS = 60  # an LMS clock a minute off must not refuse every launch
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"


@dataclass
class LaunchError(Exception):
    """A refused login or launch: a code for logs and tests, a message for the person, an HTTP status."""

    code: str
    message: str
    status: int = 400
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


MESSAGES = {
    "state": "This launch did not start in this browser, or it took too long. Open Crosscheck from your LMS again.",
    "format": "The LMS sent a launch Crosscheck cannot read.",
    "unknown_issuer": "This LMS is not registered with Crosscheck. Ask your Crosscheck administrator to register it.",
    "unknown_client": "This LMS registration (client id) is not known to Crosscheck. Ask your administrator to add it.",
    "audience": "The launch was meant for another tool (its audience is not this registration's client id).",
    "signature": "The launch's signature does not match the LMS's keys, so it was refused.",
    "expired": "The launch has expired. Open Crosscheck from your LMS again.",
    "key_set": "Crosscheck could not fetch the LMS's key set to check the launch. Nothing was changed; try again in "
    "a minute. If it keeps failing, your administrator should check the platform's key set URL.",
    "unknown_deployment": "This LMS deployment of Crosscheck is not registered. Ask your administrator to add its "
    "deployment id.",
    "message": "The launch is missing information Crosscheck needs.",
    "role": "The LMS sent no role for you, so Crosscheck cannot tell whether you teach or learn.",
    "replayed": "This launch was already used. Open Crosscheck from your LMS again.",
}


def refuse(code: str, detail: str = "", status: int = 400) -> LaunchError:
    """The error for `code`, with the technical detail kept for the log."""
    return LaunchError(code, MESSAGES[code], 503 if code == "key_set" else status, detail)


def tool_request() -> FlaskRequest:
    """The current Flask request as pylti1p3 reads it."""
    return FlaskRequest()


def login_redirect(launch_url: str):
    """Answer an OIDC login initiation: remember a nonce, set the state cookie, send the browser to the platform."""
    request = tool_request()
    session = DatabaseSessionService(request)
    login = FlaskOIDCLogin(request, DatabaseToolConf(), session_service=session, launch_data_storage=DatabaseStorage())
    issuer = request.get_param("iss")
    if not issuer or not request.get_param("login_hint"):
        raise refuse("format", "login initiation without iss or login_hint")
    if not platforms_of(issuer):
        raise refuse("unknown_issuer", f"iss={issuer!r}")
    if find_platform(issuer, request.get_param("client_id")) is None:
        raise refuse("unknown_client", f"iss={issuer!r} client_id={request.get_param('client_id')!r}")
    try:
        return login.redirect(launch_url)
    except LtiException as exc:
        raise refuse("format", str(exc)) from exc


class VerifiedLaunch(FlaskMessageLaunch):
    """pylti1p3's launch with our order of checks, an audience check and a reason for each refusal."""

    def __init__(self, request):
        super().__init__(
            request,
            DatabaseToolConf(),
            session_service=DatabaseSessionService(request),
            launch_data_storage=DatabaseStorage(),
            requests_session=http_session(),
        )
        self.set_public_key_caching(DatabaseStorage(), cache_lifetime=KEY_SET_SECONDS)
        self.platform = None

    def validate(self):
        """Every check, in order; raises LaunchError. Only the nonce step writes (it deletes the nonce)."""
        self._validated = True
        try:
            self._step("state", self.validate_state)
            self._step("format", self.validate_jwt_format)
            self._check_registration()
            self._check_signature()
            self._step("unknown_deployment", self.validate_deployment)
            roles_given = CLAIM + "roles" in self._jwt.get("body", {})
            self._step("message" if roles_given else "role", self.validate_message)
            self._step("replayed", self.validate_nonce)
            self.save_launch_data()
        except Exception:
            self._validated = False
            raise
        return self

    def _step(self, code: str, check) -> None:
        """Run one pylti1p3 check; its exception becomes our reason."""
        try:
            check()
        except LaunchError:
            raise
        except LtiException as exc:
            raise refuse(code, str(exc)) from exc

    def _check_registration(self) -> None:
        """Issuer known, then the client id (the token's audience) registered for it."""
        body = self._jwt.get("body", {})
        issuer, client_id = body.get("iss"), self.get_client_id()
        if not issuer or not platforms_of(issuer):
            raise refuse("unknown_issuer", f"iss={issuer!r}")
        self.platform = find_platform(issuer, client_id)
        if self.platform is None:
            raise refuse("unknown_client", f"iss={issuer!r} aud={body.get('aud')!r}")
        self._step("unknown_client", self.validate_registration)

    def _check_signature(self) -> None:
        """Signature, expiry, issued-at and audience (with azp when there are several), by PyJWT."""
        try:
            public_key, algorithm = self._public_key()
        except LtiException as exc:
            raise refuse("key_set" if "fetch" in str(exc) else "signature", str(exc)) from exc
        except (KeyError, TypeError, AttributeError) as exc:  # JSON, but not a key set
            raise refuse("key_set", f"the key set has no keys: {exc!r}") from exc
        try:
            body = jwt.decode(
                self._get_id_token(),
                public_key,
                algorithms=[algorithm],
                audience=self.platform.client_id,
                issuer=self.platform.issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise refuse("expired", str(exc)) from exc
        except jwt.InvalidAudienceError as exc:
            raise refuse("audience", str(exc)) from exc
        except jwt.InvalidTokenError as exc:
            raise refuse("signature", f"{type(exc).__name__}: {exc}") from exc
        audiences = body["aud"] if isinstance(body["aud"], list) else [body["aud"]]
        if len(audiences) > 1 and body.get("azp") != self.platform.client_id:
            raise refuse("audience", f"several audiences and azp={body.get('azp')!r}")

    def _public_key(self):
        """The platform's key for the token's kid; a kid missing from a cached set fetches the set again."""
        try:
            return self.get_public_key()
        except LtiException as exc:
            if "Unable to find public key" not in str(exc):
                raise
        # The platform may have rotated its keys since the set was cached: forget it and fetch once more.
        DatabaseStorage().consume(key_set_cache_key(self.platform.key_set_url))
        self._registration.set_key_set(None)
        return self.get_public_key()

    def claims(self) -> dict:
        """The verified token's body."""
        return self.get_launch_data()


def verify_launch() -> VerifiedLaunch:
    """Verify the launch POST in the current request; raises LaunchError with the reason."""
    launch = VerifiedLaunch(tool_request())
    launch.validate()
    return launch


def log_refusal(error: LaunchError, request_form) -> None:
    """One warning line per refused login or launch, with what the LMS claimed (never the token itself)."""
    log.warning(
        "LTI launch refused: %s (%s) iss=%r client_id=%r deployment=%r",
        error.code,
        error.detail,
        request_form.get("iss"),
        request_form.get("client_id"),
        request_form.get("lti_deployment_id"),
    )
