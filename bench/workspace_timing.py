"""What a publish costs with many school modules: each worker's catalog rebuild, and the editor's checks.

A school's published modules (clones of the shipped ones under new ids, all quoting the shipped articles) are
written straight into the workspace tables of a new SQLite database, then timed in this process: the rebuild
every worker runs when the content generation moves (`build_served`: the published files read from the
database, then everything loaded), and the check a save runs on one module (`check_draft`: quick, the module
alone against the served catalog, as the editor does; whole, everything loaded again, as a publish does).
Each figure is the quickest of a few runs (other processes only ever add time), and each run has new inputs:
the rebuild follows a publish of one more module, each check is of a draft changed again. A build from
unchanged files is answered from the results kept of the last one (crosscheck/content/loading/reuse.py), which
no publish is.

    .venv/bin/python -m bench.workspace_timing [--sizes 0,70,350,700] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from pathlib import Path

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.quizzes import MISCONCEPTIONS_FILE
from crosscheck.extensions import db

MODULE_ID = re.compile(r"^id: *(\S+) *$", re.M)
PRE_TEST = re.compile(r"^pre_test: *(\S+) *$", re.M)


def school_modules(count: int) -> dict[str, str]:
    """`count` module texts by id: the shipped modules cloned in turn under ids of their own.

    A post-test's clone names the clone of its pre-test from the same turn (a pre-test pairs with one post-test
    only); if the count stops before that clone, the post-test's clone pairs with none.
    """
    shipped = [p for p in sorted((PROJECT_ROOT / "quizzes").glob("*.yaml")) if p.name != MISCONCEPTIONS_FILE]
    texts = [p.read_text(encoding="utf-8") for p in shipped]
    ids = [MODULE_ID.search(text).group(1) for text in texts]
    modules = {}
    for n in range(count):
        text, turn = texts[n % len(texts)], n - n % len(texts)

        def own_pre_test(match: re.Match, turn: int = turn) -> str:
            clone = turn + ids.index(match.group(1))
            return f"pre_test: school-{clone:04d}" if clone < count else ""

        slug = f"school-{n:04d}"
        modules[slug] = PRE_TEST.sub(own_pre_test, MODULE_ID.sub(f"id: {slug}", text, count=1), count=1)
    return modules


def publish_directly(modules: dict[str, str]) -> None:
    """Write each module as a published document of one teacher and raise the content generation once."""
    from crosscheck.accounts.models import User
    from crosscheck.workspace.files import main_path
    from crosscheck.workspace.generation import bump_generation
    from crosscheck.workspace.models import Document, DocumentVersion

    teacher = db.session.scalar(db.select(User).where(User.username == "bench-author"))
    if teacher is None:
        teacher = User(username="bench-author", display_name="Bench Author", password_hash="-", role="teacher")
        db.session.add(teacher)
        db.session.flush()
    for slug, text in modules.items():
        doc = Document(slug=slug, kind="quiz", title=slug, author_id=teacher.id, state="published", revision=1)
        doc.published_number = 1
        db.session.add(doc)
        db.session.flush()
        files = {main_path("quiz", slug): text}
        db.session.add(DocumentVersion(document_id=doc.id, number=1, files=files, saved_by=teacher.id))
    bump_generation()
    db.session.commit()


def quickest(runs: int, action, before=lambda run: None) -> tuple[float, object]:
    """The quickest of `runs` calls of `action(run)`, in seconds, and its last result; `before(run)` readies
    each call's new inputs, untimed."""
    times, result = [], None
    for run in range(runs):
        before(run)
        started = time.perf_counter()
        result = action(run)
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(size: int, runs: int, folder: Path) -> dict:
    """Rebuild and check times with `size` published school modules."""
    from flask_migrate import upgrade

    from bench.generate import bench_app
    from crosscheck.workspace.checking import Draft, check_draft
    from crosscheck.workspace.files import main_path
    from crosscheck.workspace.generation import read_generation
    from crosscheck.workspace.live import build_served

    app = bench_app(f"sqlite:///{folder / f'workspace-{size}.db'}")
    with app.app_context():
        upgrade()
        modules = school_modules(size)
        publish_directly(modules)
        shipped = app.extensions["crosscheck.live"].shipped
        build_served(shipped, read_generation())  # the worker's catalog before the publishes (its start: untimed)
        one_more = school_modules(1)["school-0000"]

        def publish(run: int) -> None:  # a teacher publishes one more module: every worker rebuilds
            publish_directly({f"published-{run}": one_more.replace("school-0000", f"published-{run}", 1)})

        rebuild, served = quickest(runs, lambda run: build_served(shipped, read_generation()), publish)
        assert len(served.catalog.quizzes) >= size + runs and not served.catalog.errors, served.catalog.errors[:3]
        slug = next(iter(modules), "school-new")
        text = modules.get(slug) or one_more.replace("school-0000", slug)

        def draft(run: int) -> Draft:  # the module edited again: a check no kept result answers
            return Draft("quiz", slug, None, {main_path("quiz", slug): text.replace("title:", f"title: Edit {run}", 1)})

        quick, result = quickest(runs, lambda run: check_draft(shipped, served, draft(run), whole=False))
        assert not result.errors, result.errors
        whole, _ = quickest(runs, lambda run: check_draft(shipped, served, draft(runs + run), whole=True))
        db.engine.dispose()
    items = sum(len(m.items) for m in served.catalog.quizzes.values())
    return {"school": size, "modules": len(served.catalog.quizzes), "items": items, "rebuild": rebuild,
            "quick": quick, "whole": whole}  # fmt: skip


def main(argv: list[str] | None = None) -> list[dict]:
    """Measure each size and print one table row per size, with the load average beside it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,70,350,700", help="numbers of published school modules")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    print(
        "| school modules | modules (items) served | rebuild after a publish | quick check | whole check | load average |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            row = measure(size, args.runs, Path(folder))
            load = " ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"| {row['school']} | {row['modules']} ({row['items']}) | {row['rebuild']:.2f} s | "
                  f"{row['quick']:.3f} s | {row['whole']:.2f} s | {load} |", flush=True)  # fmt: skip
            rows.append(row)
    return rows


if __name__ == "__main__":
    main()
