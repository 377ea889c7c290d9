"""signup_failure.student_id: a signed-in student's wrong join codes (Join a class) count against that student

Revision ID: 0175
Revises: 0174
Create Date: 2026-12-03 18:40:00

Sign-up's failures stay counted per address (student_id NULL); a student already signed in who types a wrong
code under Join a class is held back alone, never their classmates at the same address.
"""
from alembic import op
import sqlalchemy as sa


revision = '0175'
down_revision = '0174'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('signup_failure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('student_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_signup_failure_student_id'), ['student_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_signup_failure_student_id_user'), 'user', ['student_id'], ['id'], ondelete='CASCADE'
        )


def downgrade():
    with op.batch_alter_table('signup_failure', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_signup_failure_student_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_signup_failure_student_id'))
        batch_op.drop_column('student_id')
