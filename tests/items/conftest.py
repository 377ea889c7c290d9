"""The item tests use the sample modules' catalogue."""

from tests.quizzes.conftest import quiz_root, sample_catalog  # noqa: F401
