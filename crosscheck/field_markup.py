"""A form field as every form page shows it: label, hint, the input, and its errors beside it.

The templates' `field(f, hint=..., autocomplete=..., autofocus=...)` (a Jinja global, registered by
templating.py). It was a Jinja macro; built here it costs a quarter of that. The label and a plain <input>
(text, password, hidden: every widget whose rendering is WTForms' Input's) are written here
too, as WTForms writes them: through WTForms' own calls they were half the cost of a signed-in page with a
small form (bench/RESULTS.md). Any other widget (select, text area, radio list, file) is WTForms' own, and so
is any field whose form renders fields its own way. tests/test_field_markup.py compares the result with the
old macro in every state, and the label and input with WTForms' own for every field of every form here.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.fields.core import Field, Label
from wtforms.meta import DefaultMeta
from wtforms.widgets.core import Input, PasswordInput

from crosscheck.form_attributes import attribute_name, attribute_value, html_params

# Widgets whose rendering is WTForms' Input.__call__ (PasswordInput's adds only the hidden value first).
_PLAIN_INPUT = (Input.__call__, PasswordInput.__call__)


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
    widget = f.widget
    if (
        type(widget).__call__ not in _PLAIN_INPUT
        or type(widget).html_params is not Input.html_params
        or type(f).__call__ is not Field.__call__
        or type(f.meta).render_field is not DefaultMeta.render_field
        or getattr(f, "_datalist", None) is not None
    ):
        return escape(f(**attrs))  # escape() leaves WTForms' Markup as it is, and escapes a plain string
    # DefaultMeta.render_field: the field's render_kw, then the call's attributes over them (both cleaned)
    kwargs = {attribute_name(k): v for k, v in f.render_kw.items()} if f.render_kw else {}
    kwargs.update({attribute_name(k): v for k, v in attrs.items()})
    # Input.__call__ (PasswordInput's first: it never shows the value typed)
    if isinstance(widget, PasswordInput) and widget.hide_value:
        kwargs["value"] = ""
    kwargs.setdefault("id", f.id)
    kwargs.setdefault("type", widget.input_type)
    if "value" not in kwargs:
        kwargs["value"] = f._value()
    wanted = widget.validation_attrs
    for name, value in vars(f.flags).items():  # the flags the validators set (WTForms reads them with dir())
        if name in wanted and name not in kwargs:
            kwargs[name] = value() if callable(value) else value
    return Markup(f"<input {html_params(name=f.name, **kwargs)}>")
