"""Nothing typed is lost when a save's form has expired: signed in again elsewhere, or signed out."""

from __future__ import annotations

from crosscheck.workspace.service import document_by_slug
from tests.conftest import csrf_token, login
from tests.workspace.helpers import act, base_of, make, module_text, save

TYPED = module_text("relay", title="Typed while the session ended <b>bold</b>")


def _save_with(client, token: str, base: int):
    """Press Save on an editor page whose form carries `token`."""
    data = {"csrf_token": token, "text": TYPED, "base": base, "path": "quizzes/relay.yaml", "action": "save"}
    return client.post("/workspace/relay/edit", data=data)


def _session_ends(client) -> None:
    """The browser's session cookie is gone, as when a session ends (the open editor page stays)."""
    client.delete_cookie(client.application.config["SESSION_COOKIE_NAME"])


def _relay(client, signed_in):
    """A teacher with the module relay at version 2; returns them and the editor's token and base."""
    teacher = signed_in("teacher")
    make(client, "quiz", "relay")
    save(client, "relay", module_text("relay"))
    return teacher, csrf_token(client), base_of(client, "relay")


def test_signed_in_again_elsewhere_the_text_comes_back_in_the_editor_unsaved(client, signed_in):
    teacher, stale, base = _relay(client, signed_in)
    _session_ends(client)
    login(client, teacher.username)  # a new session, so a new token: the open editor's form has expired
    reply = _save_with(client, stale, base)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 400 and "Form expired: your text was not saved" in page
    assert "Typed while the session ended &lt;b&gt;bold&lt;/b&gt;" in page  # in the editor, as text
    assert base_of(client, "relay") == base  # nothing saved
    assert f'name="base" type="hidden" value="{base}"' in page  # still based on what the teacher saw
    save(client, "relay", TYPED, base=base)
    assert base_of(client, "relay") == base + 1
    assert "Typed while the session ended" in client.get("/workspace/relay").get_data(as_text=True)


def test_signed_out_the_text_is_on_a_page_of_its_own_to_copy(client, signed_in):
    _, stale, base = _relay(client, signed_in)
    _session_ends(client)
    reply = _save_with(client, stale, base)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 400 and "Your text was not saved" in page
    assert "Typed while the session ended &lt;b&gt;bold&lt;/b&gt;" in page  # the text, as text
    assert "/login?next=/workspace/relay/edit" in page


def test_other_workspace_forms_with_an_expired_token_get_the_error_page(client, signed_in):
    teacher, stale, _ = _relay(client, signed_in)
    _session_ends(client)
    login(client, teacher.username)
    reply = client.post("/workspace/relay/publish", data={"csrf_token": stale})
    assert reply.status_code == 400 and "Form expired" in reply.get_data(as_text=True)
    assert document_by_slug("relay").published_number is None
    act(client, "relay", "publish")  # with the page's token it works
    assert document_by_slug("relay").published_number == 2
