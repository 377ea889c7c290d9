"""A small HTTP client that behaves like a browser tab: its own cookies, forms with the page's CSRF token.

One connection per request (sync gunicorn workers close them anyway); redirects are not followed, so a test
sees the 302 that acknowledges a form. Secure cookies are kept over plain http: the server under test runs
in production mode on 127.0.0.1, where no proxy adds TLS.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


@dataclass
class Reply:
    """Status, Location header and body of one response."""

    status: int
    location: str
    body: str


class WebClient:
    """One student's browser."""

    def __init__(self, base_url: str, timeout: float = 20):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.statuses: list[int] = []

    def request(self, method: str, path: str, data: dict | None = None) -> Reply:
        """Send one request with this browser's cookies; remember new cookies and the page's CSRF token."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = path.split("#", 1)[0]  # a browser keeps a redirect's #place to itself: it is not part of the request
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "Max-Age=0" not in header:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        if match := TOKEN.search(text):
            self.token = match.group(1)
        self.statuses.append(response.status)
        return Reply(response.status, response.headers.get("Location", ""), text)

    def get(self, path: str) -> Reply:
        """GET a page."""
        return self.request("GET", path)

    def post_form(self, path: str, data: dict | None = None) -> Reply:
        """POST a form with the CSRF token of the last page this browser loaded."""
        return self.request("POST", path, {"csrf_token": self.token, **(data or {})})


class BalancedClient(WebClient):
    """A browser behind a round-robin load balancer without sticky sessions: each request goes to the next server."""

    def __init__(self, base_urls: list[str], timeout: float = 20):
        super().__init__(base_urls[0], timeout)
        self.ports = [urlsplit(url).port for url in base_urls]
        self.sent = 0

    def request(self, method: str, path: str, data: dict | None = None) -> Reply:
        """Send to the next server in turn."""
        self.port = self.ports[self.sent % len(self.ports)]
        self.sent += 1
        return super().request(method, path, data)
