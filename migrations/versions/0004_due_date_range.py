"""due dates within a sane range: far dates already stored are brought in, then a check keeps them there

Revision ID: 0004
Revises: 0004_written
Create Date: 2026-11-30 10:00:00

"""
from alembic import op


revision = '0004'
down_revision = '0004_written'
branch_labels = None
depends_on = None

RANGE = "due_at BETWEEN '1999-12-31 00:00:00' AND '2100-01-01 23:59:59'"


def upgrade():
    # A year-9999 due date made every page of its class answer 500: move such dates to the nearest end of the
    # range (still far away, still on the same side of today), so the class works again after the upgrade.
    op.execute("UPDATE assignment SET due_at = '2099-12-31 23:59:59' WHERE due_at > '2100-01-01 23:59:59'")
    op.execute("UPDATE assignment SET due_at = '2000-01-01 23:59:59' WHERE due_at < '1999-12-31 00:00:00'")
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_check_constraint('due_at_range', RANGE)


def downgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_assignment_due_at_range'), type_='check')
