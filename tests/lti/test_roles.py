"""LTI role URIs -> Crosscheck roles (pure)."""

from __future__ import annotations

import pytest

from crosscheck.lti.roles import RoleError, map_roles

LIS = "http://purl.imsglobal.org/vocab/lis/v2/"


@pytest.mark.parametrize(
    ("roles", "role"),
    [
        ([LIS + "membership#Instructor"], "teacher"),
        ([LIS + "membership/Instructor#TeachingAssistant"], "teacher"),
        (["Instructor"], "teacher"),
        ([LIS + "membership#Learner"], "student"),
        (["Learner"], "student"),
        # An institution's instructor taking a course as a learner is a learner there.
        ([LIS + "institution/person#Instructor", LIS + "membership#Learner"], "student"),
        ([LIS + "membership#Learner", LIS + "membership#Instructor"], "teacher"),
        ([LIS + "system/person#Administrator"], "teacher"),
    ],
)
def test_mapping(roles, role):
    assert map_roles(roles).role == role


def test_administrators_become_what_the_platform_says():
    assert map_roles([LIS + "system/person#Administrator"], admin_role="admin").role == "admin"
    assert map_roles([LIS + "institution/person#Administrator", LIS + "membership#Learner"], "admin").role == "admin"


@pytest.mark.parametrize("roles", [None, [], [LIS + "membership#Mentor"], [LIS + "institution/person#Instructor"], [3]])
def test_no_usable_role_is_refused(roles):
    with pytest.raises(RoleError):
        map_roles(roles)


def test_empty_roles_as_students_only_when_allowed():
    assert map_roles([], no_role="student").role == "student"
    with pytest.raises(RoleError):
        map_roles(None, no_role="student")  # a missing claim is never allowed
