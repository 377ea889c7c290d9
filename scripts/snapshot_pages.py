"""Save every page the app shows each kind of user, and compare two such snapshots white space aside.

    .venv/bin/python scripts/snapshot_pages.py take OUT [--source TREE] [--max-pages 400] [--time-zone UTC]
    .venv/bin/python scripts/snapshot_pages.py compare BEFORE AFTER [--show 5]

`take` builds the app of the source tree TREE (default: this checkout) twice on fresh SQLite databases: once
with the demo classroom (`flask init-db`, `flask demo`, plus a student in no class made with `flask users
create`) and once with a small bench school (bench/generate.py: five classes, a few students who changed
class). For every user of the demo and a chosen few of the school (admin, teachers in and out of the report
class, students in it, moved out of another class and in another class) and for an anonymous visitor, it
signs in on its own copy of the database and saves every page reachable from "/" and from the first question
of each attempt it has open (only a POST leads there) by links (GET only, same site, breadth first in sorted
order, at most --max-pages a user), redirects and CSV downloads included.

Runs are deterministic rather than filtered: the clock is frozen at FROZEN_AT (time-machine), the random
numbers the app draws through `secrets` (attempt seeds, password salts) come from a seeded generator, and
Python's string hashing is fixed (PYTHONHASHSEED=0). The only values replaced in the saved pages are the CSRF
token (random per session by design) and the id of an LTI signing key (the key comes from OpenSSL, which
takes no seed). `compare` reports pages present in one snapshot only, statuses or
redirects that differ, and pages whose text differs once white space is normalised; it exits 1 on any.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import secrets
import sqlite3
import subprocess
import sys
import tempfile
from collections import deque
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

REPO = Path(__file__).resolve().parent.parent
FROZEN_AT = datetime(2026, 3, 4, 10, 15, tzinfo=UTC)  # a Wednesday morning: due dates fall on both sides
SEED = 11
LONER = ("nadia", "Nadia Roy", "snapshot-password")  # a student who signed up to no class
SKIPPED_PREFIXES = ("/static/",)
INDEX = "index.tsv"
CSRF_INPUT = re.compile(r"<input\b[^>]*\bcsrf_token\b[^>]*>")
CSRF_META = re.compile(r'(<meta name="csrf-token" content=")[^"]*(")')
VALUE = re.compile(r'\bvalue="[^"]*"')
# An LTI signing key's id (its RFC 7638 thumbprint: 43 base64url characters) as the LTI admin page shows it.
KEY_ID = re.compile(r"<code>[A-Za-z0-9_-]{43}</code>")


# ----- saving ---------------------------------------------------------------------------------------------


def mask_volatile(text: str) -> str:
    """The page with its CSRF tokens (random per session) and LTI key ids (of keys OpenSSL made) replaced."""
    text = CSRF_INPUT.sub(lambda m: VALUE.sub('value="CSRF"', m.group(0)), text)
    text = KEY_ID.sub("<code>KEY-ID</code>", text)
    return CSRF_META.sub(r"\1CSRF\2", text)


class _LinkParser(HTMLParser):
    """Collects the href of every <a> in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def same_site_links(page_url: str, html: str) -> list[str]:
    """The same-site addresses a page links to (path and query, no fragment), sorted, static files left out."""
    parser = _LinkParser()
    parser.feed(html)
    found = set()
    for href in parser.hrefs:
        url = local_url(urljoin("http://localhost" + page_url, href))
        if url is not None:
            found.add(url)
    return sorted(found)


def local_url(absolute: str) -> str | None:
    """Path and query of an address on this site, or None for another site, a mailto: or a static file."""
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.hostname not in ("localhost", None):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Content types saved as text (white space normalised when compared); any other body is saved and compared as bytes.
TEXT_TYPES = {"csv": ".csv", "html": ".html", "xml": ".xml", "json": ".json", "text/": ".txt"}


def is_text(content_type: str) -> bool:
    """True for pages, CSV, XML, JSON and plain text; False for downloads such as a zip package."""
    return any(key in content_type for key in TEXT_TYPES)


def file_name(url: str, content_type: str) -> str:
    """A flat, readable file name for an address."""
    suffix = next((s for key, s in TEXT_TYPES.items() if key in content_type), ".bin")
    suffix = ".zip" if "zip" in content_type else suffix
    name = quote(url.lstrip("/") or "index", safe="")
    return name[:200] + suffix


