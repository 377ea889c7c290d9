"""Loading the catalog pauses Python's cycle collector and gives it back as it found it."""

import gc

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from tests.conftest import shared_catalog


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_paused_while_loading_and_left_as_it_was(enabled):
    thresholds = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults, not the test run's (tests/conftest.py) ...
    gc.collect()  # ... counted from zero: allocations the run's threshold let pass would trigger one at once
    (gc.enable if enabled else gc.disable)()
    try:
        before = gc.get_stats()[0]["collections"]
        catalog = load_catalog(PROJECT_ROOT)
        collections = gc.get_stats()[0]["collections"] - before
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
        gc.set_threshold(*thresholds)
    assert catalog.errors == [] and len(catalog.quizzes) == 9
    assert collections <= 1  # at most the one that runs once it is enabled again (dozens without the pause)


def test_modules_in_teaching_order_put_a_pre_test_first_and_its_post_test_last():
    order = [module.id for module in shared_catalog().modules_in_order()]
    assert order[0] == "pre-test" and order[-1] == "post-test", order
    assert order.index("spot-unverified") < order.index("final-mixed")  # single-skill modules before the final
