"""attempt: an index that answers "each student's latest submitted attempt" on its own (reports, dashboards)

Revision ID: 0170
Revises: 0003
Create Date: 2026-12-03 02:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0170'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('ix_attempt_latest', ['user_id', 'module_id', 'number', 'submitted_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_attempt_latest')
