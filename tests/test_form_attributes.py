"""crosscheck/form_attributes.py: the quick attribute builder gives exactly WTForms' own text, and is installed."""

from __future__ import annotations

import itertools
import random

import pytest
import wtforms.widgets
from markupsafe import Markup
from wtforms import Form, PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from crosscheck.form_attributes import WTFORMS_HTML_PARAMS, html_params, install

NAMES = ["id", "name", "class_", "for_", "data_x_y", "aria_describedby", "aria-invalid", "Type", "a<b", 'q"t', "x&y"]
VALUES = [
    True,
    False,
    None,
    0,
    1,
    2.5,
    "",
    "plain",
    'say "hi" & <b>',
    "l'apostrophe",
    "é ü 漢字",
    Markup('<i title="t">safe</i>'),
    Markup("&amp; already"),
    ["a", "b"],
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_each_kind_of_value_gives_wtforms_text(value):
    for name in NAMES:
        assert html_params(**{name: value}) == WTFORMS_HTML_PARAMS(**{name: value})


def test_many_attributes_sort_and_join_as_wtforms_does():
    rng = random.Random(5)
    for size in range(6):
        for _ in range(200):
            attributes = {name: rng.choice(VALUES) for name in rng.sample(NAMES, size)}
            ours, theirs = html_params(**attributes), WTFORMS_HTML_PARAMS(**attributes)
            assert ours == theirs and isinstance(ours, Markup)
    assert html_params() == WTFORMS_HTML_PARAMS() == Markup("")


class Sample(Form):
    """Every kind of widget the app's forms use."""

    name = StringField("Name <yours>", render_kw={"placeholder": 'e.g. "Ana"'})
    secret = PasswordField("Password")
    note = TextAreaField("Note")
    pick = SelectField("Pick", choices=[SelectChoice("a", "A & B"), SelectChoice("b", '"B"')])
    go = SubmitField("Send")


def test_installed_widgets_render_what_wtforms_renders():
    install()
    form = Sample(data={"name": 'a "quoted" <name>', "note": "x < y", "pick": "b"})
    kwargs = [{}, {"class_": "wide", "aria_describedby": "h"}, {"required": True, "autofocus": False}]
    rendered = [f"{field(**extra)}{field.label}" for field, extra in itertools.product(form, kwargs)]
    assert wtforms.widgets.core.html_params is html_params and wtforms.widgets.html_params is html_params
    try:
        wtforms.widgets.core.html_params = wtforms.widgets.html_params = WTFORMS_HTML_PARAMS
        for widget in (wtforms.widgets.core.Input, wtforms.widgets.core.Button):
            widget.html_params = staticmethod(WTFORMS_HTML_PARAMS)
        original = [f"{field(**extra)}{field.label}" for field, extra in itertools.product(form, kwargs)]
    finally:
        install()
    assert rendered == original
    assert 'value="a &#34;quoted&#34; &lt;name&gt;"' in rendered[0]
