"""Which file keeps a module id that several content files give, by what students answered.

The loaders settle a shared id by rules that need no database (crosscheck/content/loading/ids.py). Two files
in the content folders are both "shipped", so those rules fall back on names, and a teacher's new file named
after the id (`0-spot-unverified.yaml`) could take the id from the module students answered. Every answer is
stored with its item's hash (ItemVersion), so the database knows which file's questions were answered: that
file keeps the id, and the loaders are told so through their `known` holders
(crosscheck/id_record/loading.py, which also says what wins over what).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from crosscheck.content.catalog import Catalog
from crosscheck.content.loading.ids import MODULE
from crosscheck.content.loading.quizzes import item_hashes
from crosscheck.content.sources import ContentFiles, KnownHolders
from crosscheck.extensions import db
from crosscheck.quizzes.models import ItemVersion


def answered_holders(files: ContentFiles, catalog: Catalog) -> KnownHolders:
    """For each module id several of `files` give (as `catalog` found), the one file with the most questions
    students answered, when there is one (a file with an error counts the questions that still load); {}
    without a database to ask."""
    contested = {module_id: paths for (kind, module_id), paths in catalog.contested.items() if kind == MODULE}
    if not contested:
        return {}
    try:
        rows = db.session.execute(
            select(ItemVersion.module_id, ItemVersion.hash).where(ItemVersion.module_id.in_(contested))
        ).all()
    except SQLAlchemyError:  # no tables yet (before `flask init-db`): nobody has answered anything
        db.session.rollback()
        return {}
    answered: dict[str, set[str]] = {}
    for module_id, item_hash in rows:
        answered.setdefault(module_id, set()).add(item_hash)
    known = {}
    for module_id, paths in contested.items():
        if module_id not in answered:
            continue
        matched = {path: len(item_hashes(files.get(path), catalog) & answered[module_id]) for path in paths}
        best = max(matched.values())
        keepers = [path for path, count in matched.items() if count == best]
        if best and len(keepers) == 1:  # a tie (two copies of the answered questions) is left to the names
            known[(MODULE, module_id)] = keepers[0]
    return known
