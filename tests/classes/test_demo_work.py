"""The demo class gets assignments and believable work once there is content; twice changes nothing."""

import shutil

from sqlalchemy import func, select

from crosscheck.classes.models import Assignment, Classroom
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.demo import DEMO_LESSONS, DEMO_MODULES, load_demo
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.timezone import utcnow
from tests.conftest import login
from tests.sample_work import SAMPLE_LESSON, SAMPLE_QUIZ, SAMPLE_QUIZ_2, install_sample_catalog, seeds_only_root


def _counts():
    return [
        db.session.scalar(select(func.count()).select_from(t)) for t in (Assignment, Attempt, Response, LessonProgress)
    ]


def test_no_content_means_no_assignments(make_app, tmp_path):
    app = make_app(CONTENT_DIR=str(seeds_only_root(tmp_path)))
    with app.app_context():
        assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
        assert _counts()[:3] == [0, 0, 0]  # no assignments, no attempts, no answers


def test_shipped_content_gives_the_demo_class_its_work(runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    assigned = {(a.kind, a.target_id) for a in db.session.scalars(select(Assignment))}
    assert assigned == {("lesson", i) for i in DEMO_LESSONS} | {("quiz", i) for i in DEMO_MODULES}


def test_the_demos_content_is_shipped():
    catalog = load_catalog(PROJECT_ROOT)
    assert set(DEMO_LESSONS) <= set(catalog.lessons) and set(DEMO_MODULES) <= set(catalog.quizzes)


def test_the_demo_never_touches_a_teachers_new_module(make_app, tmp_path):
    root = tmp_path / "content"
    for folder in ("seeds", "lessons", "quizzes"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    app = make_app(CONTENT_DIR=str(root))
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo"]).exit_code == 0
        first = _counts()
        mine = (
            (root / "quizzes" / "spot-unverified.yaml")
            .read_text(encoding="utf-8")
            .replace("id: spot-unverified", "id: a-teachers-module", 1)
        )
        (root / "quizzes" / "a-teachers-module.yaml").write_text(mine, encoding="utf-8")  # first in file order
    app = make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        assert "a-teachers-module" in app.extensions["crosscheck.catalog"].quizzes
        assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0  # `make run` again
        assert _counts() == first
        assert (
            db.session.scalar(select(func.count()).select_from(Attempt).filter_by(module_id="a-teachers-module")) == 0
        )
        assert "a-teachers-module" not in {a.target_id for a in db.session.scalars(select(Assignment))}


def test_demo_work_is_assigned_taken_and_idempotent(app):
    install_sample_catalog(app)  # the demo of other content: the sample lesson and modules
    with app.app_context():
        content = {"lessons": (SAMPLE_LESSON.id,), "modules": (SAMPLE_QUIZ.id, SAMPLE_QUIZ_2.id)}
        load_demo(**content)
        first = _counts()
        load_demo(**content)
        assert _counts() == first
        assignments = db.session.scalars(select(Assignment)).all()
        assert {(a.kind, a.target_id) for a in assignments} == {
            ("quiz", SAMPLE_QUIZ.id),
            ("quiz", SAMPLE_QUIZ_2.id),
            ("lesson", SAMPLE_LESSON.id),
        }
        now = utcnow()
        assert any(a.due_at < now for a in assignments) and all(a.due_at for a in assignments)
        assert first[1] >= 4 and first[2] >= 4 * 3  # attempts with answers, graded by the quiz feature
        assert db.session.scalar(select(func.count()).select_from(Attempt).where(Attempt.submitted_at > now)) == 0
        classroom = db.session.scalar(select(Classroom))
        client = app.test_client()
        login(client, "teacher", "crosscheck-demo")
        for page in ("overview", "skills", f"items/{SAMPLE_QUIZ.id}", f"items/{SAMPLE_QUIZ_2.id}"):
            assert client.get(f"/reports/classes/{classroom.id}/{page}").status_code == 200, page
