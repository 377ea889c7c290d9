"""work_stamp and class_stamp: versions the database moves on every write a class report reads

Revision ID: 0176
Revises: 0175
Create Date: 2026-12-03 22:20:00

Triggers on the tables that feed the reports (crosscheck/stamps/triggers.py lists them) add one to the stamp
of the student or class a written row belongs to; a worker serves a report it built before only while the
stamps it was built under still hold. Nothing to fill in: a missing stamp reads as 0, the first write makes it 1.
"""

from alembic import op
import sqlalchemy as sa

from crosscheck.stamps.triggers import create_sql, drop_sql


revision = "0176"
down_revision = "0175"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "work_stamp",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_work_stamp")),
    )
    op.create_table(
        "class_stamp",
        sa.Column("classroom_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("classroom_id", name=op.f("pk_class_stamp")),
    )
    for statement in create_sql(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    for statement in drop_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("class_stamp")
    op.drop_table("work_stamp")
