"""Who may open every route: the table the authorization, CSRF and accessibility tests read.

Every URL rule and method of the app must have a row here; a guard test fails otherwise, so a branch that
adds a route adds its row (an endpoint with two rules, such as /archive and /unarchive, needs two rows).
The roles (a World, in world.py, builds them):

    anonymous      not signed in
    student        a student of class A
    other_student  a student of class B only
    teacher        the teacher of class A
    other_teacher  the teacher of class B only
    admin          an admin

URLs and form data may name World fields in braces: "/classes/{class_a}", {"join_code": "{join_code_a}"}.
A POST row carries a valid form body, so the CSRF test can show that the same request with its token goes
through and without it is refused. Expected values: an HTTP status, or LOGIN (302 to the sign-in page).
GET rows run every role on one World; state-changing rows give each role a World of its own.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from tests.conftest import PASSWORD

ROLES = ("anonymous", "student", "other_student", "teacher", "other_teacher", "admin")
SIGNED_IN_ROLES = ROLES[1:]
LOGIN = "login"  # 302 to /login?next=...


@dataclass(frozen=True)
class Route:
    """One endpoint and method, a URL to request, a form body for POST, and the status per role."""

    endpoint: str
    method: str
    url: str
    expect: dict[str, int | str]
    data: dict[str, str] = field(default_factory=dict)
    csrf: bool = True  # False: a POST the LMS sends cross-site, protected by its signed token instead (LTI)

    @property
    def id(self) -> str:
        return f"{self.method} {self.url.split('?')[0]}"


def everyone(status: int = 200) -> dict:
    """Open to all, signed in or not."""
    return {role: status for role in ROLES}


def signed_in(status: int = 200) -> dict:
    """Every signed-in role; visitors are sent to sign in."""
    return {"anonymous": LOGIN, **{role: status for role in SIGNED_IN_ROLES}}


def visitors_only(status: int = 200, signed_in_status: int = 302) -> dict:
    """Pages for visitors (sign in, sign up); signed-in users are sent home."""
    return {"anonymous": status, **{role: signed_in_status for role in SIGNED_IN_ROLES}}


def only(roles: tuple[str, ...], status: int = 200, others: int = 403) -> dict:
    """Only `roles` (World role names); other signed-in roles get `others`, visitors sign in."""
    return {"anonymous": LOGIN, **{role: status if role in roles else others for role in SIGNED_IN_ROLES}}


STAFF = ("teacher", "other_teacher", "admin")


def class_a_staff(status: int) -> dict:
    """Class A's teacher and admins; another teacher gets a 404 (not even the class is told), students a 403."""
    return {**only(("teacher", "admin"), status), "other_teacher": 404}


def own_or_class_a_staff(status: int) -> dict:
    """The student's own work: that student, class A's teacher and admins; everyone else signed in a 404."""
    return only(("student", "teacher", "admin"), status, 404)


def own_document(status: int, admin: int) -> dict:
    """Class A's teacher's workspace document (not shared): its author; an admin gets `admin`; another teacher
    a 404 (not even its existence is told); students a 403 (the workspace is for staff)."""
    return {**only(("teacher",), status), "other_teacher": 404, "admin": admin}


def invitee(status: int) -> dict:
    """Class A's invitation to other_teacher: theirs alone; other staff get a 404, students a 403."""
    return {**only(STAFF, 404), "other_teacher": status}


NEW_PASSWORD = "matrix-new-password"


