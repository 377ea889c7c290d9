"""Instructions per request, counted under valgrind's callgrind: a figure the host's other work does not move.

    make bench-instructions            (after a `make bench`, whose school it reads)
    .venv/bin/python -m bench.instructions [--only floor answering] [--source TREE]

On a shared virtual machine the in-process CPU figures of two identical runs can differ by 10-20%, more than
most changes this benchmark is asked to compare. The instructions a request executes do not depend on the
host: the same code gives the same count to within a fraction of a percent. Each figure runs the app
in-process (Flask's test client, on a copy of bench/work/queries.db, the school `make bench` made) under
`valgrind --tool=callgrind`, with counting switched on only around REQUESTS requests, after WARM uncounted
ones, by callgrind's client requests (a ten-line C extension, built here into bench/work/ with gcc; it needs
valgrind's headers and Python's). The count includes the test client's own work, which the bare route is
mostly made of. `--source TREE` counts another checkout's code (the same school), to compare two versions; it
runs on this checkout's virtual environment and needs the other's bench.generate, bench.profiles and
bench.query_counts.

An instruction is not a unit of time (a cache miss costs more than an addition): the count says which of two
versions does less and by about how much; `make bench` says how fast.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

WORK = Path(__file__).resolve().with_name("work")
SCHOOL = WORK / "queries.db"
WARM = 40
REQUESTS = 60
TOGGLE_C = r"""
#include <Python.h>
#include <valgrind/callgrind.h>
static PyObject* start(PyObject* s, PyObject* a) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_TOGGLE_COLLECT; Py_RETURN_NONE; }
static PyObject* stop(PyObject* s, PyObject* a) { CALLGRIND_TOGGLE_COLLECT; CALLGRIND_STOP_INSTRUMENTATION; Py_RETURN_NONE; }
static PyMethodDef methods[] = {{"start", start, METH_NOARGS, ""}, {"stop", stop, METH_NOARGS, ""}, {NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "callgrind_toggle", NULL, -1, methods};
PyMODINIT_FUNC PyInit_callgrind_toggle(void) { return PyModule_Create(&module); }
"""
FIGURES = {  # name -> what one request is
    "bare route": "GET /health/bare, signed out",
    "floor": "GET /account/password, a student",
    "dashboard": "GET /, a student",
    "answering": "POST a new answer, a student",
}


class Missing(RuntimeError):
    """A tool or file the count needs."""


def build_toggle() -> Path:
    """bench/work/callgrind_toggle*.so, built once (gcc, valgrind's and Python's headers)."""
    if shutil.which("valgrind") is None:
        raise Missing("valgrind is not installed (apt-get install valgrind)")
    target = WORK / f"callgrind_toggle{sysconfig.get_config_var('EXT_SUFFIX')}"
    if target.exists():
        return target
    if shutil.which("gcc") is None:
        raise Missing("gcc is not installed (apt-get install gcc)")
    if not Path("/usr/include/valgrind/callgrind.h").exists():
        raise Missing("valgrind's headers are missing (/usr/include/valgrind/callgrind.h: apt-get install valgrind)")
    if not Path(sysconfig.get_paths()["include"], "Python.h").exists():
        raise Missing("Python's headers are missing (Python.h: apt-get install python3-dev)")
    WORK.mkdir(exist_ok=True)
    source = WORK / "callgrind_toggle.c"
    source.write_text(TOGGLE_C)
    include = sysconfig.get_paths()["include"]
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", f"-I{include}", str(source), "-o", str(target)], check=True)
    return target


def count(name: str, source: Path) -> int:
    """Instructions per request of figure `name`, running `source`'s code under callgrind."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
            f"--callgrind-out-file={out}", sys.executable, str(Path(__file__).resolve()), "--child", name,
        ]  # fmt: skip
        # The source's crosscheck and bench packages (this file runs as a script), and the built extension.
        env = {**os.environ, "PYTHONPATH": f"{source}{os.pathsep}{WORK}", "BENCH_SCRATCH": scratch}
        done = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{name} failed under valgrind:\n{done.stderr[-2000:]}")
        return totals(out.read_text()) // REQUESTS


def totals(callgrind_out: str) -> int:
    """The instructions counted in a callgrind output file (its `totals:` line)."""
    for line in callgrind_out.splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise ValueError("no totals line: was anything counted?")


def child(name: str) -> None:
    """Under valgrind: WARM requests, then REQUESTS counted ones."""
    import callgrind_toggle  # built by build_toggle, found on PYTHONPATH

    one = request_maker(name)
    for _ in range(WARM):
        one()
    callgrind_toggle.start()
    for _ in range(REQUESTS):
        one()
    callgrind_toggle.stop()


def request_maker(name: str):
    """A function making one request of figure `name` on a copy of the school."""
    from sqlalchemy import select

    from bench.generate import bench_app
    from bench.profiles import answer_posts
    from bench.query_counts import copy_database, signed_in_client
    from crosscheck.accounts.models import User
    from crosscheck.extensions import db

    # In count()'s scratch folder, removed when the count ends (the school is about 100 MB).
    copy = copy_database(SCHOOL, Path(os.environ.get("BENCH_SCRATCH") or tempfile.mkdtemp()) / "school.db")
    app = bench_app(f"sqlite:///{copy}")
    if name == "answering":
        posts = iter(answer_posts(app, app.extensions["crosscheck.catalog"], WARM + REQUESTS + 3))

        def answer() -> None:
            client, url, data = next(posts)
            if client.post(url, data=data).status_code != 302:
                raise RuntimeError(f"{url} was not acknowledged")

        return answer
    if name == "bare route":
        client, path = app.test_client(), "/health/bare"
    else:
        with app.app_context():
            student = db.session.scalar(select(User.username).where(User.role == "student").order_by(User.id))
        client, path = signed_in_client(app, student), "/account/password" if name == "floor" else "/"

    def get() -> None:
        if client.get(path).status_code != 200:
            raise RuntimeError(f"{path} did not answer 200")

    return get


def main() -> int:
    """Count each figure; 2 when a tool or the school is missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=FIGURES, help="figures to count (default: all)")
    parser.add_argument("--source", type=Path, default=Path(__file__).parents[1], help="checkout whose code runs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child)
        return 0
    try:
        build_toggle()
        source = options.source.resolve()
        if not (source / "crosscheck").is_dir() or not (source / "bench" / "query_counts.py").exists():
            raise Missing(f"{source} is not a Crosscheck checkout with bench/query_counts.py")
        if not SCHOOL.exists():
            raise Missing(f"{SCHOOL.relative_to(Path.cwd()) if SCHOOL.is_relative_to(Path.cwd()) else SCHOOL} "
                          "is missing: run `make bench` first")  # fmt: skip
    except Missing as missing:
        print(f"bench.instructions: {missing}", file=sys.stderr)
        return 2
    print(f"| request | instructions per request ({REQUESTS} counted after {WARM}) |\n| --- | ---: |")
    for name in options.only or FIGURES:
        print(f"| {name}: {FIGURES[name]} | {count(name, source):,} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
