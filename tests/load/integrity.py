"""Is the database consistent? SQLite's own checks, then orphans and duplicates on every engine."""

from __future__ import annotations

from sqlalchemy import ForeignKeyConstraint, Index, UniqueConstraint, and_, func, select, text

from crosscheck.extensions import db


def integrity_problems() -> list[str]:
    """Everything wrong with the database of the current app context (empty when consistent)."""
    problems = []
    if db.engine.dialect.name == "sqlite":
        result = db.session.execute(text("PRAGMA integrity_check")).scalars().all()
        if result != ["ok"]:
            problems.append(f"PRAGMA integrity_check: {result[:5]}")
        broken = db.session.execute(text("PRAGMA foreign_key_check")).all()
        if broken:
            problems.append(f"PRAGMA foreign_key_check: {broken[:5]}")
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, ForeignKeyConstraint):
                problems += _orphans(table, constraint)
            elif isinstance(constraint, UniqueConstraint):
                problems += _duplicates(table, list(constraint.columns), None)
        for index in table.indexes:
            if isinstance(index, Index) and index.unique:
                where = index.dialect_options["postgresql"].get("where")
                problems += _duplicates(table, list(index.columns), where)
    return problems


def _orphans(table, constraint: ForeignKeyConstraint) -> list[str]:
    """Rows whose foreign key points at no row."""
    parent = constraint.referred_table
    pairs = [(element.parent, element.column) for element in constraint.elements]
    join_on = and_(*(child == parent_col for child, parent_col in pairs))
    not_null = and_(*(child.is_not(None) for child, _ in pairs))
    query = select(func.count()).select_from(table.outerjoin(parent, join_on))
    query = query.where(not_null, pairs[0][1].is_(None))
    count = db.session.scalar(query)
    return [f"{count} row(s) of {table.name} point at no {parent.name}"] if count else []


def _duplicates(table, columns, where) -> list[str]:
    """Groups of rows that share a value their unique constraint or index forbids to share."""
    query = select(*columns).group_by(*columns).having(func.count() > 1)
    if where is not None:
        query = query.where(where)
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    names = ", ".join(c.name for c in columns)
    return [f"{count} duplicate group(s) in {table.name} ({names})"] if count else []
