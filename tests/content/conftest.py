"""Fixtures for lesson tests: a content root with the real articles and small annotations of them."""

import pytest

from tests.content.lesson_files import content_root
from tests.content.small_annotations import write_small_annotations


@pytest.fixture
def annotated_root(tmp_path):
    """The shipped articles with the small test annotations (not the shipped ones, which may grow)."""
    root = content_root(tmp_path)
    write_small_annotations(root)
    return root
