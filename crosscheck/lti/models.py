"""LTI 1.3 tables: the tool's keys, registered platforms, who and what a launch linked, and grades to send."""

from __future__ import annotations

from crosscheck.extensions import db
from crosscheck.timezone import utcnow

ADMIN_ROLE_CHOICES = ("teacher", "admin")  # what an LMS administrator becomes here
NO_ROLE_CHOICES = ("refuse", "student")  # what a launch with an empty roles list becomes


class LtiToolKey(db.Model):
    """One of the tool's RSA key pairs. The newest signs; the one before stays published until the next rotation."""

    id = db.Column(db.Integer, primary_key=True)
    kid = db.Column(db.String(100), unique=True, nullable=False)
    private_pem = db.Column(db.Text, nullable=False)
    public_pem = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    retired_at = db.Column(db.DateTime)  # no longer published


class LtiPlatform(db.Model):
    """An LMS registered by an admin: its issuer and client id, and where its login, tokens and keys are."""

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    issuer = db.Column(db.String(255), nullable=False)
    client_id = db.Column(db.String(255), nullable=False)
    auth_login_url = db.Column(db.String(500), nullable=False)
    auth_token_url = db.Column(db.String(500), nullable=False, default="")
    key_set_url = db.Column(db.String(500), nullable=False)
    auth_audience = db.Column(db.String(500), nullable=False, default="")
    admin_role = db.Column(db.String(16), nullable=False, default="teacher")
    no_role = db.Column(db.String(16), nullable=False, default="refuse")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    deployments = db.relationship(
        "LtiDeployment", lazy="selectin", cascade="all, delete-orphan", order_by="LtiDeployment.id"
    )

    __table_args__ = (
        db.UniqueConstraint("issuer", "client_id"),
        db.CheckConstraint("admin_role IN ('teacher', 'admin')", name="admin_role"),
        db.CheckConstraint("no_role IN ('refuse', 'student')", name="no_role"),
    )

    @property
    def deployment_ids(self) -> list[str]:
        """The deployment ids launches may name."""
        return [d.deployment_id for d in self.deployments]


class LtiDeployment(db.Model):
    """A deployment id the platform may launch with (one per placement of the tool in the LMS)."""

    id = db.Column(db.Integer, primary_key=True)
    platform_id = db.Column(db.ForeignKey("lti_platform.id", ondelete="CASCADE"), nullable=False, index=True)
    deployment_id = db.Column(db.String(255), nullable=False)

    __table_args__ = (db.UniqueConstraint("platform_id", "deployment_id"),)


class LtiStore(db.Model):
    """Short-lived protocol values shared by every worker: login nonces, launch data, cached platform key sets."""

    key = db.Column(db.String(200), primary_key=True)
    value = db.Column(db.JSON, nullable=False)
    expires_at = db.Column(db.DateTime, nullable=False, index=True)


class LtiUserLink(db.Model):
    """A Crosscheck account and the LMS user it is, by (issuer, subject): created on the first launch."""

    id = db.Column(db.Integer, primary_key=True)
    issuer = db.Column(db.String(255), nullable=False)
    subject = db.Column(db.String(255), nullable=False)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("issuer", "subject"),)

    user = db.relationship("User")


class LtiContext(db.Model):
    """An LMS course and the class it became, with the service URLs its last launch gave."""

    id = db.Column(db.Integer, primary_key=True)
    platform_id = db.Column(db.ForeignKey("lti_platform.id", ondelete="CASCADE"), nullable=False)
    context_id = db.Column(db.String(255), nullable=False)
    classroom_id = db.Column(db.ForeignKey("classroom.id", ondelete="CASCADE"), nullable=False, index=True)
    title = db.Column(db.String(255), nullable=False, default="")
    deployment_id = db.Column(db.String(255), nullable=False)
    memberships_url = db.Column(db.String(500))  # NRPS, when the platform offers it
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("platform_id", "context_id"),)

    platform = db.relationship("LtiPlatform")
    classroom = db.relationship("Classroom")


class LtiPlacement(db.Model):
    """A lesson or quiz module placed in an LMS course (one resource link), with its grade column for quizzes."""

    id = db.Column(db.Integer, primary_key=True)
    context_id = db.Column(db.ForeignKey("lti_context.id", ondelete="CASCADE"), nullable=False, index=True)
    resource_link_id = db.Column(db.String(255), nullable=False)
    kind = db.Column(db.String(16), nullable=False)
    target_id = db.Column(db.String(100), nullable=False)
    title = db.Column(db.String(255), nullable=False, default="")
    lineitem_url = db.Column(db.String(500))  # AGS line item for this link, when the platform gave one
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.UniqueConstraint("context_id", "resource_link_id"),
        db.CheckConstraint("kind IN ('lesson', 'quiz')", name="kind"),
        db.Index("ix_lti_placement_target", "kind", "target_id"),
    )

    context = db.relationship("LtiContext")


SCORE_STATES = ("pending", "sending", "sent", "failed", "superseded")


class LtiScorePost(db.Model):
    """One score to send to one placement's grade column; kept after sending, so the class page shows it."""

    id = db.Column(db.Integer, primary_key=True)
    placement_id = db.Column(db.ForeignKey("lti_placement.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    attempt_id = db.Column(db.ForeignKey("attempt.id", ondelete="CASCADE"), nullable=False)
    score_given = db.Column(db.Float, nullable=False)
    score_maximum = db.Column(db.Float, nullable=False)
    # The score's own time: every retry sends the same one, so the platform keeps one result, never two.
    timestamp = db.Column(db.DateTime, nullable=False, default=utcnow)
    state = db.Column(db.String(16), nullable=False, default="pending")
    tries = db.Column(db.Integer, nullable=False, default=0)
    last_error = db.Column(db.String(500))
    claimed_at = db.Column(db.DateTime)
    sent_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.CheckConstraint("state IN ('pending', 'sending', 'sent', 'failed', 'superseded')", name="state"),
        db.Index("ix_lti_score_post_state", "state"),
        db.Index("ix_lti_score_post_user", "placement_id", "user_id"),
    )

    placement = db.relationship("LtiPlacement")
    user = db.relationship("User")
