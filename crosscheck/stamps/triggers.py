"""The triggers that move the stamps: every table a class report reads, and whose stamp a write to it moves.

A trigger, not the views' code, moves a stamp, so that no write can forget to: a service, a regrade, a CLI
command, an import or a test's own rows all go through the database. Changing FEEDS needs a migration that
drops the triggers (drop_sql) and creates them again (create_sql), as migrations/versions/0176 created them; so
does a later migration that rebuilds a fed table on SQLite (Alembic's batch_alter_table copies the table: SQLite
drops the table's triggers with it, and another table's trigger naming it stops the copy): run drop_sql before
the rebuild and create_sql after. tests/stamps/test_triggers.py, run at the newest migration, fails until then.
On PostgreSQL the triggers fire at the commit (deferred constraint triggers): a transaction takes its stamp rows
after every row it writes, so two writers of one student's rows wait for each other instead of deadlocking.
"""

from __future__ import annotations

from dataclasses import dataclass

STAMPS = {"work": ("work_stamp", "user_id"), "class": ("class_stamp", "classroom_id")}
_ANSWERER = "(SELECT a.user_id FROM response r JOIN attempt a ON a.id = r.attempt_id WHERE r.id = {row}.response_id)"


@dataclass(frozen=True)
class Feed:
    """A table whose rows feed reports, the stamp its writes move, and whose stamp: `{row}` is OLD or NEW."""

    table: str
    stamp: str  # "work" or "class"
    owner: str


FEEDS = [
    Feed("attempt", "work", "{row}.user_id"),
    Feed("response", "work", "(SELECT user_id FROM attempt WHERE id = {row}.attempt_id)"),
    Feed("mark", "work", _ANSWERER),
    Feed("score_change", "work", _ANSWERER),
    Feed("lesson_progress", "work", "{row}.user_id"),
    Feed("user", "work", "{row}.id"),  # names, usernames
    Feed("classroom", "class", "{row}.id"),
    Feed("assignment", "class", "{row}.classroom_id"),
    Feed("accommodation", "class", "(SELECT classroom_id FROM assignment WHERE id = {row}.assignment_id)"),
    Feed("enrollment", "class", "{row}.classroom_id"),
    # ... and the student's: a dashboard's stamp sums its classes' versions over the student's enrolments, a sum
    # that an enrolment deleted could bring back to a value it had; the student's own version never goes back.
    Feed("enrollment", "work", "{row}.student_id"),
    Feed("class_teacher", "class", "{row}.classroom_id"),
]


def create_sql(dialect: str) -> list[str]:
    """The statements that create every trigger (and on PostgreSQL their functions)."""
    if dialect == "postgresql":
        return _postgresql_helpers() + [s for feed in FEEDS for s in _postgresql(feed)]
    return [s for feed in FEEDS for event in ("INSERT", "UPDATE", "DELETE") for s in [_sqlite(feed, event)]]


def drop_sql(dialect: str) -> list[str]:
    """The statements that drop what create_sql made."""
    if dialect == "postgresql":
        drops = [f'DROP TRIGGER IF EXISTS {_name(f)} ON "{f.table}"' for f in FEEDS]
        drops += [f"DROP FUNCTION IF EXISTS {_name(f)}()" for f in FEEDS]
        return drops + [f"DROP FUNCTION IF EXISTS stamp_move_{kind}(integer)" for kind in STAMPS]
    return [f"DROP TRIGGER IF EXISTS {_name(f)}_{e.lower()}" for f in FEEDS for e in ("INSERT", "UPDATE", "DELETE")]


def _name(feed: Feed) -> str:
    """stamp_<stamp>_<table>: a table may feed both stamps."""
    return f"stamp_{feed.stamp}_{feed.table}"


def seed_sql() -> list[str]:
    """A stamp of 1 for every user and class: what a database whose people have been at work holds (a bulk
    load that wrote its rows before create_sql writes these instead; both engines)."""
    return [
        f'INSERT INTO {table} ({key}, version) SELECT id, 1 FROM "{owners}"'
        for (table, key), owners in zip(STAMPS.values(), ("user", "classroom"), strict=True)
    ]


def _sqlite(feed: Feed, event: str) -> str:
    """One SQLite trigger: the owner of the new row, the old row, or both (UNION: once if the same)."""
    table, key = STAMPS[feed.stamp]
    rows = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}[event]
    owners = " UNION ".join(f"SELECT {feed.owner.format(row=row)} AS owner" for row in rows)
    return (
        f'CREATE TRIGGER {_name(feed)}_{event.lower()} AFTER {event} ON "{feed.table}" FOR EACH ROW BEGIN '
        f"INSERT INTO {table} ({key}, version) SELECT owner, 1 FROM ({owners}) WHERE owner IS NOT NULL "
        f"ON CONFLICT ({key}) DO UPDATE SET version = version + 1; END"
    )


def _postgresql_helpers() -> list[str]:
    """stamp_move_work(id) and stamp_move_class(id): create the stamp at 1 or add 1 (nothing for NULL)."""
    return [
        f"CREATE FUNCTION stamp_move_{kind}(owner integer) RETURNS void LANGUAGE sql AS $$ "
        f"INSERT INTO {table} ({key}, version) SELECT owner, 1 WHERE owner IS NOT NULL "
        f"ON CONFLICT ({key}) DO UPDATE SET version = {table}.version + 1 $$"
        for kind, (table, key) in STAMPS.items()
    ]


def _postgresql(feed: Feed) -> list[str]:
    """One PostgreSQL row trigger, fired at the commit, and its function."""
    move = f"stamp_move_{feed.stamp}"
    return [
        f"CREATE FUNCTION {_name(feed)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'DELETE' THEN PERFORM {move}({feed.owner.format(row='NEW')}); END IF; "
        f"IF TG_OP <> 'INSERT' THEN PERFORM {move}({feed.owner.format(row='OLD')}); END IF; "
        "RETURN NULL; END $$",
        # Deferred to the commit: a transaction takes its stamp rows last, in the order it wrote (a regrade: by
        # student id), after every row it writes; taken at each write, a regrade holding Ben's stamp and waiting
        # for his other answer would deadlock with a co-teacher's undo holding that answer and waiting for it.
        f'CREATE CONSTRAINT TRIGGER {_name(feed)} AFTER INSERT OR UPDATE OR DELETE ON "{feed.table}" '
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {_name(feed)}()",
    ]
