"""The marking tests use the sample modules (tests/quizzes/good), whose sample-written module has written items."""

from tests.quizzes.conftest import app, quiz_root, sample_catalog  # noqa: F401
