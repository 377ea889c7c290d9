"""crosscheck/field_markup.py: `field` gives the markup of the Jinja macro it replaced, in every state a form
field can be in (white space between tags aside), and is what the templates call; the label and input it
writes itself are WTForms' own, character for character, for every field of every form of the app."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import DateField, Form, HiddenField, IntegerField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import Field, Label
from wtforms.meta import DefaultMeta
from wtforms.validators import InputRequired, Length, NumberRange
from wtforms.widgets import HiddenInput, PasswordInput, TextInput

from crosscheck.field_markup import WTFORMS_FIELD_CALL, control, field, label, render_field
from crosscheck.quizzes.forms import StartForm

# templates/_forms.html's `field` macro as it was before field_markup.py replaced it: the reference.
MACRO = """
{% macro field(f, hint=None, autocomplete=None, autofocus=False) %}
  <div class="field{% if f.errors %} has-error{% endif %}">
    {{ f.label }}
    {% if hint %}<p class="hint" id="{{ f.id }}-hint">{{ hint }}</p>{% endif %}
    {% set described = [] %}
    {% if hint %}{% set _ = described.append(f.id ~ '-hint') %}{% endif %}
    {% if f.errors %}{% set _ = described.append(f.id ~ '-error') %}{% endif %}
    {% set attrs = {} %}
    {% if autocomplete %}{% set _ = attrs.update({'autocomplete': autocomplete}) %}{% endif %}
    {% if autofocus %}{% set _ = attrs.update({'autofocus': True}) %}{% endif %}
    {% if described %}{% set _ = attrs.update({'aria-describedby': described|join(' ')}) %}{% endif %}
    {% if f.errors %}{% set _ = attrs.update({'aria-invalid': 'true'}) %}{% endif %}
    {% if f.type == 'SelectField' and f.flags.required and f.choices and (f.iter_choices()|first)[0] != '' %}{% set _ = attrs.update({'required': False}) %}{% endif %}
    {% set unparsed = f.raw_data[0] if f.type == 'DateField' and f.data is none and f.raw_data and f.raw_data[0] else '' %}
    {% if unparsed %}{% set _ = attrs.update({'value': ''}) %}{% endif %}
    {{ f(**attrs) }}
    {% if f.errors %}
      <p class="error" id="{{ f.id }}-error">{{ f.errors|join(' ') }}{% if unparsed %} You typed “{{ unparsed }}”.{% endif %}</p>
    {% endif %}
  </div>
{% endmacro %}
{{ field(f, hint=hint, autocomplete=autocomplete, autofocus=autofocus) }}
"""


class Sample(Form):
    name = StringField("Your <name>", validators=[InputRequired()])
    secret = PasswordField("Password")
    level = SelectField(
        "Level", choices=[SelectChoice("a", "A & B"), SelectChoice("b", "B")], validators=[InputRequired()]
    )
    level_or_none = SelectField(
        "Level", choices=[SelectChoice("", "Choose"), SelectChoice("a", "A")], validators=[InputRequired()]
    )
    due = DateField("Due")


class Data(dict):
    """Form data as WTForms reads it (getlist)."""

    def getlist(self, key):
        return [self[key]] if key in self else []


def without_space(html: str) -> str:
    """The markup with the white space between and inside tags' surroundings collapsed."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


STATES = [
    ("fresh", None),
    ("typed", Data(name='Ann "the <b>"', due="2026-03-04", level="b")),
    ("invalid", Data(name="", due="not a <date>", level="zzz")),
]
CALLS = [
    {},
    {"hint": "At least 10 <characters> & more.", "autocomplete": "new-password"},
    {"autofocus": True},
    {"hint": "Pick one.", "autofocus": True, "autocomplete": "off"},
]


@pytest.mark.parametrize(("state", "data"), STATES, ids=[s for s, _ in STATES])
@pytest.mark.parametrize("call", CALLS, ids=repr)
def test_field_gives_the_macros_markup(app, state, data, call):
    form = Sample(formdata=data)
    if data is not None:
        form.validate()
    with app.test_request_context("/"):
        for f in form:
            arguments = {"hint": None, "autocomplete": None, "autofocus": False, **call}
            expected = render_template_string(MACRO, f=f, **arguments)
            assert without_space(field(f, **call)) == without_space(expected), f.name