def crawl(client, starts: list[str], folder: Path, max_pages: int) -> int:
    """Save every page reachable from `starts` by links and redirects; returns how many were saved."""
    folder.mkdir(parents=True)
    queue, seen, rows = deque(starts), set(starts), []
    while queue and len(rows) < max_pages:
        url = queue.popleft()
        response = client.get(url)
        content_type = response.headers.get("Content-Type", "")
        location = response.headers.get("Location", "")
        name = file_name(url, content_type)
        text = ""
        if is_text(content_type):
            text = mask_volatile(response.get_data(as_text=True))
            (folder / name).write_text(text, encoding="utf-8")
        else:
            (folder / name).write_bytes(response.get_data())
        disposition = response.headers.get("Content-Disposition", "")
        rows.append("\t".join([url, str(response.status_code), content_type, location, disposition, name]))
        targets = []
        if location:
            target = local_url(urljoin("http://localhost" + url, location))
            targets = [target] if target else []
        elif "html" in content_type:
            targets = same_site_links(url, text)
        for target in targets:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    (folder / INDEX).write_text("url\tstatus\ttype\tlocation\tdisposition\tfile\n" + "\n".join(rows) + "\n")
    return len(rows)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="csrf_token"', html)
    if not match:
        raise SystemExit("snapshot: no CSRF token on the sign-in page")
    return match.group(1) or match.group(2)


def sign_in(client, username: str, password: str) -> None:
    """Sign in through the sign-in form, as a browser would."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": token})
    if response.status_code != 302:
        raise SystemExit(f"snapshot: signing in as {username} failed (status {response.status_code})")


# ----- the two schools ------------------------------------------------------------------------------------


class Seeded:
    """The app's draws from `secrets` come from one seeded generator while this is active."""

    NAMES = ("randbelow", "choice", "token_hex", "token_urlsafe")

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)

    def __enter__(self) -> Seeded:
        self.saved = {name: getattr(secrets, name) for name in self.NAMES}
        secrets.randbelow = lambda n: self.rng.randrange(n)
        secrets.choice = self.rng.choice
        secrets.token_hex = lambda n=32: self.rng.randbytes(n).hex()
        secrets.token_urlsafe = lambda n=32: self.rng.randbytes(n).hex()
        return self

    def __exit__(self, *_exc) -> None:
        for name, function in self.saved.items():
            setattr(secrets, name, function)


