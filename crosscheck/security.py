"""Security headers on every response, the proxy settings for running behind a reverse proxy, and the refusal
of NUL characters in requests."""

from __future__ import annotations

from flask import Flask, Response, abort, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix


def content_security_policy(frame_ancestors: str = "") -> str:
    """No inline script or style anywhere (JavaScript lives in static/js/*.js, CSS in static/*.css); framed
    only by the LMS origins named in CROSSCHECK_LTI_FRAME_ANCESTORS, else by nobody."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"frame-ancestors 'self' {frame_ancestors}" if frame_ancestors else "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def register_security(app: Flask) -> None:
    """Trust the proxy's X-Forwarded-* headers only when configured; add the headers to every response."""
    proxies = int(app.config.get("PROXY_FIX", 0) or 0)
    if proxies:
        # Behind nginx: the client's address (sign-in rate limit), https and the public host come from the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies)

    headers = dict(SECURITY_HEADERS)
    ancestors = " ".join(str(app.config.get("LTI_FRAME_ANCESTORS") or "").split())
    if ancestors:  # LMS pages may show Crosscheck in an iframe; X-Frame-Options cannot name them, CSP does
        headers["Content-Security-Policy"] = content_security_policy(ancestors)
        del headers["X-Frame-Options"]
    app.extensions["crosscheck.security_headers"] = headers
    wanted = [(name.lower(), name, value) for name, value in headers.items()]
    app.before_request(refuse_nul_characters)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        """The same strict headers on pages, files and errors alike (a view's own value of one is kept)."""
        # One pass over the few headers a response has, not a search per header: werkzeug's setdefault raises
        # and catches a KeyError for each header missing, the usual case, and this runs on every response.
        present = {name.lower() for name, _ in response.headers.items()}
        response.headers.extend((name, value) for key, name, value in wanted if key not in present)
        # is_anonymous, not is_authenticated: the latter reads is_active, and on a User row (a request that
        # signed someone in) after a commit that reloads the row with one more query. A deactivated user's pages
        # are not cached either.
        if request.endpoint != "static" and not current_user.is_anonymous:
            # A shared classroom computer must not show the last student's pages from its cache.
            response.headers["Cache-Control"] = "no-store"
        return response


def refuse_nul_characters() -> None:
    """A NUL character in the path, the query or a form field is a 400 before any view sees it.

    No field of ours means to hold one, and PostgreSQL refuses NUL in any text value: passed on, it became a
    500 (a sign-in with one in the username, a class name, an invitation). Uploaded files are not looked at.
    """
    fields = (*request.args.items(multi=True), *request.form.items(multi=True))
    if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in fields):
        abort(400, description="The request holds a NUL character, which no field here accepts.")
