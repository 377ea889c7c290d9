"""The glue between the views and the remembered pages: the key, the stamp, the time.

A class report is built from the class (its row, assignments, accommodations, enrolments, teachers), its
students' rows and work, the catalog the reader sees, and the time (a cell turns late after its due date). A
student's dashboard is built from their row and work, their classes, the catalog and the time. The stamps
cover the rows (crosscheck/stamps/triggers.py), the key the catalog, and `until` the time, so a remembered
page is never older than the data a new build would read.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request
from sqlalchemy import bindparam, func, select

from crosscheck.catalog_access import get_catalog, served
from crosscheck.classes.models import Enrollment
from crosscheck.progress.statements import run
from crosscheck.stamps.cache import RememberedPages
from crosscheck.stamps.models import ClassStamp, WorkStamp
from crosscheck.timezone import utcnow

# Store name -> the config setting of its size (entries per worker; 0 keeps none; crosscheck/config.py).
STORES = {
    "reports": "REMEMBERED_REPORTS",
    "dashboards": "REMEMBERED_DASHBOARDS",
    "drill_downs": "REMEMBERED_DRILL_DOWNS",
}


def register_remembered_pages(app: Flask) -> None:
    """Each worker's stores of built pages, sized by config."""
    for name, setting in STORES.items():
        app.extensions[f"crosscheck.remembered.{name}"] = RememberedPages(int(app.config[setting]))


def _stamp_statement(own_table, own_key, others_table, others_key, enrolment_side, others_side):
    """SELECT (the owner's version), (the sum of the versions of what its enrolments link it to), built once."""
    owner = bindparam("owner")
    own = select(own_table.version).where(own_key == owner).scalar_subquery()
    others = (
        select(func.coalesce(func.sum(others_table.version), 0))
        .join(Enrollment, enrolment_side == others_key)
        .where(others_side == owner)
        .scalar_subquery()
    )
    return select(own, others)


# Built once and run on the session's connection (Core): through the ORM's execute they cost four times as much.
CLASS_STAMP = _stamp_statement(
    ClassStamp, ClassStamp.classroom_id, WorkStamp, WorkStamp.user_id, Enrollment.student_id, Enrollment.classroom_id
)
STUDENT_STAMP = _stamp_statement(
    WorkStamp, WorkStamp.user_id, ClassStamp, ClassStamp.classroom_id, Enrollment.classroom_id, Enrollment.student_id
)
# A student's drill-down reads the class's own rows and that student's work only: a classmate's answer leaves
# it as it was, so it is kept under these two versions, not under the class's sum of every student's.
DRILL_DOWN_STAMP = select(
    select(ClassStamp.version).where(ClassStamp.classroom_id == bindparam("classroom")).scalar_subquery(),
    select(WorkStamp.version).where(WorkStamp.user_id == bindparam("student")).scalar_subquery(),
)


def class_stamp(class_id: int) -> tuple[int, int]:
    """(the class's version, the sum of its students' versions): any write a report reads moves one of them."""
    ((own, students),) = run(CLASS_STAMP, {"owner": class_id})
    return (own or 0, int(students))


def student_stamp(user_id: int) -> tuple[int, int]:
    """(the student's version, the sum of their classes' versions, removed enrolments too): any write their
    dashboard reads moves one of them (a new or ended enrolment moves its class's)."""
    ((own, classes),) = run(STUDENT_STAMP, {"owner": user_id})
    return (own or 0, int(classes))


def drill_down_stamp(class_id: int, student_id: int) -> tuple[int, int]:
    """(the class's version, the student's version): each only grows, so a stamp never comes back."""
    ((own, student),) = run(DRILL_DOWN_STAMP, {"classroom": class_id, "student": student_id})
    return (own or 0, student or 0)


def catalog_identity(served_now, catalog) -> tuple:
    """What tells two readers' catalogs apart: the served content (its generation and object) and which of it
    they see. The entry keeps the served catalog alive, so its id is never another catalog's while kept."""
    if catalog is served_now.catalog:  # the reader sees all of it (no school content hidden): nothing to list
        return (served_now.generation, id(catalog))
    seen = (frozenset(catalog.quizzes), frozenset(catalog.lessons), frozenset(catalog.articles))
    return (served_now.generation, id(served_now.catalog), *seen)


def remembered(store: str, page: tuple, stamp: Callable[[], tuple], build: Callable):
    """What `build(catalog, now)` makes for `page`, built again only when its stamp or the time says so.

    `build` returns (value, until): the value and the first moment it may no longer hold (None: no moment).
    The stamp is read before anything the build reads, so what is kept is never older than its stamp; and what
    was built while new content came in is served but not kept (its key would name the newer content).
    """
    pages: RememberedPages = current_app.extensions[f"crosscheck.remembered.{store}"]
    served_now = served()
    catalog = get_catalog()
    key = (page, catalog_identity(served_now, catalog), request.script_root)
    stamped = stamp()
    now = utcnow()
    kept = pages.get(key, stamped, now)
    if kept is not None:
        return kept[0]
    value, until = build(catalog, now)
    if served() is served_now:  # a refresh makes a new Served: the same one means no content came in meanwhile
        pages.put(key, stamped, (value, served_now.catalog), until)
    return value


def remembered_report(page: tuple, classroom, build: Callable):
    """A class report's page (its part below the tabs, or its CSV table), kept per class and stamp.

    The class's row is read before its stamp (the access check reads it), so what the page shows of it (name,
    join code) is part of the key: a rename between the two reads cannot be kept under the newer stamp.
    """
    return remembered("reports", (*page, *_shown(classroom)), lambda: class_stamp(classroom.id), build)


def remembered_drill_down(page: tuple, classroom, student_id: int, build: Callable):
    """A student's drill-down as staff read it (its part below the heading, or its CSV table), kept per class,
    student and drill_down_stamp; the class's shown row is part of the key, as for remembered_report."""
    key = (*page, student_id, *_shown(classroom))
    return remembered("drill_downs", key, lambda: drill_down_stamp(classroom.id, student_id), build)


def _shown(classroom) -> tuple:
    """What a class's pages show of its row, read before the stamp: part of their key."""
    return (classroom.id, classroom.name, classroom.join_code)
