"""The people and classes of a generated school: users, classes, teachers, enrolments and assignments.

Pure Python: every row is a dict ready for a Core bulk insert, ids are given here (1, 2, ...), and the
same seed gives the same school. Times are relative to `now`, so due dates stay some past, some to come.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

FIRST = "Amara Ben Chloé Dev Eitan Fatima Grace Hugo Ines Jonas Kenji Lena Mateo Nia Omar Priya Quinn Rosa Sami Tariq"
LAST = "Okafor Kowalski Martin Patel Levi Zahra Novak Silva Nguyen Müller Haddad Rossi Tanaka Costa Ivanova Byrne"
PASSWORD = "bench-password"


@dataclass(frozen=True)
class SchoolSize:
    """How big a school to make. The first class has exactly `report_class` students (the reports' class)."""

    students: int = 2000
    classes: int = 80
    report_class: int = 35
    moved_share: float = 0.01  # students who changed class: a removed enrolment in another class

    @property
    def teachers(self) -> int:
        """About five teachers for every eight classes (so most teach one or two)."""
        return max(1, self.classes * 5 // 8)


@dataclass
class People:
    """Rows for the user, classroom, class_teacher, enrollment and assignment tables, plus who is where."""

    users: list[dict] = field(default_factory=list)
    classrooms: list[dict] = field(default_factory=list)
    class_teachers: list[dict] = field(default_factory=list)
    enrollments: list[dict] = field(default_factory=list)
    assignments: list[dict] = field(default_factory=list)
    class_of: dict[int, int] = field(default_factory=dict)  # student id -> current class id
    due: dict[tuple[int, str, str], datetime | None] = field(default_factory=dict)  # (class, kind, target) -> due
    students: list[int] = field(default_factory=list)


def teaching_order(catalog) -> list[tuple[str, str]]:
    """(kind, id) of every lesson and quiz module in the order a class meets them.

    Each lesson (the catalog keeps them in teaching order), then the single-skill modules that practise it;
    the others (modules with several skills) after them, in the catalog's teaching order of modules.
    """
    modules = catalog.modules_in_order()
    order: list[tuple[str, str]] = []
    for lesson in catalog.lessons.values():
        order.append(("lesson", lesson.id))
        order += [("quiz", m.id) for m in modules if m.lesson == lesson.id and len(m.skills) == 1]
    placed = {target for _, target in order}
    order += [("quiz", m.id) for m in modules if m.id not in placed]
    return order


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST.split())} {rng.choice(LAST.split())}"


def _class_sizes(size: SchoolSize) -> list[int]:
    """The report class first, then the other students spread evenly (sizes differ by at most one)."""
    first = min(size.report_class, size.students)
    rest, others = size.students - first, size.classes - 1
    if others <= 0:
        return [size.students]
    return [first] + [rest // others + (1 if n < rest % others else 0) for n in range(others)]


def make_people(size: SchoolSize, catalog, password_hash: str, seed: int, now: datetime) -> People:
    """Teachers, an admin, students, classes with 1-2 teachers each, enrolments and every assignment."""
    rng = random.Random(f"{seed}:people")
    people = People()
    created = now - timedelta(days=60)

    def user(username: str, role: str) -> int:
        user_id = len(people.users) + 1
        people.users.append(
            {
                "id": user_id,
                "username": username,
                "display_name": _name(rng),
                "password_hash": password_hash,
                "role": role,
                "is_active_account": True,
                "created_at": created,
            }
        )
        return user_id

    user("bench-admin", "admin")
    teachers = [user(f"teacher{n:03d}", "teacher") for n in range(1, size.teachers + 1)]
    people.students = [user(f"student{n:04d}", "student") for n in range(1, size.students + 1)]
    order = teaching_order(catalog)
    unplaced = list(people.students)
    for class_id, class_size in enumerate(_class_sizes(size), start=1):
        _add_class(people, rng, class_id, teachers, now)
        for student_id in unplaced[:class_size]:
            _enrol(people, class_id, student_id, joined=created + timedelta(days=rng.randint(0, 5)))
            people.class_of[student_id] = class_id
        unplaced = unplaced[class_size:]
        _assign(people, rng, class_id, teachers[(class_id - 1) % len(teachers)], order, now)
    _move_some(people, size, rng, created)
    return people


def _add_class(people: People, rng: random.Random, class_id: int, teachers: list[int], now: datetime) -> None:
    """A class with its main teacher and, for about a third of classes, a co-teacher."""
    people.classrooms.append(
        {
            "id": class_id,
            "name": f"Year {9 + class_id % 4} Media Literacy {class_id:02d}",
            "join_code": f"B{class_id:03d}-{rng.randrange(10**4):04d}",
            "archived": False,
            "created_at": now - timedelta(days=60),
        }
    )
    main = teachers[(class_id - 1) % len(teachers)]
    people.class_teachers.append({"classroom_id": class_id, "user_id": main})
    if len(teachers) > 1 and rng.random() < 0.33:
        co = rng.choice([t for t in teachers if t != main])
        people.class_teachers.append({"classroom_id": class_id, "user_id": co})


def _enrol(people: People, class_id: int, student_id: int, joined: datetime, removed: datetime | None = None) -> None:
    people.enrollments.append(
        {
            "id": len(people.enrollments) + 1,
            "classroom_id": class_id,
            "student_id": student_id,
            "joined_at": joined,
            "removed_at": removed,
        }
    )


def _assign(people: People, rng: random.Random, class_id: int, teacher: int, order, now: datetime) -> None:
    """Every lesson and module, due every few days from a start 30-50 days ago: most past, some to come."""
    start = now - timedelta(days=rng.randint(30, 50))
    for n, (kind, target) in enumerate(order, start=1):
        due = (start + timedelta(days=4 * n)).replace(hour=23, minute=59, second=59, microsecond=0)
        people.assignments.append(
            {
                "id": len(people.assignments) + 1,
                "classroom_id": class_id,
                "kind": kind,
                "target_id": target,
                "due_at": due,
                "created_by": teacher,
                "created_at": start - timedelta(days=1),
            }
        )
        people.due[(class_id, kind, target)] = due


def _move_some(people: People, size: SchoolSize, rng: random.Random, created: datetime) -> None:
    """A few students left another class for their current one: the old enrolment stays, marked removed."""
    classes = [c["id"] for c in people.classrooms]
    movers = [s for s in people.students if people.class_of[s] != 1]
    if len(classes) < 3 or not movers:
        return
    for student_id in rng.sample(movers, int(len(movers) * size.moved_share)):
        old = rng.choice([c for c in classes if c not in (1, people.class_of[student_id])])
        _enrol(people, old, student_id, created, removed=created + timedelta(days=3))