def _config(path: Path, time_zone: str) -> dict:
    """The app's settings for one snapshot database."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
        "SECRET_KEY": "snapshot-secret",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "TIME_ZONE": time_zone,
    }


def _run_cli(app, args: list[str], stdin: str | None = None) -> None:
    """A flask command on the app; stops the snapshot when it fails."""
    result = app.test_cli_runner().invoke(args=args, input=stdin)
    if result.exit_code != 0:
        raise SystemExit(f"snapshot: flask {' '.join(args)} failed:\n{result.output}{result.exception or ''}")


def build_demo(path: Path, time_zone: str) -> list[tuple[str, str, str]]:
    """The demo classroom and a student in no class; returns (folder, username, password) for every user."""
    from crosscheck import create_app
    from crosscheck.demo import DEMO_PASSWORD

    app = create_app(_config(path, time_zone))
    _run_cli(app, ["init-db"])
    _run_cli(app, ["demo"])
    username, name, password = LONER
    _run_cli(app, ["users", "create", username, "--role", "student", "--name", name], f"{password}\n{password}\n")
    _dispose(app)
    with sqlite3.connect(path) as con:
        users = con.execute('SELECT username, role FROM "user" ORDER BY id').fetchall()
    return [(f"{role}-{user}", user, password if user == username else DEMO_PASSWORD) for user, role in users]


def build_bench_school(path: Path) -> list[tuple[str, str, str]]:
    """A small generated school; returns (folder, username, password) for a user of each kind."""
    from bench.generate import generate
    from bench.school import PASSWORD, SchoolSize

    size = SchoolSize(students=30, classes=5, report_class=8, moved_share=0.2)
    generate(f"sqlite:///{path}", size, seed=3, now=FROZEN_AT.replace(tzinfo=None))
    picks = {
        "admin": """SELECT username FROM "user" WHERE role = 'admin' ORDER BY id LIMIT 1""",
        "teacher-report-class": """SELECT u.username FROM class_teacher ct JOIN "user" u ON u.id = ct.user_id
            WHERE ct.classroom_id = 1 ORDER BY u.id LIMIT 1""",
        "teacher-other-class": """SELECT username FROM "user" WHERE role = 'teacher' AND id NOT IN
            (SELECT user_id FROM class_teacher WHERE classroom_id = 1) ORDER BY id LIMIT 1""",
        "student-report-class": """SELECT u.username FROM enrollment e JOIN "user" u ON u.id = e.student_id
            WHERE e.classroom_id = 1 AND e.removed_at IS NULL ORDER BY u.id LIMIT 1""",
        "student-moved": """SELECT u.username FROM enrollment e JOIN "user" u ON u.id = e.student_id
            WHERE e.removed_at IS NOT NULL ORDER BY u.id LIMIT 1""",
        "student-other-class": """SELECT u.username FROM enrollment e JOIN "user" u ON u.id = e.student_id
            WHERE e.classroom_id = (SELECT max(id) FROM classroom) AND e.removed_at IS NULL
            ORDER BY u.id DESC LIMIT 1""",
    }
    people = []
    with sqlite3.connect(path) as con:
        for kind, sql in picks.items():
            row = con.execute(sql).fetchone()
            if row:
                people.append((f"{kind}-{row[0]}", row[0], PASSWORD))
    return people


def _dispose(app) -> None:
    """Close the app's database connections (the file is copied next)."""
    from crosscheck.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def open_attempt_pages(database: Path, username: str) -> list[str]:
    """The first question of each attempt the user has open: only a POST leads there, its links do the rest."""
    sql = """SELECT a.id FROM attempt a JOIN "user" u ON u.id = a.user_id
        WHERE u.username = ? AND a.submitted_at IS NULL ORDER BY a.id"""
    with sqlite3.connect(database) as con:
        return [f"/quizzes/attempts/{attempt_id}/items/1" for (attempt_id,) in con.execute(sql, (username,))]


def snapshot_school(name: str, database: Path, people, out: Path, max_pages: int, time_zone: str) -> dict:
    """Each person (and an anonymous visitor) crawls a copy of the school's database of their own."""
    from crosscheck import create_app

    counts = {}
    for folder, username, password in [("anonymous", None, None), *people]:
        copy = database.with_name(f"{name}-{folder}.db")
        with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        with Seeded(f"{SEED}:{name}:{folder}"):
            app = create_app(_config(copy, time_zone))
            client = app.test_client()
            starts = ["/"]
            if username:
                sign_in(client, username, password)
                starts += open_attempt_pages(copy, username)
            else:
                starts += ["/login", "/signup"]
            counts[folder] = crawl(client, starts, out / name / folder, max_pages)
            _dispose(app)
        print(f"  {name}/{folder}: {counts[folder]} pages", flush=True)
    return counts


def take(out: Path, max_pages: int, time_zone: str, schools: list[str]) -> None:
    """Build each school and save its pages (runs inside the source tree's interpreter setup)."""
    import time_machine

    import crosscheck

    print(f"snapshot of {Path(crosscheck.__file__).resolve().parent.parent} at {FROZEN_AT:%Y-%m-%d %H:%M} UTC")
    out.mkdir(parents=True)
    meta = {"frozen_at": FROZEN_AT.isoformat(), "time_zone": time_zone, "max_pages": max_pages, "pages": {}}
    with tempfile.TemporaryDirectory() as work, time_machine.travel(FROZEN_AT, tick=False):
        for school in schools:
            database = Path(work) / f"{school}.db"
            with Seeded(f"{SEED}:{school}"):
                people = build_demo(database, time_zone) if school == "demo" else build_bench_school(database)
            meta["pages"][school] = snapshot_school(school, database, people, out, max_pages, time_zone)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def relaunch(args: argparse.Namespace) -> int:
    """Run `take` again in a child whose imports come from the source tree, with fixed string hashing."""
    source = Path(args.source).resolve()
    out = Path(args.out).resolve()
    if out.exists():
        raise SystemExit(f"snapshot: {out} exists; give a new folder")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CROSSCHECK_", "DATABASE_URL", "FLASK_"))}
    env.update(PYTHONHASHSEED="0", PYTHONPATH=str(source), SNAPSHOT_CHILD="1", CROSSCHECK_ENV="development")
    command = [sys.executable, str(Path(__file__).resolve()), "take", str(out), "--source", str(source)]
    command += ["--max-pages", str(args.max_pages), "--time-zone", args.time_zone, "--schools", *args.schools]
    return subprocess.run(command, cwd=source, env=env).returncode


