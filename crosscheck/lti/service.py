"""What a verified launch does here: the account it is, the class its course is, the work it opens.

Nothing is written until every check has passed, and then in one transaction: a launch that fails half way
(an unknown role, a student before any class exists for a deep link) leaves no account, class or link behind.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from crosscheck.accounts.models import User
from crosscheck.accounts.names import clean_display_name
from crosscheck.accounts.service import create_user
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher
from crosscheck.classes.service import enrol_once
from crosscheck.extensions import db
from crosscheck.lti.launch import CLAIM, LaunchError
from crosscheck.lti.models import LtiContext, LtiPlacement, LtiPlatform, LtiUserLink
from crosscheck.lti.roles import RANK, MappedRole, RoleError, map_roles

DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
CUSTOM_KIND, CUSTOM_ID = "crosscheck_kind", "crosscheck_id"
PLACEABLE = ("lesson", "quiz")


@dataclass(frozen=True)
class Opened:
    """What a launch came to: who is signed in, the class (if any), and what to open."""

    user_id: int
    classroom_id: int | None
    placement: LtiPlacement | None
    deep_linking: bool
    class_pending: bool  # a student from a course no teacher has opened Crosscheck in yet


def accept_launch(platform: LtiPlatform, claims: dict) -> Opened:
    """Link the user, the course and the resource of a verified launch; raises LaunchError for a refused role."""
    try:
        mapped = map_roles(claims.get(CLAIM + "roles"), platform.admin_role, platform.no_role)
    except RoleError as exc:
        raise LaunchError("role", str(exc), 403, f"roles={claims.get(CLAIM + 'roles')!r}") from exc
    deep_linking = claims.get(CLAIM + "message_type") == "LtiDeepLinkingRequest"
    if deep_linking and not mapped.teaches:
        raise LaunchError("role", "Only teachers can place Crosscheck work in a course.", 403, "deep link by a learner")
    if deep_linking and not claims.get(CLAIM + "context"):
        raise LaunchError("message", "The LMS did not say which course to place the work in.", 400, "no context")
    for attempt in range(2):  # a first launch racing another one for the same user or course: look again
        try:
            opened = _link_everything(platform, claims, mapped, deep_linking)
            db.session.commit()
            return opened
        except IntegrityError:
            db.session.rollback()
            if attempt:
                raise
    raise AssertionError("unreachable")


def _link_everything(platform: LtiPlatform, claims: dict, mapped: MappedRole, deep_linking: bool) -> Opened:
    """The user, class and placement rows for one launch (flushed, not committed)."""
    user = _user_for(platform.issuer, claims, mapped)
    context = _context_for(platform, claims, user, mapped)
    placement = _placement_for(context, claims, user) if context and not deep_linking else None
    return Opened(
        user_id=user.id,
        classroom_id=context.classroom_id if context else None,
        placement=placement,
        deep_linking=deep_linking,
        class_pending=context is None and bool(claims.get(CLAIM + "context")),
    )


def username_for(issuer: str, subject: str) -> str:
    """A stable, unique username for an LMS user: 'lms-' and a hash of (issuer, subject)."""
    return "lms-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:16]


def display_name_from(claims: dict) -> str:
    """The name the LMS gave (name, or given and family names), printable and at most 100 characters."""
    name = claims.get("name") or " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
    return clean_display_name(str(name or ""))[:100].strip() or "LMS user"


def linked_user(issuer: str, subject: str) -> User | None:
    """The account linked to this LMS user, if any."""
    link = db.session.scalar(select(LtiUserLink).where(LtiUserLink.issuer == issuer, LtiUserLink.subject == subject))
    return link.user if link else None


def _user_for(issuer: str, claims: dict, mapped: MappedRole) -> User:
    """The linked account (its role raised if the LMS now says more), or a new one with the mapped role."""
    subject = str(claims["sub"])
    user = linked_user(issuer, subject)
    if user is None:
        return create_linked_user(issuer, subject, display_name_from(claims), mapped.role)
    if RANK.index(mapped.role) > RANK.index(user.role):  # never lowered: a teacher stays one in other courses
        user.role = mapped.role
    return user


def create_linked_user(issuer: str, subject: str, display_name: str, role: str) -> User:
    """A new account for an LMS user, with a random password nobody knows (they sign in through the LMS)."""
    user = create_user(username_for(issuer, subject), display_name, secrets.token_urlsafe(32), role)
    db.session.flush()
    db.session.add(LtiUserLink(issuer=issuer, subject=subject, user_id=user.id))
    return user


def _context_for(platform: LtiPlatform, claims: dict, user: User, mapped: MappedRole) -> LtiContext | None:
    """The course's class: made on the first teacher launch; the user joins it as teacher or student."""
    course = claims.get(CLAIM + "context") or {}
    if not course.get("id"):
        return None
    context = db.session.scalar(
        select(LtiContext).where(LtiContext.platform_id == platform.id, LtiContext.context_id == str(course["id"]))
    )
    if context is None:
        if not mapped.teaches:
            return None  # the class starts with its teacher; the student is enrolled on a later launch or sync
        title = str(course.get("title") or course.get("label") or "LMS course")[:100]
        classroom = Classroom(name=title)
        db.session.add(classroom)
        db.session.flush()
        context = LtiContext(
            platform_id=platform.id,
            context_id=str(course["id"]),
            classroom_id=classroom.id,
            title=title,
            deployment_id=str(claims.get(CLAIM + "deployment_id")),
        )
        db.session.add(context)
    nrps = claims.get(NRPS_CLAIM) or {}
    if nrps.get("context_memberships_url"):
        context.memberships_url = nrps["context_memberships_url"]
    db.session.flush()
    if mapped.teaches:
        add_teacher(context.classroom_id, user.id)
    elif user.role == "student":
        enrol_once(context.classroom_id, user.id)
    return context


