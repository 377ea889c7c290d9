"""A plainly valid answer is read without building the answer form (crosscheck/items/fields.py): whatever it
reads is exactly what WTForms gives after validating the same post, for every item of every module."""

from __future__ import annotations

import itertools

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from crosscheck.items import item_type
from crosscheck.items.fields import plain_data
from crosscheck.quizzes.models import Response
from tests.conftest import Builders, csrf_token, login, post_form, shared_catalog
from tests.quizzes.helpers import answer, attempts, start

SEEDS = (1, 77, 2**31 - 5)


def every_item(sample_catalog):
    """(item id, type, content) of every item of the repository's modules and the sample modules."""
    for catalog in (shared_catalog(), sample_catalog):
        for module in catalog.quizzes.values():
            for item in module.items:
                yield item.id, item.type, item.content


def wtforms_reading(fields: dict, posted: MultiDict) -> dict | None:
    """WTForms' own: the fields' data after validating the post, or None when it refuses it."""
    form = type("AnswerForm", (Form,), dict(fields))(formdata=posted)
    return {name: form.data[name] for name in fields} if form.validate() else None


def posts(view_fields: dict, valid: list[MultiDict]) -> list[MultiDict]:
    """Valid posts, then each changed in the ways a browser, a double click or a forger might."""
    names = list(view_fields)
    out = list(valid)
    out.append(MultiDict())
    out.append(MultiDict({"unrelated": "x"}))
    for good, name in itertools.product(valid, names):
        values = good.getlist(name)
        others = [(k, v) for k, v in good.items(multi=True) if k != name]
        for changed in ([], [""], [" "], ["zz"], values + ["zz"], ["zz", *values], values + values, values[:1] * 2,
                        [v.upper() for v in values], [f" {v}" for v in values]):  # fmt: skip
            out.append(MultiDict(others + [(name, v) for v in changed]))
        out.append(MultiDict([*good.items(multi=True), ("submit", "Save my answer"), ("csrf_token", "t")]))
    return out


def test_whatever_is_read_plainly_is_what_wtforms_gives(sample_catalog):
    checked = plain = 0
    for item_id, kind_name, content in every_item(sample_catalog):
        kind = item_type(kind_name)
        for seed in SEEDS:
            view = kind.view(content, seed, True)
            fields = kind.form_fields(view)
            valid = [
                MultiDict(kind.form_data(view, answer))
                for answer in (kind.answer_key(content), kind.wrong_answer(content))
            ]
            for posted in posts(fields, valid):
                read = plain_data(fields, posted)
                checked += 1
                if read is not None:
                    plain += 1
                    assert read == wtforms_reading(fields, posted), (item_id, seed, posted)
            for posted in valid:  # a plain answer is read plainly: the fast path is the usual one
                if kind_name != "written":
                    assert plain_data(fields, posted) is not None, (item_id, posted)
    assert checked > 5_000 and plain > 1_000


def test_a_written_answer_is_always_left_to_wtforms(sample_catalog):
    """Its text is tidied and counted by the form's own rule: no plain reader."""
    item = next(content for _, kind, content in every_item(sample_catalog) if kind == "written")
    fields = item_type("written").form_fields(item_type("written").view(item, 1, True))
    assert plain_data(fields, MultiDict({"text": "A short answer."})) is None


@pytest.fixture
def no_automatic_csrf(make_app, quiz_root):
    """The app with CSRFProtect's check of every POST switched off (WTF_CSRF_CHECK_DEFAULT=False)."""
    app = make_app(CONTENT_DIR=str(quiz_root), catalog=shared_catalog(quiz_root), WTF_CSRF_CHECK_DEFAULT=False)
    with app.app_context():
        yield app


def test_without_the_automatic_csrf_check_the_answer_form_still_checks_the_token(no_automatic_csrf):
    """The plain path relies on CSRFProtect having checked the token; where it has not, the form checks it."""
    student = Builders().user("student")
    client = no_automatic_csrf.test_client()
    login(client, student.username)
    start(client)
    (attempt,) = attempts(student.id)
    module = no_automatic_csrf.extensions["crosscheck.catalog"].quizzes[attempt.module_id]
    content = module.items[0].content
    kind = item_type(content["type"])
    chosen = kind.form_data(
        kind.view(content, attempt.order_seed, module.settings.shuffle_options), kind.answer_key(content)
    )
    url = f"/quizzes/attempts/{attempt.id}/items/1"
    refused = client.post(url, data=chosen)
    assert refused.status_code == 400 and "The form expired" in refused.get_data(as_text=True)
    assert Response.query.count() == 0
    accepted = client.post(url, data={**chosen, "csrf_token": csrf_token(client)})
    assert accepted.status_code == 302 and Response.query.count() == 1


def test_plain_answers_build_no_form_and_a_bad_one_is_judged_by_wtforms(client, signed_in, monkeypatch):
    """Every item type with plain readers is answered without the answer form; an empty post builds it and
    gets WTForms' message."""
    from crosscheck.quizzes import routes

    built = []
    real = routes.answer_form
    monkeypatch.setattr(routes, "answer_form", lambda kind, view: built.append(kind.name) or real(kind, view))
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    empty = post_form(client, f"/quizzes/attempts/{attempt.id}/items/1", {})
    assert empty.status_code == 400 and "Choose an answer." in empty.get_data(as_text=True) and built == ["choice"]
    built.clear()
    for number in range(1, 5):
        assert answer(client, attempt, number).status_code == 302
    answered = {r.item_id for r in Response.query.all()}
    assert len(answered) == 4 and built == []
