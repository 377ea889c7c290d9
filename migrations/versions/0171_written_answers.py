"""written answers: Response.points NULL while awaiting marking; answer drafts; marks and score changes

Revision ID: 0004_written
Revises: 0170
Create Date: 2026-12-03 02:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_written'
down_revision = '0170'
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
    op.create_table('mark',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('marked_by', sa.Integer(), nullable=True),
    sa.Column('marked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['marked_by'], ['user.id'], name=op.f('fk_mark_marked_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_mark_response_id_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', name=op.f('pk_mark'))
    )
    op.create_table('score_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('old_points', sa.Float(), nullable=True),
    sa.Column('new_points', sa.Float(), nullable=True),
    sa.Column('old_max', sa.Float(), nullable=False),
    sa.Column('new_max', sa.Float(), nullable=False),
    sa.Column('old_answer', sa.JSON(), nullable=False),
    sa.Column('new_answer', sa.JSON(), nullable=False),
    sa.Column('old_hash', sa.String(length=64), nullable=False),
    sa.Column('new_hash', sa.String(length=64), nullable=False),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('undone_by', sa.Integer(), nullable=True),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('mark', 'regrade')", name=op.f('ck_score_change_kind')),
    sa.ForeignKeyConstraint(['changed_by'], ['user.id'], name=op.f('fk_score_change_changed_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_score_change_response_id_response'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['undone_by'], ['user.id'], name=op.f('fk_score_change_undone_by_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_change'))
    )
    with op.batch_alter_table('score_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_change_response_id'), ['response_id'], unique=False)


def downgrade():
    with op.batch_alter_table('score_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_change_response_id'))
    op.drop_table('score_change')
    op.drop_table('mark')
    op.drop_table('answer_draft')
    # Answers awaiting marking have no points: they count as 0 once the column is NOT NULL again.
    op.execute("UPDATE response SET points = 0 WHERE points IS NULL")
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.alter_column('points', existing_type=sa.Float(), nullable=False)
