"""Lessons: Markdown lessons with directives that pull verbatim text from the catalogue; progress per user."""
