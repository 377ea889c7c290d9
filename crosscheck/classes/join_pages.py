"""Join a class: a signed-in student types a join code (another class, a new term); sign-up asks it of new ones."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.accounts.throttle import say_wait
from crosscheck.classes import joining
from crosscheck.classes.forms import JoinForm
from crosscheck.classes.routes import bp


@bp.route("/join", methods=["GET", "POST"])
@allow("student")
def join():
    """The join form (also on the student's home page); the code goes the same way as at sign-up."""
    form = JoinForm()
    if request.method == "GET" and request.args.get("code"):  # the teacher's sign-up link, followed signed in
        form.join_code.data = request.args["code"]
    address = request.remote_addr or "unknown"
    wait = joining.seconds_to_wait(address, current_user) if form.is_submitted() else 0
    if wait:  # before the code is looked at: a held-back guess learns nothing
        say_wait("join code attempts", wait)
        return render_template("classes/join.html", form=form), 429
    if form.validate_on_submit():
        try:
            classroom = joining.class_to_join(form.join_code.data, address, current_user)
            joining.join(classroom, current_user)
        except joining.JoinError as exc:
            form.join_code.errors.append(str(exc))
        else:
            flash(f"You have joined {classroom.name}.", "success")
            return redirect(url_for("home.index"))
    return render_template("classes/join.html", form=form), 400 if form.errors else 200
