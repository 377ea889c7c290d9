"""The benchmark's small parts: the baseline route, wrk's output, the answer forms it posts, a missing wrk, the
multiplied content."""

from __future__ import annotations

import random

import pytest

from bench.answers import right_answer, wrong_answer
from bench.content_timing import multiply_content
from bench.wrk import WrkMissing, parse, require_wrk
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.items import item_type
from tests.conftest import counting_queries

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.20ms    1.02ms  30.11ms   90.00%
    Req/Sec     1.30k   100.00     1.50k    70.00%
  Latency Distribution
     50%    6.10ms
     75%    6.50ms
     90%    6.90ms
     99%   12.00ms
  25900 requests in 10.00s, 11.00MB read
Requests/sec:   2590.00
Transfer/sec:      1.10MB
BENCH requests=25900 duration_us=10000000 p50_us=6100 p95_us=6600 p99_us=12000 max_us=30110 errors_status=0 errors_socket=0 exhausted=3
"""


def test_the_bare_route_answers_without_touching_the_database(client):
    with counting_queries() as statements:
        response = client.get("/health/bare")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert statements == []


def test_wrk_figures_are_read_from_its_output():
    measure = parse("baseline", WRK_OUTPUT)
    assert (measure.rps, measure.p50_ms, measure.p95_ms, measure.requests) == (2590.0, 6.1, 6.6, 25900)
    assert measure.latency_table == {"p50": 6.1, "p75": 6.5, "p90": 6.9, "p99": 12.0}
    assert not measure.clean  # three requests were wanted after the end of a send-once list


def test_a_missing_wrk_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(WrkMissing, match="apt-get install wrk"):
        require_wrk()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_answer_form_posts_the_answer_it_was_built_from(app, seed):
    rng = random.Random(seed)
    for module in app.extensions["crosscheck.catalog"].quizzes.values():
        for item in module.items:
            kind = item_type(item.type)
            view = kind.view(item.content, rng.randrange(2**31), module.settings.shuffle_options)
            for answer in (right_answer(item.content), wrong_answer(item.content, rng)):
                posted = kind.answer_from_form(view, kind.form_data(view, answer))
                assert kind.grade(item.content, posted) == kind.grade(item.content, kind.as_submitted(answer)), item.id
                assert kind.grade(item.content, answer).points < item.points or answer == right_answer(item.content)


def test_multiplied_content_loads_without_errors(tmp_path):
    """Every module three times, post-tests paired with their own pre-test's clone: a clean catalog."""
    shipped = load_catalog(PROJECT_ROOT)
    catalog = load_catalog(multiply_content(tmp_path / "content", copies=3))
    assert catalog.errors == []
    assert len(catalog.quizzes) == 3 * len(shipped.quizzes)


def test_instruction_counts_read_callgrinds_totals_and_refuse_an_empty_count():
    from bench.instructions import totals

    assert totals("version: 1\nevents: Ir\nsummary: 0\ntotals: 279245000\n") == 279245000
    with pytest.raises(ValueError, match="no totals"):
        totals("version: 1\nevents: Ir\n")


def test_instruction_counts_say_what_is_missing(monkeypatch, tmp_path, capsys):
    import bench.instructions as instructions

    monkeypatch.setattr(instructions, "WORK", tmp_path)  # nothing built there yet
    monkeypatch.setattr(instructions.shutil, "which", lambda tool: None if tool == "valgrind" else f"/usr/bin/{tool}")
    monkeypatch.setattr("sys.argv", ["bench.instructions"])
    assert instructions.main() == 2
    assert "valgrind is not installed (apt-get install valgrind)" in capsys.readouterr().err


def test_a_figure_is_also_compared_with_the_bare_route_run_just_before_it():
    """The results table's column for the bare route beside a figure: its two ratios and its own speed."""
    from dataclasses import replace

    from bench.results import beside

    figure = replace(parse("answering", WRK_OUTPUT), rps=500.0, p95_ms=32.0)
    assert beside(figure) == "-"
    assert beside(replace(figure, beside=(2000.0, 8.0))) == "25.0%, 4.0x (2,000 req/s)"
