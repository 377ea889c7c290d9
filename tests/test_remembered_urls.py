"""The pages' links come from remembered_url_for: the same URL as url_for, per script root, host and scheme."""

from flask import render_template_string, url_for

from crosscheck import urls
from crosscheck.urls import remembered_url_for

LINKS = [("quizzes.module", {"module_id": "framing"}), ("home.index", {}), ("quizzes.index", {"page": 2})]


def test_a_link_is_url_fors_for_each_address_the_app_is_served_at(app):
    for base in ("http://localhost/", "http://localhost/school/", "http://other.example/", "https://localhost/"):
        for _ in range(2):  # built, then remembered
            with app.test_request_context("/", base_url=base):
                for endpoint, values in LINKS:
                    assert remembered_url_for(endpoint, **values) == url_for(endpoint, **values)
    with app.test_request_context("/", base_url="http://localhost/school/"):
        assert remembered_url_for("home.index") == "/school/"
    with app.test_request_context("/"):
        assert remembered_url_for("home.index") == "/"
        assert remembered_url_for("quizzes.index", tag=["a", "b"]) == url_for("quizzes.index", tag=["a", "b"])
        assert remembered_url_for("home.index", _anchor="top") == "/#top"
        assert render_template_string("{{ url_for('home.index') }}") == "/"  # templates use it


def test_the_memory_is_bounded(app, monkeypatch):
    monkeypatch.setattr(urls, "REMEMBERED_URLS", 5)
    with app.test_request_context("/"):
        for n in range(12):
            assert remembered_url_for("quizzes.module", module_id=f"m{n}") == f"/quizzes/m{n}"
            assert len(app.extensions["crosscheck.urls"]) <= 5
