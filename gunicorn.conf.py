"""Gunicorn settings for Crosscheck; `make serve` and docs/deploy.md start it with this file.

Every setting can be changed from the environment, so a service file needs no edited copy:
CROSSCHECK_BIND (default 127.0.0.1:8000: only a reverse proxy on the same machine reaches it),
CROSSCHECK_WORKERS (default 2 x cores + 1, at most 8), CROSSCHECK_TIMEOUT (seconds, default 30).
"""

import gc
import multiprocessing
import os

# The app's code (not an app) is imported once here, in the master: every view module (crosscheck.blueprints),
# the tables, the commands. Each worker forks with it loaded, so a worker starts (or restarts after a crash) in
# a fraction of the time and the workers share those pages of memory. Nothing here opens a database connection;
# each worker still builds its own app below.
import crosscheck.blueprints  # noqa: F401
import crosscheck.cli  # noqa: F401
import crosscheck.models  # noqa: F401
from crosscheck.config import config_from_environment
from crosscheck.content.loading import load_catalog

# The shipped content files are loaded once here too, from the files alone: each worker's own load of the same
# files (with the id holders its database records) reuses these results where they fit
# (crosscheck/content/loading/reuse.py) instead of parsing and checking every file again.
load_catalog(config_from_environment().CONTENT_DIR)

# Then frozen (the gc module's advice for a process that forks without exec): the code and the shipped content
# live as long as the process, so each worker's garbage collector skips them. Its collections scan only what the worker
# made, do not write into (and so copy) the shared pages, and the worker exits in a fraction of the time.
gc.freeze()

wsgi_app = "app:app"
bind = os.environ.get("CROSSCHECK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CROSSCHECK_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "sync"  # behind nginx, which buffers slow clients; every worker is a separate process
timeout = int(os.environ.get("CROSSCHECK_TIMEOUT", "30"))
graceful_timeout = 20
# Each worker builds its own app (catalog, database pool) after the fork: no connection is shared between them.
preload_app = False
accesslog = "-"
errorlog = "-"
# Worker, peer (nginx), the client nginx saw, request, status, bytes, milliseconds.
access_log_format = '[pid %(p)s] %(h)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms'
# gunicornc's control socket is one fixed path per user: off, so several instances (and tests) can run side by side.
control_socket_disable = True