def qti_package() -> tuple[io.BytesIO, str]:
    """A one-item QTI 3.0 package, as an uploaded file."""
    item = (
        '<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="q1" title="Q">'
        '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">'
        "<qti-correct-response><qti-value>a</qti-value></qti-correct-response></qti-response-declaration>"
        '<qti-item-body><qti-choice-interaction response-identifier="RESPONSE" max-choices="1">'
        "<qti-prompt>Which?</qti-prompt>"
        '<qti-simple-choice identifier="a">A</qti-simple-choice><qti-simple-choice identifier="b">B</qti-simple-choice>'
        "</qti-choice-interaction></qti-item-body></qti-assessment-item>"
    )
    manifest = (
        '<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"><resources>'
        '<resource identifier="r1" type="imsqti_item_xmlv3p0" href="q1.xml"/></resources></manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        archive.writestr("q1.xml", item)
    buffer.seek(0)
    return buffer, "package.zip"


ROUTES: list[Route] = [
    Route("home.index", "GET", "/", everyone()),
    Route("accounts.login", "GET", "/login", visitors_only()),
    Route("accounts.login", "POST", "/login", visitors_only(302), {"username": "{student_name}", "password": PASSWORD}),
    Route("accounts.signup", "GET", "/signup", visitors_only()),
    Route(
        "accounts.signup",
        "POST",
        "/signup",
        visitors_only(302),
        {
            "join_code": "{join_code_a}",
            "username": "matrix-newcomer",
            "display_name": "Newcomer",
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    ),
    Route("accounts.logout", "POST", "/logout", signed_in(302)),
    Route("accounts.change_password", "GET", "/account/password", signed_in()),
    Route(
        "accounts.change_password",
        "POST",
        "/account/password",
        signed_in(302),
        {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    Route("admin.users", "GET", "/admin/users", only(("admin",))),
    Route(
        "admin.users",
        "POST",
        "/admin/users",
        only(("admin",), 302),
        {"display_name": "Made", "username": "matrix-made", "role": "teacher", "password": NEW_PASSWORD},
    ),
    Route("admin.user", "GET", "/admin/users/{student_id}", only(("admin",))),
    Route(
        "admin.reset_password",
        "POST",
        "/admin/users/{student_id}/password",
        only(("admin",), 302),
        {"new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    Route("admin.unlock_sign_in", "POST", "/admin/users/{student_id}/unlock", only(("admin",), 302)),
    # Marking: the class's teachers and admins; another teacher's class is a 404, students a 403.
    Route("marking.index", "GET", "/classes/{class_a}/marking/", class_a_staff(200)),
    Route("marking.queue", "GET", "/classes/{class_a}/marking/{written_module}", class_a_staff(200)),
    Route(
        "marking.queue",
        "POST",
        "/classes/{class_a}/marking/{written_module}?answer={written_response_a}",
        class_a_staff(302),
        {"level": "mastery", "comment": "Attributed, with a neutral verb."},
    ),
    Route("marking.regrade_page", "GET", "/classes/{class_a}/marking/{quiz_module}/regrade", class_a_staff(200)),
    Route(
        "marking.regrade_page",
        "POST",
        "/classes/{class_a}/marking/{quiz_module}/regrade",
        class_a_staff(302),
        {"all": "1"},
    ),
    Route(
        "marking.undo",
        "POST",
        "/classes/{class_a}/marking/{written_module}/changes/{score_change_a}/undo",
        class_a_staff(302),
    ),
    Route("articles.library", "GET", "/articles/", signed_in()),
    Route("articles.reader", "GET", "/articles/nk-pow-kyivpost", signed_in()),
    Route("articles.compare", "GET", "/articles/compare?a=nk-pow-kyivpost&a=nk-pow-hngn", signed_in()),
    # What the lessons teach and the items test: a page for teaching staff, about content, not about students.
    Route("coverage.index", "GET", "/coverage/", only(STAFF)),
    # Quizzes: every signed-in role may take a module (teachers and admins to preview it); an attempt is its
    # taker's alone, and anyone else's attempt is a 404 (not even its existence is told).
    Route("quizzes.index", "GET", "/quizzes/", signed_in()),
    Route("quizzes.module", "GET", "/quizzes/{quiz_module}", signed_in()),
    Route("quizzes.start", "POST", "/quizzes/{quiz_module}/start", signed_in(302)),
    Route("quizzes.item", "GET", "/quizzes/attempts/{attempt_a}/items/{choice_number}", only(("student",), 200, 404)),
    Route(
        "quizzes.item",
        "POST",
        "/quizzes/attempts/{attempt_a}/items/{choice_number}",
        only(("student",), 302, 404),
        {"choice": "{choice_token}"},
    ),
    Route(
        "quizzes.save_draft",
        "POST",
        "/quizzes/attempts/{attempt_a}/items/{choice_number}/draft",
        only(("student",), 302, 404),
        {"choice": "{choice_token}"},
    ),
    Route("quizzes.finish", "GET", "/quizzes/attempts/{attempt_a}/submit", only(("student",), 200, 404)),
    Route("quizzes.finish", "POST", "/quizzes/attempts/{attempt_a}/submit", only(("student",), 302, 404)),
    Route("quizzes.results", "GET", "/quizzes/attempts/{submitted_a}/results", only(("student",), 200, 404)),
    # Routes of the lessons, classes and reports branches, checked against main by a trial merge. Until their
    # blueprints are registered here, these rows are skipped (world.py adds their objects once they exist).
    Route("home.health", "GET", "/health", everyone()),
    Route("home.health_bare", "GET", "/health/bare", everyone()),  # the benchmark's baseline
    Route("lessons.index", "GET", "/lessons/", signed_in()),
    Route("lessons.show", "GET", "/lessons/{lesson}", signed_in()),
    Route("lessons.complete", "POST", "/lessons/{lesson}/complete", signed_in(302)),
    Route("classes.index", "GET", "/classes/", only(STAFF)),
    Route("classes.index", "POST", "/classes/", only(STAFF, 302), {"name": "New class"}),
    Route("classes.show", "GET", "/classes/{class_a}", class_a_staff(200)),
    Route("classes.set_archived", "POST", "/classes/{class_a}/archive", class_a_staff(302)),
    Route("classes.set_archived", "POST", "/classes/{class_a}/unarchive", class_a_staff(302)),
    Route("classes.regenerate_code", "POST", "/classes/{class_a}/join-code", class_a_staff(302)),
    Route(
        "classes.assign", "POST", "/classes/{class_a}/assignments", class_a_staff(302), {"work": "quiz:primary-source"}
    ),
    Route("classes.unassign", "POST", "/classes/{class_a}/assignments/{assignment_a}/delete", class_a_staff(302)),
    Route("classes.set_removed", "POST", "/classes/{class_a}/students/{enrollment_a}/remove", class_a_staff(302)),
    Route("classes.set_removed", "POST", "/classes/{class_a}/students/{enrollment_a}/restore", class_a_staff(302)),
    Route(
        "classes.add_teacher",
        "POST",
        "/classes/{class_a}/teachers",
        class_a_staff(302),
        {"username": "{other_teacher_name}"},
    ),
    Route("classes.remove_teacher", "POST", "/classes/{class_a}/teachers/{co_teacher_a}/remove", class_a_staff(302)),
    Route("classes.accommodations_page", "GET", "/classes/{class_a}/accommodations", class_a_staff(200)),
    Route(
        "classes.accommodations_page",
        "POST",
        "/classes/{class_a}/accommodations",
        class_a_staff(302),
        {"work": "{assignment_a}", "students": "{student_id}", "extra_attempts": "2"},
    ),
    Route(
        "classes.withdraw_accommodation",
        "POST",
        "/classes/{class_a}/accommodations/{accommodation_a}/delete",
        class_a_staff(302),
    ),
    # Students join a class with its code: other_student (class B only) joins class A; its own student is in it.
    Route("classes.join", "GET", "/classes/join", only(("student", "other_student"))),
    Route(
        "classes.join",
        "POST",
        "/classes/join",
        {**only(("student", "other_student"), 302), "student": 400},
        {"join_code": "{join_code_a}"},
    ),
    # A co-teacher invitation from class A to other_teacher: only they answer it; the class's staff withdraw it.
    Route("classes.accept_invitation", "POST", "/classes/invitations/{invitation_a}/accept", invitee(302)),
    Route("classes.decline_invitation", "POST", "/classes/invitations/{invitation_a}/decline", invitee(302)),
    Route(
        "classes.withdraw_invitation",
        "POST",
        "/classes/{class_a}/invitations/{invitation_a}/withdraw",
        class_a_staff(302),
    ),
    Route("reports.overview", "GET", "/reports/classes/{class_a}/overview", class_a_staff(200)),
    Route("reports.overview_csv", "GET", "/reports/classes/{class_a}/overview.csv", class_a_staff(200)),
    Route("reports.skills", "GET", "/reports/classes/{class_a}/skills", class_a_staff(200)),
    Route("reports.skills_csv", "GET", "/reports/classes/{class_a}/skills.csv", class_a_staff(200)),
    Route("reports.items", "GET", "/reports/classes/{class_a}/items/{quiz_module}", class_a_staff(200)),
    Route("reports.items_csv", "GET", "/reports/classes/{class_a}/items/{quiz_module}.csv", class_a_staff(200)),
    Route("reports.gain", "GET", "/reports/classes/{class_a}/gain/{post_test}", class_a_staff(200)),
    Route("reports.gain_csv", "GET", "/reports/classes/{class_a}/gain/{post_test}.csv", class_a_staff(200)),
    Route("reports.student", "GET", "/reports/classes/{class_a}/students/{student_id}", own_or_class_a_staff(200)),
    Route(
        "reports.student_csv",
        "GET",
        "/reports/classes/{class_a}/students/{student_id}.csv",
        own_or_class_a_staff(200),
    ),
    # The workspace: class A's teacher's unshared module {ws_module} (published, with an editor) and story {ws_story}.
    Route("workspace.index", "GET", "/workspace/", only(STAFF)),
    Route(
        "workspace.new",
        "POST",
        "/workspace/new",
        only(STAFF, 302),
        {"kind": "quiz", "slug": "made-here", "title": "Made"},
    ),
    Route("workspace.upload", "POST", "/workspace/upload", only(STAFF, 302)),  # no file: told to choose one
    Route("workspace.guide", "GET", "/workspace/guide/quizzes", only(STAFF)),
    Route("workspace.document", "GET", "/workspace/{ws_module}", own_document(200, 200)),
    Route("workspace.edit", "GET", "/workspace/{ws_module}/edit", own_document(200, 403)),
    Route(
        "workspace.save",
        "POST",
        "/workspace/{ws_module}/edit",
        own_document(302, 403),
        {"text": "id: {ws_module}\n", "base": "1", "path": "quizzes/{ws_module}.yaml", "action": "save"},
    ),
    Route(
        "workspace.check_json",
        "POST",
        "/workspace/{ws_module}/check.json",
        own_document(200, 403),
        {"text": "id: {ws_module}\n", "path": "quizzes/{ws_module}.yaml"},
    ),
    Route(
        "workspace.replace_file", "POST", "/workspace/{ws_module}/upload-file", own_document(302, 403), {"base": "1"}
    ),
    Route("workspace.version", "GET", "/workspace/{ws_module}/versions/1", own_document(200, 403)),
    Route("workspace.preview", "GET", "/workspace/{ws_module}/preview", own_document(200, 200)),
    Route("workspace.download", "GET", "/workspace/{ws_module}/download.zip", own_document(200, 200)),
    Route("workspace.publish", "POST", "/workspace/{ws_module}/publish", own_document(302, 403)),
    Route("workspace.share", "POST", "/workspace/{ws_module}/share", own_document(302, 403)),
    Route("workspace.share", "POST", "/workspace/{ws_module}/unshare", own_document(302, 403)),
    Route("workspace.unpublish", "POST", "/workspace/{ws_module}/unpublish", own_document(302, 302)),
    Route("workspace.archive", "POST", "/workspace/{ws_module}/archive", own_document(302, 403)),
    Route("workspace.archive", "POST", "/workspace/{ws_module}/unarchive", own_document(302, 403)),
    Route("workspace.delete", "POST", "/workspace/{ws_module}/delete", own_document(302, 403)),
    Route("workspace.copy", "POST", "/workspace/{ws_module}/copy", own_document(302, 302), {"slug": "a-copy"}),
    Route(
        "workspace.add_editor",
        "POST",
        "/workspace/{ws_module}/editors",
        own_document(302, 403),
        {"username": "{other_teacher_name}"},
    ),
    Route(
        "workspace.remove_editor", "POST", "/workspace/{ws_module}/editors/{ws_editor}/remove", own_document(302, 403)
    ),
    Route("workspace.new_article", "GET", "/workspace/{ws_story}/articles/new", own_document(200, 403)),
    Route(
        "workspace.new_article",
        "POST",
        "/workspace/{ws_story}/articles/new",
        own_document(302, 403),
        {
            "name": "001-more",
            "article_id": "{ws_article}-more",
            "outlet": "Elsewhere",
            "outlet_note": "Named.",
            "headline": "More",
            "date_note": "None stated.",
            "kind": "report",
            "source": "more.txt",
            "text": "More\nThe river rose.\n",
        },
    ),  # fmt: skip
    Route("workspace.furniture", "GET", "/workspace/{ws_story}/articles/000-courier/furniture", own_document(200, 403)),
    Route(
        "workspace.furniture",
        "POST",
        "/workspace/{ws_story}/articles/000-courier/furniture",
        own_document(302, 403),
        {"p2": "furniture", "kind2": "subscribe prompt"},
    ),
    Route("workspace.figures", "GET", "/workspace/{ws_story}/articles/000-courier/figures", own_document(200, 403)),
    Route(
        "workspace.preview_article",
        "GET",
        "/workspace/{ws_story}/preview/articles/{ws_article}",
        own_document(200, 200),
    ),
    # LTI: the LMS's login initiation and launch are open to all and refused without a valid signed token
    # (no CSRF token: see crosscheck/lti/routes.py); the rest are an admin's or a class's staff's.
    Route("lti.login", "GET", "/lti/login", everyone(400)),
    Route("lti.login", "POST", "/lti/login", everyone(400), csrf=False),
    Route("lti.launch", "POST", "/lti/launch", everyone(400), {"id_token": "x.y.z", "state": "s"}, csrf=False),
    Route("lti.jwks", "GET", "/lti/jwks", everyone()),
    Route("lti.deep_link", "GET", "/lti/deep-link", only(STAFF, 302)),
    Route("lti.deep_link", "POST", "/lti/deep-link", only(STAFF, 302), {"work": "quiz:{quiz_module}"}),
    Route("lti.admin", "GET", "/admin/lti", only(("admin",))),
    Route(
        "lti.admin",
        "POST",
        "/admin/lti",
        only(("admin",), 302),
        {
            "name": "Matrix LMS",
            "issuer": "https://matrix-lms.example",
            "client_id": "matrix",
            "deployment_ids": "1",
            "auth_login_url": "https://matrix-lms.example/auth",
            "key_set_url": "https://matrix-lms.example/jwks",
            "admin_role": "teacher",
            "no_role": "refuse",
        },
    ),
    Route("lti.edit_platform", "GET", "/admin/lti/{lti_platform}", only(("admin",))),
    Route(
        "lti.edit_platform",
        "POST",
        "/admin/lti/{lti_platform}",
        only(("admin",), 302),
        {
            "name": "Renamed LMS",
            "issuer": "{lti_issuer}",
            "client_id": "world",
            "deployment_ids": "1",
            "auth_login_url": "https://world-lms.example/auth",
            "key_set_url": "https://world-lms.example/jwks",
            "admin_role": "teacher",
            "no_role": "refuse",
        },
    ),
    Route("lti.remove_platform", "POST", "/admin/lti/{lti_platform}/delete", only(("admin",), 302)),
    Route("lti.rotate_key", "POST", "/admin/lti/keys/rotate", only(("admin",), 302)),
    Route("lti.class_lms", "GET", "/classes/{class_a}/lms", class_a_staff(200)),
    Route("lti.sync_roster", "POST", "/classes/{class_a}/lms/roster", class_a_staff(302)),
    Route("lti.resend_scores", "POST", "/classes/{class_a}/lms/scores", class_a_staff(302)),
    # Printing: the worksheet and its answer key are the staff's (the key is the answers); a lesson anyone's.
    Route("printing.worksheet", "GET", "/print/quizzes/{quiz_module}", only(STAFF)),
    Route("printing.answer_key", "GET", "/print/quizzes/{quiz_module}/key", only(STAFF)),
    Route("printing.lesson", "GET", "/print/lessons/{lesson}", signed_in()),
    # Export and QTI import: the downloads hold answer keys, so teachers and admins only.
    Route("exchange.export", "GET", "/quizzes/{quiz_module}/export/gift", only(STAFF)),
    Route("exchange.import_qti", "GET", "/quizzes/import", only(STAFF)),
    Route(
        "exchange.import_qti",
        "POST",
        "/quizzes/import",
        only(STAFF, 302),  # saved as a draft in the importer's workspace, then its editor
        {"package": qti_package, "module_id": "{ws_module}-import", "title": "Matrix import"},
    ),
]
