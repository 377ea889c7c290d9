"""scripts/snapshot_pages.py: what it saves, how it compares, and a real (small) snapshot of the demo."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

from crosscheck.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "snapshot_pages.py"
_spec = importlib.util.spec_from_file_location("snapshot_pages", SCRIPT)
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


def test_csrf_tokens_are_masked_and_other_values_kept():
    page = (
        '<meta name="csrf-token" content="abc.def">'
        '<input id="csrf_token" name="csrf_token" type="hidden" value="IjE2.xyz">'
        '<input type="hidden" value="q-1" name="csrf_token">'
        '<input name="choice" value="b">'
        "<li><code>6mwmobWpReSa78kXyESr30mK8PATxpipCrKsNX0BXgc</code> made 4 Mar 2026</li>"
    )
    masked = snapshot.mask_volatile(page)
    assert "abc.def" not in masked and "IjE2" not in masked and "q-1" not in masked
    assert masked.count("CSRF") == 3 and 'name="choice" value="b"' in masked
    assert "<code>KEY-ID</code> made" in masked


def test_links_are_same_site_without_fragments_or_static_files():
    page = """<a href="/lessons/">L</a> <a href="b?x=1#top">rel</a> <a href="http://localhost/quizzes/">abs</a>
    <a href="https://example.org/">other</a> <a href="mailto:a@b.c">mail</a> <a href="/static/site.css">css</a>
    <a href="#main">skip</a> <a>no href</a>"""
    assert snapshot.same_site_links("/articles/a", page) == ["/articles/a", "/articles/b?x=1", "/lessons/", "/quizzes/"]


def test_white_space_is_normalised_but_text_is_not():
    a = "<td>\n  5 points\n</td>\n<td>x</td>"
    assert snapshot.normalise(a) == snapshot.normalise("<td>5   points</td><td>x</td>")
    assert snapshot.normalise(a) != snapshot.normalise("<td>5 point</td><td>x</td>")


def _write_user(folder, pages: dict[str, tuple[str, str]]):
    """A user's folder of a snapshot: url -> (status, text)."""
    folder.mkdir(parents=True)
    rows = []
    for n, (url, (status, text)) in enumerate(pages.items()):
        (folder / f"{n}.html").write_text(text)
        rows.append(f"{url}\t{status}\ttext/html\t\t\t{n}.html")
    (folder / snapshot.INDEX).write_text("url\tstatus\ttype\tlocation\tdisposition\tfile\n" + "\n".join(rows) + "\n")


def test_compare_names_each_kind_of_difference(tmp_path):
    _write_user(tmp_path / "a/demo/teacher", {"/": ("200", "<p>Hi</p>"), "/x": ("200", "x"), "/y": ("200", "y")})
    _write_user(tmp_path / "b/demo/teacher", {"/": ("200", "<p> Hi </p>\n"), "/x": ("404", "x"), "/z": ("200", "z")})
    _write_user(tmp_path / "b/demo/student", {"/": ("200", "s")})
    assert snapshot.compare(tmp_path / "a", tmp_path / "a", show=5) == []
    differences = snapshot.compare(tmp_path / "a", tmp_path / "b", show=0)
    assert differences == [
        "demo/student /: only in after",
        "demo/teacher /x: 200 text/html   -> 404 text/html  ",
        "demo/teacher /y: only in before",
        "demo/teacher /z: only in after",
    ]


def test_a_small_demo_snapshot_compares_equal_to_itself_and_finds_a_changed_page(tmp_path):
    # The snapshot always runs on SQLite files of its own, so the PostgreSQL pass leaves it out.
    command = [sys.executable, str(SCRIPT), "take", str(tmp_path / "a"), "--schools", "demo", "--max-pages", "3"]
    subprocess.run(command, check=True, capture_output=True, text=True)
    teacher = tmp_path / "a" / "demo" / "teacher-teacher"
    index = (teacher / snapshot.INDEX).read_text()
    assert index.splitlines()[1].startswith("/\t200\ttext/html")
    assert (tmp_path / "a" / "demo" / "student-nadia").is_dir()  # the student in no class
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    assert snapshot.main(["compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    home = teacher / "index.html"
    (tmp_path / "b" / home.relative_to(tmp_path / "a")).write_text(home.read_text().replace("Classes", "Klassen"))
    assert snapshot.main(["compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 1


def test_downloads_that_are_not_text_are_compared_byte_for_byte(tmp_path):
    for side, body in (("a", b"PK\x03\x04\xe0 \n"), ("b", b"PK\x03\x04\xe0\n")):  # differ in white space only
        folder = tmp_path / side / "demo" / "teacher"
        folder.mkdir(parents=True)
        (folder / "m.zip").write_bytes(body)
        (folder / snapshot.INDEX).write_text(
            "url\tstatus\ttype\tlocation\tdisposition\tfile\n/m\t200\tapplication/zip\t\t\tm.zip\n"
        )
    assert snapshot.file_name("/quizzes/m/export.zip", "application/zip").endswith(".zip")
    assert snapshot.compare(tmp_path / "a", tmp_path / "b", show=5) == [
        "demo/teacher /m: the download differs (compared byte for byte)"
    ]
