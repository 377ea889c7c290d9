"""Quizzes: modules of items written in YAML, attempts and responses scored per user."""