# ----- comparing ------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """The text with white space runs made one space and white space beside tags removed."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ?([<>]) ?", r"\1", text).strip()


def read_index(folder: Path) -> dict[str, dict[str, str]]:
    """url -> its row of a user's index.tsv."""
    lines = (folder / INDEX).read_text().splitlines()
    header = lines[0].split("\t")
    return {row.split("\t")[0]: dict(zip(header, row.split("\t"), strict=True)) for row in lines[1:] if row}


def compare(before: Path, after: Path, show: int) -> list[str]:
    """Every difference between two snapshots, one line each; the first `show` with a diff of the text."""
    differences, shown = [], 0
    users = sorted({p.parent.relative_to(root) for root in (before, after) for p in root.glob(f"*/*/{INDEX}")})
    for user in users:
        old = read_index(before / user) if (before / user / INDEX).exists() else {}
        new = read_index(after / user) if (after / user / INDEX).exists() else {}
        for url in sorted(old.keys() | new.keys()):
            where = f"{user} {url}"
            if url not in new or url not in old:
                differences.append(f"{where}: only in {'before' if url in old else 'after'}")
                continue
            a, b = old[url], new[url]
            meta_a = (a["status"], a["type"], a["location"], a["disposition"])
            meta_b = (b["status"], b["type"], b["location"], b["disposition"])
            if meta_a != meta_b:
                differences.append(f"{where}: {' '.join(meta_a)} -> {' '.join(meta_b)}")
                continue
            if not is_text(a["type"]):
                if (before / user / a["file"]).read_bytes() != (after / user / b["file"]).read_bytes():
                    differences.append(f"{where}: the download differs (compared byte for byte)")
                continue
            text_a = normalise((before / user / a["file"]).read_text(encoding="utf-8"))
            text_b = normalise((after / user / b["file"]).read_text(encoding="utf-8"))
            if text_a != text_b:
                differences.append(f"{where}: the page differs")
                if shown < show:
                    shown += 1
                    differences.extend("    " + line for line in text_diff(text_a, text_b))
    return differences


def text_diff(a: str, b: str) -> list[str]:
    """A unified diff of two normalised pages, one tag a line."""
    return list(difflib.unified_diff(a.replace("<", "\n<").splitlines(), b.replace("<", "\n<").splitlines(), n=2))[2:]


def main(argv: list[str] | None = None) -> int:
    """Command line: take or compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take_args = commands.add_parser("take", help="save every page into a new folder OUT")
    take_args.add_argument("out")
    take_args.add_argument("--source", default=str(REPO), help="the source tree to run (default: this one)")
    take_args.add_argument("--max-pages", type=int, default=400, help="pages at most per user")
    take_args.add_argument("--time-zone", default="UTC", help="the school's zone (CROSSCHECK_TIME_ZONE)")
    take_args.add_argument("--schools", nargs="+", default=["demo", "bench"], choices=["demo", "bench"])
    compare_args = commands.add_parser("compare", help="list the pages that differ between two snapshots")
    compare_args.add_argument("before")
    compare_args.add_argument("after")
    compare_args.add_argument("--show", type=int, default=5, help="print the diff of this many pages")
    args = parser.parse_args(argv)
    if args.command == "compare":
        differences = compare(Path(args.before), Path(args.after), args.show)
        print("\n".join(differences))
        pages = sum(1 for line in differences if not line.startswith("    "))
        print(f"{pages} difference(s)")
        return 1 if pages else 0
    if os.environ.get("SNAPSHOT_CHILD") != "1":
        return relaunch(args)
    take(Path(args.out), args.max_pages, args.time_zone, args.schools)
    return 0


if __name__ == "__main__":
    sys.exit(main())
