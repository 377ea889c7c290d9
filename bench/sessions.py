"""Bench clients signed in through the real sign-in form of the running server, before anything is timed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.load.webclient import WebClient

PARALLEL_SIGN_INS = 4


def sign_in(base_url: str, username: str, password: str) -> WebClient:
    """A browser-like client signed in as `username`, holding the CSRF token of the page it landed on."""
    client = WebClient(base_url)
    client.get("/login")
    reply = client.post_form("/login", {"username": username, "password": password})
    if reply.status != 302 or "/login" in reply.location:
        raise RuntimeError(f"{username} could not sign in: {reply.status} {reply.location}")
    landed = client.get(reply.location or "/")
    if landed.status != 200:
        raise RuntimeError(f"{username}'s home page answered {landed.status}")
    return client


def sign_in_all(base_url: str, usernames: list[str], password: str) -> list[WebClient]:
    """Sign several users in, a few at a time (the server has two workers)."""
    with ThreadPoolExecutor(PARALLEL_SIGN_INS) as pool:
        return list(pool.map(lambda name: sign_in(base_url, name, password), usernames))


def cookie_header(client: WebClient) -> str:
    """The client's cookies as one Cookie header value, for wrk."""
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def check_pages(clients_and_paths: list[tuple[WebClient, str]]) -> None:
    """Every page a read benchmark will request answers 200 for its client (no sign-in redirect, no error)."""
    for client, path in clients_and_paths:
        reply = client.get(path)
        if reply.status != 200:
            raise RuntimeError(f"{path} answered {reply.status} {reply.location}: the benchmark would be wrong")
