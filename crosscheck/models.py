"""Imports every feature's models so Alembic and create_all see every table."""

from crosscheck.accounts.models import LoginFailure, SignupFailure, User, UserSession  # noqa: F401
from crosscheck.classes.accommodations import Accommodation  # noqa: F401
from crosscheck.classes.models import Assignment, ClassInvitation, Classroom, ClassTeacher, Enrollment  # noqa: F401
from crosscheck.id_record.models import IdHolder  # noqa: F401
from crosscheck.lessons.models import LessonProgress  # noqa: F401
from crosscheck.lti.models import (  # noqa: F401
    LtiContext,
    LtiDeployment,
    LtiPlacement,
    LtiPlatform,
    LtiScorePost,
    LtiStore,
    LtiToolKey,
    LtiUserLink,
)
from crosscheck.marking.models import Mark, ScoreChange  # noqa: F401
from crosscheck.quizzes.models import AnswerDraft, Attempt, ItemVersion, Response  # noqa: F401
from crosscheck.stamps.models import ClassStamp, WorkStamp  # noqa: F401
from crosscheck.workspace.models import ContentGeneration, Document, DocumentEditor, DocumentVersion  # noqa: F401
