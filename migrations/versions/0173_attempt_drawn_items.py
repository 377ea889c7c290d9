"""attempt.drawn: the items an attempt drew from its module's pools, fixed when it starts

Revision ID: 0173
Revises: 0172
Create Date: 2026-12-03 07:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0173'
down_revision = '0172'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('drawn', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('drawn')
