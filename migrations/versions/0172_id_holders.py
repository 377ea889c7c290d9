"""which content file keeps each article, lesson and module id: id_holder

Revision ID: 0172
Revises: 0171
Create Date: 2026-12-03 06:40:00

Empty at the upgrade: the app records the files at its next start.
"""
from alembic import op
import sqlalchemy as sa


revision = '0172'
down_revision = '0171'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('id_holder',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('content_id', sa.String(length=100), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'content_id', name=op.f('pk_id_holder'))
    )


def downgrade():
    op.drop_table('id_holder')