def add_teacher(classroom_id: int, user_id: int) -> None:
    """Make the user a teacher of the class, once."""
    if db.session.get(ClassTeacher, (classroom_id, user_id)) is None:
        db.session.add(ClassTeacher(classroom_id=classroom_id, user_id=user_id))
        db.session.flush()


def _placement_for(context: LtiContext, claims: dict, user: User) -> LtiPlacement | None:
    """The resource link's placement, from the custom values deep linking put in it; assigned to the class."""
    custom = claims.get(CLAIM + "custom") or {}
    link = claims.get(CLAIM + "resource_link") or {}
    kind, target = custom.get(CUSTOM_KIND), custom.get(CUSTOM_ID)
    if kind not in PLACEABLE or not target or not link.get("id") or not placeable(kind, str(target)):
        return None
    placement = db.session.scalar(
        select(LtiPlacement).where(
            LtiPlacement.context_id == context.id, LtiPlacement.resource_link_id == str(link["id"])
        )
    )
    lineitem = (claims.get(AGS_CLAIM) or {}).get("lineitem")
    if placement is None:
        placement = LtiPlacement(
            context_id=context.id,
            resource_link_id=str(link["id"]),
            kind=kind,
            target_id=str(target)[:100],
            title=str(link.get("title") or target)[:255],
        )
        db.session.add(placement)
    if lineitem and kind == "quiz":
        placement.lineitem_url = lineitem
    _assign_once(context.classroom_id, kind, placement.target_id, user)
    db.session.flush()
    return placement


def placeable(kind: str, target_id: str) -> bool:
    """True if the catalog has this lesson or quiz module."""
    catalog = get_catalog()
    return target_id in (catalog.quizzes if kind == "quiz" else catalog.lessons)


def _assign_once(classroom_id: int, kind: str, target_id: str, user: User) -> None:
    """Placed work is assigned work: the class page and reports list it (an existing due date stays)."""
    query = select(Assignment.id).where(
        Assignment.classroom_id == classroom_id, Assignment.kind == kind, Assignment.target_id == target_id
    )
    if db.session.scalar(query) is None:
        creator = user.id if user.role != "student" else None
        db.session.add(Assignment(classroom_id=classroom_id, kind=kind, target_id=target_id, created_by=creator))
