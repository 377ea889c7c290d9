"""Hostile content files: each gives a clear `content check` error within two seconds, and the app still runs.

A table of hostile texts (HOSTILE) crossed with a table of places a content file can stand (LOCATIONS). When
a loader for a new kind of file lands, add its place to LOCATIONS.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import time
from dataclasses import dataclass

import pytest

from crosscheck.config import PROJECT_ROOT

TEN_MB = 10 * 1024 * 1024
MARKER = "hostile-tag-ran"


@dataclass(frozen=True)
class Hostile:
    """A hostile YAML text and the words the error must contain."""

    name: str
    text: bytes
    message: str


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(20)]
    return "\n".join(lines).encode()


HOSTILE = [
    Hostile("alias bomb", _alias_bomb(), "anchors and aliases (& and *) are not allowed"),
    Hostile("10 MB file", b"title: '" + b"x" * TEN_MB + b"'\n", "the limit is"),
    Hostile("deep nesting", b"id: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nesting deeper than"),
    Hostile(
        "deep mapping", "".join(f"{'  ' * i}k{i}:\n" for i in range(200)).encode() + b"  " * 200 + b"x\n", "nesting"
    ),
    Hostile(
        "python object tag",
        f"id: !!python/object/apply:os.system ['touch {MARKER}']\n".encode(),
        "python/object/apply:os.system' is not allowed",
    ),
    Hostile("python name tag", b"id: !!python/name:os.system\n", "is not allowed"),
    Hostile("invalid UTF-8", b"id: caf\xe9\ntitle: x\n", "invalid UTF-8"),
    Hostile("control character", b"id: ok\ntitle: nul\x00byte\n", "character U+0000 is not allowed"),
    Hostile("duplicate key", b"id: a\nid: b\n", "given twice"),
    Hostile("not a mapping", b"- just\n- a list\n", "key: value"),
    Hostile("merge key", b"id: a\nextra:\n  <<: {y: 2}\n", "'<<' means 'merge another block here' in YAML"),
    Hostile("value key", b"id: a\n=: 3\n", "'=' means 'default value' in YAML"),
]


def plain_yaml(text: bytes) -> bytes:
    """A YAML file as it is."""
    return text


def front_matter(text: bytes) -> bytes:
    """YAML inside the front matter of a Markdown file."""
    return b"---\n" + text + b"\n---\nA body paragraph.\n"


@dataclass(frozen=True)
class Location:
    """Where a content file stands (relative to the content root), and how YAML goes into it."""

    name: str
    path: str
    wrap: object  # callable bytes -> bytes


LOCATIONS = [
    Location("story file", "seeds/hostile-story/story.yaml", plain_yaml),
    Location("article front matter", "seeds/nk-pow-interrogation/900-hostile.md", front_matter),
    Location("quiz module", "quizzes/hostile.yaml", plain_yaml),
    Location("lesson", "lessons/hostile.md", front_matter),
]


class Hung(Exception):
    """The code under test ran past its deadline."""


@contextlib.contextmanager
def deadline(seconds: float):
    """Interrupt the block after `seconds` (main thread only), so a hang fails the test instead of the run."""

    def interrupt(signum, frame):
        raise Hung(f"still running after {seconds}s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def content_root(tmp_path_factory):
    """A copy of the shipped content, into which each test drops one hostile file."""
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(PROJECT_ROOT / "seeds", root / "seeds")
    return root


@pytest.mark.parametrize("location", LOCATIONS, ids=lambda location: location.name)
@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda hostile: hostile.name)
def test_hostile_file_is_a_clear_error_and_the_app_still_runs(make_app, content_root, monkeypatch, hostile, location):
    path = content_root / location.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(location.wrap(hostile.text))
    monkeypatch.chdir(content_root)  # a tag that ran would leave its marker here
    try:
        with deadline(10):
            app = make_app(CONTENT_DIR=str(content_root))
            start = time.process_time()  # CPU time: a busy machine must not fail it, a bomb still does
            result = app.test_cli_runner().invoke(args=["content", "check"])
            elapsed = time.process_time() - start
    finally:
        shutil.rmtree(path.parent) if location.path.startswith("seeds/hostile-story") else path.unlink()
    assert result.exit_code == 1, result.output
    line = next((ln for ln in result.output.splitlines() if ln.startswith(location.path + ":")), None)
    assert line is not None, f"no error for {location.path}:\n{result.output}"
    assert re.match(rf"{re.escape(location.path)}:\d+:\d+: ", line) and hostile.message in line, line
    assert elapsed < 2, f"content check took {elapsed:.1f}s of CPU time"
    assert not (content_root / MARKER).exists()
    client = app.test_client()
    assert client.get("/").status_code == 200
    with app.app_context():
        from crosscheck.catalog_access import get_catalog

        assert len(get_catalog().articles) == 5  # the good files are still served
