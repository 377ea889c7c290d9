"""sign-in failures remember the known browser they came from (the throttle counts per username and place);
failed sign-ups are counted per address

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 21:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('browser', sa.String(length=32), nullable=True))
    op.create_table('signup_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('remote_addr', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signup_failure'))
    )
    with op.batch_alter_table('signup_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signup_failure_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_signup_failure_remote_addr'), ['remote_addr'], unique=False)


def downgrade():
    with op.batch_alter_table('signup_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signup_failure_remote_addr'))
        batch_op.drop_index(batch_op.f('ix_signup_failure_at'))
    op.drop_table('signup_failure')
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.drop_column('browser')