def test_the_states_the_comparison_covers_occur(app):
    form = Sample(formdata=Data(name="", due="not a <date>", level="zzz"))
    form.validate()
    html = str(field(form.due, hint="When."))
    assert 'aria-describedby="due-hint due-error"' in html and 'aria-invalid="true"' in html
    assert "You typed “not a &lt;date&gt;”." in html and 'value=""' in html
    assert "required" not in str(field(Sample().level)) and "required" in str(field(Sample().level_or_none))


def test_templates_call_field(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<div class="field">' in html and 'autocomplete="username"' in html


class Odd(Form):
    """Fields with what WTForms adds to an input: flags from validators, render_kw, a shown password."""

    code = StringField("Code <x>", validators=[InputRequired(), Length(min=3, max=8)], render_kw={"class": "wide"})
    shown = PasswordField("Shown", widget=PasswordInput(hide_value=False), render_kw={"data_role": 'a"b'})
    token = HiddenField("Token", default='t"<1>')
    count = IntegerField("Count", validators=[NumberRange(min=1, max=9)])
    label_markup = StringField(Markup("Bold <b>label</b>"))
    empty_label = StringField("")


ATTRIBUTES = [
    {},
    {"autocomplete": "off"},
    {"aria-describedby": "x-hint x-error", "aria-invalid": "true"},
    {"value": ""},
    {"autofocus": True},
    {"class_": "button primary", "data_x_y": 'a"b', "required": False},
    {"id": "other", "type": "search"},
]


def app_forms() -> list[type]:
    """Every form class of the app (its view modules imported)."""
    import crosscheck.blueprints  # noqa: F401

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted({c for c in subclasses(FlaskForm) if c.__module__.startswith("crosscheck.")}, key=repr)


def typed_data(form) -> Data:
    """A value for every field, with quotes, angle brackets and an ampersand in it."""
    return Data({f.name: 'x "y" <z> & w' for f in form})


def forms_in_states(app) -> list:
    """Each app form and the test forms fresh and typed (validated, so with errors), in a request."""
    forms = []
    for cls in [*app_forms(), Sample, Odd]:
        for typed in (False, True):
            form = cls() if cls in (Sample, Odd) else cls(formdata=None)
            if typed:
                form = cls(formdata=typed_data(form))
            for f in form:
                if getattr(f, "choices", ()) is None:  # given by the view, from the class or the catalog
                    f.choices = [(f.coerce("1") if f.coerce is int else "x", "X & <y>")]
            if typed:
                form.validate()
            forms.append(form)
    return forms


def test_label_and_input_are_wtforms_own_for_every_form_of_the_app(app):
    with app.test_request_context("/"):
        forms = forms_in_states(app)
        assert len(forms) > 50
        for form in forms:
            for f in form:
                where = f"{type(form).__name__}.{f.name}"
                assert str(label(f)) == str(f.label()), where
                for attrs in ATTRIBUTES:
                    wtforms_own = str(WTFORMS_FIELD_CALL(f, **attrs))
                    assert str(control(f, dict(attrs))) == wtforms_own, (where, attrs)
                    assert str(f(**attrs)) == wtforms_own, (where, attrs)  # as a template renders it


def test_the_plain_inputs_are_written_here_not_by_wtforms(app, monkeypatch):
    """The comparison above is between two ways: WTForms renders none of the plain inputs and labels."""
    form = Sample()
    odd = Odd()
    plain = [form.name, form.secret, odd.code, odd.shown, odd.token]
    assert {type(f.widget) for f in plain} == {TextInput, PasswordInput, HiddenInput}
    assert Field.__call__ is render_field  # installed: templates calling a field directly get it too
    monkeypatch.setattr(DefaultMeta, "render_field", lambda *a, **k: pytest.fail("WTForms rendered the field"))
    monkeypatch.setattr(Label, "__call__", lambda *a, **k: pytest.fail("the field's label was called"))
    with app.test_request_context("/"):
        for f in plain:
            assert str(control(f, {})).startswith("<input ") and str(label(f)).startswith("<label for=")
        button = StartForm().submit
        assert str(button(class_="button primary")).startswith('<input class="button primary"')
