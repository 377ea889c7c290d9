"""Bad input never half-saves and never stops the last good version being served; every error is positioned."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.workspace.models import Document, DocumentVersion
from tests.conftest import post_form
from tests.workspace.helpers import act, base_of, make, module_text, save


@pytest.fixture
def relay(client, signed_in):
    """A teacher on `client` with the module `relay` published at version 2."""
    teacher = signed_in("teacher")
    make(client, "quiz", "relay")
    save(client, "relay", module_text("relay"))
    act(client, "relay", "publish")
    return teacher


def _versions() -> int:
    return db.session.scalar(select(db.func.count()).select_from(DocumentVersion))


def _still_served(client) -> bool:
    return "Who reported it first?" in client.get("/quizzes/relay").get_data(as_text=True)


def test_a_10_mb_paste_is_refused_whole_and_the_last_version_stays(client, relay):
    reply = save(client, "relay", "x" * (10 * 1024 * 1024), base=2)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 413
    assert "nothing was saved; relay is unchanged" in page
    assert "id: relay" in page  # the editor shows the last saved version
    assert _versions() == 2 and _still_served(client)


def test_a_10_mb_article_paste_is_refused_and_the_story_stays(client, relay):
    make(client, "story", "flood")
    fields = {"name": "000-big", "article_id": "flood-big", "outlet": "X", "outlet_note": "n", "headline": "H",
              "date_note": "none", "kind": "report", "source": "s", "text": "word " * (2 * 1024 * 1024)}  # fmt: skip
    reply = post_form(client, "/workspace/flood/articles/new", fields)
    assert reply.status_code == 413
    assert "nothing was saved; flood is unchanged." in reply.get_data(as_text=True)
    assert _versions() == 3  # the module's two and the story's first


def test_a_text_over_the_files_limit_is_refused_with_its_size(client, relay):
    reply = save(client, "relay", "# padding\n" * 60_000, base=2)
    assert reply.status_code == 400
    assert "the text is 600,000 bytes; the limit is 524,288 bytes" in reply.get_data(as_text=True)
    assert _versions() == 2


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: relay\na: &x [1, 2]\nb: [*x, *x, *x]\n", 2, "anchors and aliases (&amp; and *) are not allowed"),
        ("id: relay\ntitle: !!python/object/apply:os.system [echo hi]\n", 2, "tag &#39;tag:yaml.org,2002:python"),
        (module_text("relay").replace("  - id: relay\n", "  - id: relay\n    id: again\n"), 7, "given twice"),
    ],
)
def test_unsafe_or_broken_yaml_is_a_positioned_error_in_a_draft_and_never_served(client, relay, text, line, message):
    save(client, "relay", text, base=2)
    page = client.get("/workspace/relay/edit").get_data(as_text=True)
    assert message in page
    assert f'<span id="L{line}" class="ln is-error">' in page
    assert "has 1 error(s)" in client.get(act(client, "relay", "publish").headers["Location"]).get_data(as_text=True)
    assert _still_served(client)  # version 2, the last good one


def test_a_duplicate_item_id_is_shown_at_its_line(client, relay):
    text = module_text("relay") + module_text("relay").split("items:\n", 1)[1]
    save(client, "relay", text, base=2)
    page = client.get("/workspace/relay/edit").get_data(as_text=True)
    assert "item id &#39;relay&#39; is already used by item 1" in page and 'data-line="19"' in page


def test_invalid_utf8_in_an_uploaded_file_is_refused_at_its_position(client, relay):
    raw = module_text("relay").encode() + b"note: caf\xe9\n"
    reply = post_form(client, "/workspace/relay/upload-file", {"base": "2", "file": (io.BytesIO(raw), "relay.yaml")})
    assert reply.status_code == 400
    assert "quizzes/relay.yaml:19:10: invalid UTF-8 byte; save the file as UTF-8" in reply.get_data(as_text=True)
    assert _versions() == 2


def test_a_file_of_the_wrong_kind_is_refused(client, relay):
    page = client.get(
        post_form(client, "/workspace/upload", {"file": (io.BytesIO(b"\x89PNG\r\n"), "photo.png")}).headers["Location"]
    ).get_data(as_text=True)
    assert "photo.png is not a quiz module (.yaml), a lesson (.md) or a zip; nothing was taken." in page
    lesson_as_module = post_form(client, "/workspace/upload", {"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n"), "x.yaml")})
    assert "x.yaml:1:1: invalid UTF-8 byte" in client.get(lesson_as_module.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(db.func.count()).select_from(Document)) == 1


def _zip(members: dict[str, bytes], links: tuple[str, ...] = ()) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    buffer.seek(0)
    return buffer


GOOD = module_text("fresh").encode()


@pytest.mark.parametrize(
    ("archive", "said"),
    [
        (
            _zip({"quizzes/fresh.yaml": GOOD, "../quizzes/evil.yaml": GOOD}),
            "../quizzes/evil.yaml:1:1: an absolute path",
        ),
        (_zip({"quizzes/fresh.yaml": GOOD, "/etc/evil.yaml": GOOD}), "/etc/evil.yaml:1:1: an absolute path"),
        (_zip({"quizzes/fresh.yaml": GOOD}, links=("quizzes/link.yaml",)), "quizzes/link.yaml:1:1: links are not"),
        (_zip({f"quizzes/q{n}.yaml": b"id: q\n" for n in range(2000)}), "holds 2,000 files; at most 300"),
        (_zip({"quizzes/fresh.yaml": GOOD, "quizzes/bomb.yaml": b"0" * (50 * 1024 * 1024)}), "larger than the limit"),
        (_zip({"quizzes/fresh.yaml": GOOD, "notes/readme.txt": b"hi"}), "not a path a document holds"),
        (io.BytesIO(b"PK\x03\x04 not really a zip"), "is not a zip file"),
    ],
)
def test_a_bad_zip_is_refused_whole(client, relay, archive, said):
    reply = post_form(client, "/workspace/upload", {"file": (archive, "content.zip")})
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert said in page
    assert db.session.scalar(select(Document.id).where(Document.slug == "fresh")) is None


def test_a_zip_laid_out_like_the_repository_comes_back_in(client, relay):
    download = client.get("/workspace/relay/download.zip")
    assert download.headers["Content-Disposition"] == 'attachment; filename="relay-v2.zip"'
    names = zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    assert names == ["quizzes/relay.yaml"]
    archive = _zip(
        {"quizzes/relay.yaml": module_text("relay", title="Round trip").encode(), "quizzes/fresh.yaml": GOOD}
    )
    reply = post_form(client, "/workspace/upload", {"file": (archive, "content.zip")})
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Uploaded version 3 of relay: 0 error(s)" in page and "Uploaded new fresh: 0 error(s)" in page
    assert base_of(client, "relay") == 3


def test_markup_and_script_in_any_field_are_text_or_refused(client, relay):
    hostile = module_text("relay", title="<script>alert(1)</script>").replace(
        "Where do HNGN's", "<img src=x onerror=alert(1)> Where do HNGN's"
    )
    save(client, "relay", hostile, base=2)
    page = client.get("/workspace/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    editor = client.get("/workspace/relay/edit").get_data(as_text=True)
    assert "<img src=x" not in editor and "&lt;img src=x onerror=alert(1)&gt;" in editor
    preview = client.get("/workspace/relay/preview").get_data(as_text=True)
    assert "<script>alert" not in preview and "<img src=x" not in preview


def test_a_10_mb_post_from_someone_signed_out_is_refused_as_too_large(app, client, relay):
    stranger = app.test_client()  # signed out: the size is refused before any check of who is asking
    reply = stranger.post(
        "/workspace/relay/edit", data={"text": "x" * (10 * 1024 * 1024), "path": "quizzes/relay.yaml"}
    )
    assert reply.status_code == 413
    assert "nothing was saved" in reply.get_data(as_text=True) and "id: relay" not in reply.get_data(as_text=True)
    assert _versions() == 2
