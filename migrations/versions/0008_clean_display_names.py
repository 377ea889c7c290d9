"""display names already stored lose invisible and direction-changing characters (as new names do)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 23:30:00

The rule is accounts/names.py's clean_display_name, copied here as it stands today so that this revision
always does the same. A name with nothing visible left becomes the username.
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

DROPPED = {"Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean(name):
    kept = (" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", name or ""))
    return " ".join("".join(ch for ch in kept if unicodedata.category(ch) not in DROPPED).split())


def upgrade():
    user = sa.table('user', sa.column('id', sa.Integer()), sa.column('username', sa.String()),
                    sa.column('display_name', sa.String()))
    conn = op.get_bind()
    for id_, username, name in conn.execute(sa.select(user.c.id, user.c.username, user.c.display_name)).all():
        cleaned = clean(name)[:100] or username
        if cleaned != name:
            conn.execute(user.update().where(user.c.id == id_).values(display_name=cleaned))


def downgrade():
    pass  # the characters taken out are not worth putting back
