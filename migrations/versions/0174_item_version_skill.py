"""item_version.skill: each stored version's skill beside its JSON, so reports read it without parsing the JSON

Revision ID: 0174
Revises: 0173
Create Date: 2026-12-03 09:40:00

The skill matrix, the dashboard and the drill-down count every answer under the skill its item had when it
was answered; reading that from each version's JSON cost a parse per answer. Versions already stored get the
skill their content holds.
"""
from alembic import op
import sqlalchemy as sa


revision = '0174'
down_revision = '0173'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('skill', sa.String(length=100), nullable=True))
    version = sa.table('item_version', sa.column('content', sa.JSON()), sa.column('skill', sa.String()))
    op.execute(version.update().values(skill=version.c.content['skill'].as_string()))
    with op.batch_alter_table('item_version', schema=None) as batch_op:
        batch_op.alter_column('skill', existing_type=sa.String(length=100), nullable=False)
        batch_op.create_index('ix_item_version_hash_skill', ['hash', 'skill'], unique=False)


def downgrade():
    with op.batch_alter_table('item_version', schema=None) as batch_op:
        batch_op.drop_index('ix_item_version_hash_skill')
        batch_op.drop_column('skill')
