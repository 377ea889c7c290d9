"""co-teacher invitations: a teacher invites a username, the teacher with that username accepts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 23:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('class_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('invited_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_class_invitation_classroom_id_classroom'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by'], ['user.id'], name=op.f('fk_class_invitation_invited_by_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_invitation')),
    sa.UniqueConstraint('classroom_id', 'username', name=op.f('uq_class_invitation_classroom_id'))
    )
    with op.batch_alter_table('class_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_invitation_classroom_id'), ['classroom_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_invitation_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_invitation_username'), ['username'], unique=False)


def downgrade():
    with op.batch_alter_table('class_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_invitation_username'))
        batch_op.drop_index(batch_op.f('ix_class_invitation_created_at'))
        batch_op.drop_index(batch_op.f('ix_class_invitation_classroom_id'))
    op.drop_table('class_invitation')
