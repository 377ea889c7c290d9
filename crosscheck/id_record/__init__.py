"""The record of which file keeps each article, lesson and module id, so a file added later cannot take it.

The loaders settle an id several files give by rules that need no database (crosscheck/content/loading/ids.py):
the known holder, then a shipped file over a teacher's extra file, a file named after the id, the first by name.
Every file in the content folders counts as shipped there, so without a memory of what was served a teacher's
new file named to sort first (`0-spot-unverified.yaml`) would take a module's id at the next start. Each load
against the database (every start of the app, so every `flask` command, `content check` included) records the
file in the content folders that keeps each id (models.IdHolder); the next load tells the loaders so
(loading.build_recorded_catalog, the one place that says which known holder wins).
"""
