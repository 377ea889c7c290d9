"""accommodations: a student's own due date and extra attempts on one assignment

Revision ID: 0171
Revises: 0010
Create Date: 2026-12-03 02:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0171'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accommodation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('extra_attempts', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('extra_attempts BETWEEN 0 AND 20', name=op.f('ck_accommodation_extra_attempts')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_accommodation_assignment_id_assignment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_accommodation_created_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['user.id'], name=op.f('fk_accommodation_student_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accommodation')),
    sa.UniqueConstraint('assignment_id', 'student_id', name=op.f('uq_accommodation_assignment_id'))
    )
    with op.batch_alter_table('accommodation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accommodation_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accommodation_student_id'), ['student_id'], unique=False)


def downgrade():
    with op.batch_alter_table('accommodation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accommodation_student_id'))
        batch_op.drop_index(batch_op.f('ix_accommodation_assignment_id'))
    op.drop_table('accommodation')
