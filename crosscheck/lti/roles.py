"""LTI roles -> Crosscheck roles. Pure: no Flask, no database.

LTI 1.3 sends role URIs from the LIS vocabulary (context roles such as
http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor, institution and system roles), and the
short context names (Instructor, Learner) are allowed too. Sub-roles (membership/Instructor#TeachingAssistant)
count as their principal role.
"""

from __future__ import annotations

from dataclasses import dataclass

LIS = "http://purl.imsglobal.org/vocab/lis/v2/"
TEACHING = {"Instructor", "TeachingAssistant", "ContentDeveloper"}
LEARNING = {"Learner"}
ADMINISTERING = {"Administrator", "SysAdmin"}


class RoleError(ValueError):
    """A launch whose roles give no Crosscheck role; the message is for the person launching."""


@dataclass(frozen=True)
class MappedRole:
    """The Crosscheck role a launch gives, and whether it teaches in the launch's course."""

    role: str
    teaches: bool


RANK = ("student", "teacher", "admin")


def _scoped(roles: list[str]) -> tuple[set[str], set[str]]:
    """(context role names, every role name) with vocabulary and scope stripped; sub-roles name their principal too.

    Context roles are membership URIs or short names; institution and system roles count only for Administrator,
    so a teacher who takes a course as a learner is a learner there.
    """
    context: set[str] = set()
    every: set[str] = set()
    for uri in roles:
        if not isinstance(uri, str):
            continue
        tail = uri[len(LIS) :] if uri.startswith(LIS) else uri
        parts = [p for p in tail.replace("#", "/").split("/") if p]
        every.update(parts)
        if "://" not in tail and (not uri.startswith(LIS) or tail.startswith("membership")):
            context.update(parts)
    return context, every


def map_roles(roles: list[str] | None, admin_role: str = "teacher", no_role: str = "refuse") -> MappedRole:
    """Instructor or TA -> teacher; Learner -> student; Administrator -> `admin_role`; the highest wins."""
    if roles is None:
        raise RoleError("The LMS sent no role for you, so Crosscheck cannot tell whether you teach or learn.")
    context, every = _scoped(roles)
    found = []
    if every & ADMINISTERING:
        found.append(admin_role)
    if context & TEACHING:
        found.append("teacher")
    if context & LEARNING:
        found.append("student")
    if not roles and no_role == "student":  # the platform chose to send no role; this one was told to allow it
        found.append("student")
    if not found:
        shown = ", ".join(sorted({r.replace("#", "/").rsplit("/", 1)[-1] for r in roles if isinstance(r, str)}))
        raise RoleError(
            f"Your role in this LMS course ({shown or 'none'}) has no place in Crosscheck: it needs Instructor, "
            "Teaching Assistant, Learner or Administrator."
        )
    role = max(found, key=RANK.index)
    return MappedRole(role, teaches=role != "student")
