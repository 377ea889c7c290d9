"""written answers: Response.points NULL while awaiting marking; answer drafts

Revision ID: 0004_written
Revises: 0003
Create Date: 2026-12-03 02:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_written'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.alter_column('points', existing_type=sa.Float(), nullable=True)

    op.create_table('answer_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_answer_draft_attempt_id_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_draft')),
    sa.UniqueConstraint('attempt_id', 'item_id', name=op.f('uq_answer_draft_attempt_id'))
    )


def downgrade():
    op.drop_table('answer_draft')
    # Answers awaiting marking have no points: they count as 0 once the column is NOT NULL again.
    op.execute("UPDATE response SET points = 0 WHERE points IS NULL")
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.alter_column('points', existing_type=sa.Float(), nullable=False)
