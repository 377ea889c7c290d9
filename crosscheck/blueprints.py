"""Every feature's blueprint, in the order create_app registers them.

Importing this module imports every view module and what they need: gunicorn.conf.py does it once in the
master, so each worker forks with the code loaded instead of importing it again.
"""

from __future__ import annotations

from crosscheck.accounts.admin import bp as admin_bp
from crosscheck.accounts.routes import bp as accounts_bp
from crosscheck.articles.routes import bp as articles_bp
from crosscheck.classes.routes import bp as classes_bp
from crosscheck.coverage.routes import bp as coverage_bp
from crosscheck.exchange.routes import bp as exchange_bp
from crosscheck.home.routes import bp as home_bp
from crosscheck.lessons.routes import bp as lessons_bp
from crosscheck.lti.routes import bp as lti_bp
from crosscheck.marking.routes import bp as marking_bp
from crosscheck.printing.routes import bp as printing_bp
from crosscheck.quizzes.routes import bp as quizzes_bp
from crosscheck.reports.routes import bp as reports_bp
from crosscheck.workspace.routes import bp as workspace_bp

BLUEPRINTS = (
    home_bp,
    accounts_bp,
    admin_bp,
    articles_bp,
    lessons_bp,
    quizzes_bp,
    classes_bp,
    reports_bp,
    coverage_bp,
    lti_bp,
    exchange_bp,
    printing_bp,
    marking_bp,
    workspace_bp,
)
