"""SQL statements per report page for a class of 5 and a class of 500 students, counted in-process.

A copy of the school gets two more classes of the same teacher (5 and 500 of its students, every lesson and
module assigned); the teacher signs in through the real form with the test client, and a SQLAlchemy
before_cursor_execute listener counts the statements each page runs.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlalchemy import event, func, insert, select

from bench.generate import bench_app
from bench.school import PASSWORD
from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher, Enrollment
from crosscheck.extensions import db

SIZES = (5, 500)
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
PAGES = (
    "overview",
    "skills",
    "items/{module}",
    "overview.csv",
    "skills.csv",
    "items/{module}.csv",
)


def copy_database(source: Path, destination: Path) -> Path:
    """A consistent copy of a SQLite database (WAL included), through SQLite's backup API."""
    destination.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(destination) as dst:
        src.backup(dst)
    return destination


def _add_class(teacher_id: int, size: int, template_class: int) -> int:
    """A class of `size` existing students with the template class's assignments; returns its id."""
    class_id = (db.session.scalar(select(func.max(Classroom.id))) or 0) + 1
    db.session.execute(insert(Classroom).values(id=class_id, name=f"Query count {size}", join_code=f"QC-{size}"))
    db.session.execute(insert(ClassTeacher).values(classroom_id=class_id, user_id=teacher_id))
    students = db.session.scalars(select(User.id).where(User.role == "student").order_by(User.id).limit(size)).all()
    db.session.execute(insert(Enrollment), [{"classroom_id": class_id, "student_id": s} for s in students])
    for a in db.session.scalars(select(Assignment).where(Assignment.classroom_id == template_class)).all():
        db.session.execute(
            insert(Assignment).values(classroom_id=class_id, kind=a.kind, target_id=a.target_id, due_at=a.due_at)
        )
    db.session.commit()
    return class_id


def signed_in_client(app, username: str):
    """A test client signed in through the real sign-in form (CSRF token from the page)."""
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    reply = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    if reply.status_code != 302:
        raise RuntimeError(f"{username} could not sign in: {reply.status_code}")
    return client


def count_queries(database: Path, teacher: str, template_class: int, module: str) -> dict[str, dict[int, int]]:
    """page -> {class size: statements run}, for every report page and CSV."""
    # No content poll: a worker reads the workspace's generation at most once a second, whichever page it serves
    # (one statement more in whichever request passes the second), which is not the page's own cost.
    app = bench_app(f"sqlite:///{database}", CONTENT_POLL_SECONDS=None)
    with app.app_context():
        teacher_id = db.session.scalar(select(User.id).where(User.username == teacher))
        classes = {size: _add_class(teacher_id, size, template_class) for size in SIZES}
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    client = signed_in_client(app, teacher)
    counts: dict[str, dict[int, int]] = {}
    for page in PAGES:
        name = page.format(module=module)
        for size, class_id in classes.items():
            statements.clear()
            response = client.get(f"/reports/classes/{class_id}/{name}")
            if response.status_code != 200:
                raise RuntimeError(f"{name} for the class of {size} answered {response.status_code}")
            counts.setdefault(name, {})[size] = len(statements)
    return counts
