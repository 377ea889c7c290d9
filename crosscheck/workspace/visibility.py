"""Who may see which school content: the one rule every page's catalog goes through.

Shipped content is everyone's. A teacher's published lesson or quiz module is seen by its author and the
editors they named, by every teacher once it is shared with the school, and by anyone whose class it is
assigned to (students see school content only through their classes; a student also keeps the modules they
have answered). A school story is seen wherever a visible lesson or module quotes it, and by its author
(and every teacher once shared).
Admins see everything; visitors who are not signed in see only shipped content.
"""

from __future__ import annotations

from dataclasses import replace

from flask import g
from flask_login import current_user
from sqlalchemy import select, union

from crosscheck.classes.models import Assignment, ClassTeacher, Enrollment
from crosscheck.content.catalog import Catalog
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt
from crosscheck.workspace.live import SchoolDoc, Served
from crosscheck.workspace.models import Document, DocumentEditor


def visible_catalog(served: Served) -> Catalog:
    """The served catalog without the school content the signed-in user may not see (once per request)."""
    cached = g.get("visible_catalog")
    if cached is not None and cached[0] is served:
        return cached[1]
    hidden = hidden_documents(served, current_user)
    catalog = _without(served.catalog, hidden) if hidden else served.catalog
    g.visible_catalog = (served, catalog)
    return catalog


def hidden_documents(served: Served, user) -> list[SchoolDoc]:
    """The school documents this user may not see."""
    school = list(served.school.values())
    if not user.is_authenticated:
        return school
    if user.role == "admin":
        return []
    reachable = _reached_through_classes(user)
    own_or_shared = user.role == "teacher"
    seen = {
        doc.slug
        for doc in school
        if doc.slug in reachable or (own_or_shared and (doc.author_id == user.id or doc.state == "shared"))
    }
    quoted = _stories_quoted(served.catalog, [doc for doc in school if doc.slug in seen])
    return [doc for doc in school if doc.slug not in seen and not (doc.kind == "story" and doc.slug in quoted)]


def assignable_catalog(served: Served) -> Catalog:
    """What the user may assign: what they see, less archived school work and others' unshared work."""
    catalog = visible_catalog(served)
    user = current_user
    closed = [
        doc
        for doc in served.school.values()
        if doc.state == "archived" or (user.role != "admin" and doc.author_id != user.id and doc.state != "shared")
    ]
    return _without(catalog, closed) if closed else catalog


def _reached_through_classes(user) -> set[str]:
    """Ids of the lessons and modules assigned to the user's classes, modules they have answered, and
    documents they were named an editor of."""
    if user.role == "student":
        classes = select(Enrollment.classroom_id).where(
            Enrollment.student_id == user.id, Enrollment.removed_at.is_(None)
        )
    else:
        classes = select(ClassTeacher.classroom_id).where(ClassTeacher.user_id == user.id)
    assigned = select(Assignment.target_id).where(Assignment.classroom_id.in_(classes))
    answered = select(Attempt.module_id).where(Attempt.user_id == user.id)
    editing = select(Document.slug).join(DocumentEditor, DocumentEditor.document_id == Document.id)
    editing = editing.where(DocumentEditor.user_id == user.id)
    return set(db.session.scalars(union(assigned, answered, editing)))


def _stories_quoted(catalog: Catalog, docs: list[SchoolDoc]) -> set[str]:
    """Stories whose articles the given documents quote."""
    paths = {path for doc in docs for path in doc.paths}
    article_ids: set[str] = set()
    for module in catalog.quizzes.values():
        if module.path in paths:
            article_ids.update(a for item in module.items for a in item.articles)
    for lesson in catalog.lessons.values():
        if lesson.path in paths:
            article_ids.update(lesson.articles)
    stories = {catalog.articles[a].story for a in article_ids if a in catalog.articles}
    return stories | {doc.slug for doc in docs if doc.kind == "story"}


def _without(catalog: Catalog, hidden: list[SchoolDoc]) -> Catalog:
    """A copy of the catalog without the hidden documents' content (the objects themselves are shared)."""
    paths = {path for doc in hidden for path in doc.paths}
    stories = {doc.slug for doc in hidden if doc.kind == "story"}
    articles = {k: a for k, a in catalog.articles.items() if a.path not in paths}
    return replace(
        catalog,
        stories={k: s for k, s in catalog.stories.items() if k not in stories},
        articles=articles,
        annotations={k: a for k, a in catalog.annotations.items() if k in articles},
        lessons={k: lesson for k, lesson in catalog.lessons.items() if lesson.path not in paths},
        quizzes={k: m for k, m in catalog.quizzes.items() if m.path not in paths},
        problems=[p for p in catalog.problems if p.path not in paths],
    )
