"""A form field as every form page shows it: label, hint, the input, and its errors beside it.

The templates' `field(f, hint=..., autocomplete=..., autofocus=...)` (a Jinja global, registered by
templating.py). It was a Jinja macro; built here it costs a quarter of that. The label and a plain <input>
(text, password, hidden, submit: every widget whose rendering is WTForms' Input's) are written here too, as
WTForms writes them: through WTForms' own calls they were half the cost of a signed-in page with a small form
(bench/RESULTS.md). `install` makes every field rendered in a template this way (`form.submit(...)`, a form's
hidden token). Any other widget (select, text area, radio list, file, date, number) is WTForms' own, and so is
any field or form that renders its own way. tests/test_field_markup.py compares the result with the old macro
in every state, and the label and input with WTForms' own for every field of every form here.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.fields.core import Field, Label
from wtforms.meta import DefaultMeta
from wtforms.widgets.core import Input, PasswordInput, SubmitInput

from crosscheck.form_attributes import attribute_name, attribute_value, html_params

# Widgets whose rendering is WTForms' Input.__call__ (PasswordInput's hides the value first, SubmitInput's shows
# its label).
_PLAIN_INPUT = (Input.__call__, PasswordInput.__call__, SubmitInput.__call__)
WTFORMS_FIELD_CALL = Field.__call__  # WTForms' own, kept for the tests


def field(f, hint: str | None = None, autocomplete: str | None = None, autofocus: bool = False) -> Markup:
    """The field's <div>: label, hint, input (described by the hint and error), error paragraph."""
    errors = f.errors
    attrs: dict = {}
    described = [f"{f.id}-hint"] if hint else []
    if errors:
        described.append(f"{f.id}-error")
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if autofocus:
        attrs["autofocus"] = True
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if errors:
        attrs["aria-invalid"] = "true"
    # A required select must start on an empty choice (HTML's rule); one that starts on a real choice cannot be
    # left empty, so it goes without the attribute (the server still requires a valid choice).
    if f.type == "SelectField" and f.flags.required and f.choices and next(iter(f.iter_choices()))[0] != "":
        attrs["required"] = False
    # A date input may only hold a date: what was typed that is not one goes into the error instead.
    unparsed = f.raw_data[0] if f.type == "DateField" and f.data is None and f.raw_data and f.raw_data[0] else ""
    if unparsed:
        attrs["value"] = ""
    parts = ['<div class="field has-error">' if errors else '<div class="field">', label(f)]
    if hint:
        parts.append(f'<p class="hint" id="{escape(f.id)}-hint">{escape(hint)}</p>')
    parts.append(control(f, attrs))
    if errors:
        typed = f" You typed “{escape(unparsed)}”." if unparsed else ""
        message = " ".join(str(escape(error)) for error in errors)
        parts.append(f'<p class="error" id="{escape(f.id)}-error">{message}{typed}</p>')
    parts.append("</div>")
    return Markup("\n".join(parts))


def label(f) -> Markup:
    """The field's <label>, as WTForms' Label writes it."""
    if type(f.label) is not Label or not isinstance(f.label.field_id, str):  # a radio group's has none (False)
        return escape(f.label())
    return Markup(f'<label for="{attribute_value(f.label.field_id)}">{escape(f.label.text)}</label>')


def control(f, attrs: dict) -> Markup:
    """The field's input with these attributes, as `f(**attrs)` renders it."""
    if type(f).__call__ not in (render_field, WTFORMS_FIELD_CALL):  # a field class that renders itself its way
        return escape(f(**attrs))  # escape() leaves WTForms' Markup as it is, and escapes a plain string
    return _rendered(f, attrs)


def render_field(self, **kwargs) -> Markup:
    """WTForms' Field.__call__ (installed in its place by `install`), plain inputs written here: so a form's
    submit button and hidden token, which the templates render directly, are quick too."""
    return _rendered(self, kwargs)


def _rendered(f, attrs: dict) -> Markup:
    """What WTForms' Field.__call__ renders (the meta's render_field, then the widget), plain inputs written here."""
    widget = f.widget
    if (
        type(widget).__call__ not in _PLAIN_INPUT
        or type(widget).html_params is not Input.html_params
        or type(f.meta).render_field is not DefaultMeta.render_field
        or getattr(f, "_datalist", None) is not None
    ):
        return f.meta.render_field(f, attrs)  # WTForms' Field.__call__ itself
    # DefaultMeta.render_field: the field's render_kw, then the call's attributes over them (both cleaned)
    render_kw = getattr(f, "render_kw", None)
    kwargs = {attribute_name(k): v for k, v in render_kw.items()} if render_kw else {}
    kwargs.update({attribute_name(k): v for k, v in attrs.items()})
    # The widget's own step before Input.__call__: a password input never shows the value typed, a submit
    # button shows its label.
    if isinstance(widget, PasswordInput) and widget.hide_value:
        kwargs["value"] = ""
    elif isinstance(widget, SubmitInput):
        kwargs.setdefault("value", f.label.text)
    # Input.__call__
    kwargs.setdefault("id", f.id)
    kwargs.setdefault("type", widget.input_type)
    if "value" not in kwargs:
        kwargs["value"] = f._value()
    wanted = widget.validation_attrs
    for name, value in vars(f.flags).items():  # the flags the validators set (WTForms reads them with dir())
        if name in wanted and name not in kwargs:
            kwargs[name] = value() if callable(value) else value
    return Markup(f"<input {html_params(name=f.name, **kwargs)}>")


def install() -> None:
    """Render every WTForms field with render_field (idempotent): the same markup, plain inputs written here."""
    Field.__call__ = render_field
