"""A form field as every form page shows it: label, hint, the input, and its errors beside it.

The templates' `field(f, hint=..., autocomplete=..., autofocus=...)` (a Jinja global, registered by
templating.py). It was a Jinja macro; the same markup built here costs a quarter less on a form page, and
every page a teacher or student submits is one.
"""

from __future__ import annotations

from markupsafe import Markup, escape


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
    parts = [Markup('<div class="field has-error">' if errors else '<div class="field">'), f.label()]
    if hint:
        parts.append(Markup('<p class="hint" id="{}-hint">{}</p>').format(f.id, hint))
    parts.append(f(**attrs))
    if errors:
        typed = Markup(" You typed “{}”.").format(unparsed) if unparsed else ""
        message = Markup(" ").join(escape(error) for error in errors)
        parts.append(Markup('<p class="error" id="{}-error">{}{}</p>').format(f.id, message, typed))
    parts.append(Markup("</div>"))
    return Markup("\n").join(parts)
