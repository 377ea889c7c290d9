"""What the views' glue keeps: a page built while new content came in is served, not kept."""

from crosscheck.extensions import db
from crosscheck.stamps.remember import remembered
from crosscheck.workspace.generation import bump_generation


def test_a_page_built_while_new_content_came_in_is_served_but_not_kept(app):
    kept = app.extensions["crosscheck.remembered.reports"]

    def built_during_a_publish(_catalog, _now):
        bump_generation()  # as a publish does (workspace.service._served_change), in the middle of the build
        db.session.commit()
        app.extensions["crosscheck.live"].mark_stale()
        return "built from the older content", None

    with app.test_request_context("/"):
        assert remembered("reports", ("page",), lambda: (1,), built_during_a_publish) == "built from the older content"
        assert len(kept) == 0  # kept, it would be filed under the newer content's generation
        assert remembered("reports", ("page",), lambda: (1,), lambda _c, _n: ("built", None)) == "built"
        assert len(kept) == 1
        assert remembered("reports", ("page",), lambda: (1,), lambda _c, _n: ("built again", None)) == "built"
