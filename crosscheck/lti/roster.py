"""Roster sync (LTI Names and Role Provisioning Services): the LMS course's members into its class."""

from __future__ import annotations

from dataclasses import dataclass

from pylti1p3.contrib.flask import FlaskServiceConnector
from pylti1p3.names_roles import NamesRolesProvisioningService
from sqlalchemy import select

from crosscheck.classes.models import Enrollment
from crosscheck.classes.service import enrol_once
from crosscheck.extensions import db
from crosscheck.lti import service
from crosscheck.lti.models import LtiContext
from crosscheck.lti.roles import RANK, RoleError, map_roles
from crosscheck.lti.tool_conf import http_session, registration_for
from crosscheck.timezone import utcnow


class RosterError(Exception):
    """A sync that could not run; the message is for the teacher."""


@dataclass
class SyncResult:
    """What a sync changed."""

    added: int = 0
    removed: int = 0
    teachers: int = 0
    unchanged: int = 0
    skipped: int = 0  # members whose role has no place here


def context_of_class(classroom_id: int) -> LtiContext | None:
    """The LMS course a class came from, if it did."""
    return db.session.scalar(select(LtiContext).where(LtiContext.classroom_id == classroom_id))


def fetch_members(context: LtiContext) -> list[dict]:
    """Every member of the course, all pages, from the platform's NRPS endpoint."""
    if not context.memberships_url:
        raise RosterError("The LMS has not offered its roster service for this course (Names and Roles).")
    if not context.platform.auth_token_url:
        raise RosterError("The platform's access token URL is not registered, so the roster cannot be read.")
    connector = FlaskServiceConnector(registration_for(context.platform), http_session())
    nrps = NamesRolesProvisioningService(connector, {"context_memberships_url": context.memberships_url})
    try:
        return list(nrps.get_members())
    except Exception as exc:  # network or LMS error: nothing was changed
        raise RosterError(f"The LMS roster could not be read: {exc}") from exc


def sync_roster(context: LtiContext) -> SyncResult:
    """Enrol active learners, make instructors co-teachers, remove learners the LMS marks inactive or deleted."""
    members = fetch_members(context)
    result = SyncResult()
    issuer, classroom_id = context.platform.issuer, context.classroom_id
    for member in members:
        try:
            mapped = map_roles(member.get("roles") or [], context.platform.admin_role)
        except RoleError:
            result.skipped += 1
            continue
        subject = str(member.get("user_id") or "")
        if not subject:
            result.skipped += 1
            continue
        user = service.linked_user(issuer, subject)
        active = member.get("status", "Active") == "Active"
        if user is None:
            if not active:
                result.unchanged += 1
                continue
            user = service.create_linked_user(issuer, subject, service.display_name_from(member), mapped.role)
        elif RANK.index(mapped.role) > RANK.index(user.role):
            user.role = mapped.role
        if mapped.teaches:
            service.add_teacher(classroom_id, user.id)
            result.teachers += 1
        elif not active:
            result.removed += _remove(classroom_id, user.id)
        elif user.role == "student" and enrol_once(classroom_id, user.id):
            result.added += 1
        else:
            result.unchanged += 1
    db.session.commit()
    return result


def _remove(classroom_id: int, user_id: int) -> int:
    """Mark the student removed (their work stays); 1 if they were in the class."""
    enrollment = db.session.scalar(
        select(Enrollment).where(
            Enrollment.classroom_id == classroom_id,
            Enrollment.student_id == user_id,
            Enrollment.removed_at.is_(None),
        )
    )
    if enrollment is None:
        return 0
    enrollment.removed_at = utcnow()
    return 1
