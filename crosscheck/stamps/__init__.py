"""Data stamps: a version per student and per class that the database itself moves on every write a class
report or a dashboard reads, so a page built once is served again only while nothing it was built from has changed.

models.py holds the two tables, triggers.py the triggers that move them (one list of what feeds a report),
cache.py the pure per-worker store, remember.py the glue the report views and the dashboard call.
"""
