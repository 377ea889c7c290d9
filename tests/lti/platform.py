"""A small LMS for the tests, built on PyPI's lti1p3platform (the LMS side of LTI 1.3), served on 127.0.0.1.

It does what Moodle or Canvas do for a tool: OIDC login initiation, the signed launch (resource link or deep
linking, with the AGS and NRPS claims), the deep-linking return (creating a link and its grade column), an
OAuth2 token endpoint, line items with a scores endpoint, and a course membership list. Everything it is sent
is kept in plain lists and dicts for the tests to read; `fail_scores` makes the next score POSTs fail.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, Response, redirect, request
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import AssignmentsGradesService, NamesRoleProvisioningService
from werkzeug.serving import WSGIRequestHandler

from tests.serving import ServedApp

LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
INSTRUCTOR, LEARNER = LIS + "Instructor", LIS + "Learner"


@functools.cache
def _key_pair(name: str) -> tuple[str, str]:
    """An RSA key pair as PEM strings (private, public), made once per test session and name (a key takes ~0.5 s)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@dataclass
class LmsUser:
    """A person in the test LMS."""

    id: str
    name: str
    roles: list[str]
    status: str = "Active"


@dataclass
class LmsUnderTest:
    """The LMS's state: its course, people, placed links, grade columns and every score it was sent."""

    tool_login_url: str
    tool_launch_url: str
    tool_key_set: dict | None = None  # the tool's JWKS (or fetched from tool_key_set_url)
    tool_key_set_url: str | None = None
    client_id: str = "crosscheck-test"
    deployment_id: str = "deploy-1"
    course: dict = field(default_factory=lambda: {"id": "course-7b", "title": "Media literacy 7B", "label": "ML7B"})
    users: dict[str, LmsUser] = field(default_factory=dict)
    links: dict[str, dict] = field(default_factory=dict)
    lineitems: dict[str, dict] = field(default_factory=dict)
    scores: list[dict] = field(default_factory=list)
    token_requests: int = 0
    fail_scores: int = 0
    base_url: str = ""
    sign_with_other_key: bool = False
    omit_roles: bool = False

    def __post_init__(self):
        self.private_key, self.public_key = _key_pair("platform")
        self.other_private_key, _ = _key_pair("not published")

    @property
    def issuer(self) -> str:
        return self.base_url

    def add_user(self, user_id: str, name: str, *roles: str) -> LmsUser:
        """A person with LIS role URIs."""
        self.users[user_id] = LmsUser(user_id, name, list(roles))
        return self.users[user_id]

    def registration(self) -> Registration:
        """The tool as this LMS registered it."""
        registration = (
            Registration()
            .set_iss(self.issuer)
            .set_client_id(self.client_id)
            .set_deployment_id(self.deployment_id)
            .set_launch_url(self.tool_launch_url)
            .set_deeplink_launch_url(self.tool_launch_url)
            .set_oidc_login_url(self.tool_login_url)
            .set_platform_public_key(self.public_key)
            .set_platform_private_key(self.other_private_key if self.sign_with_other_key else self.private_key)
        )
        if self.tool_key_set is not None:
            registration.set_tool_key_set(self.tool_key_set)
        if self.tool_key_set_url:
            registration.set_tool_key_set_url(self.tool_key_set_url)
        return registration

    def start_url(self, user_id: str, link: str | None = None) -> str:
        """Where a browser goes to launch the tool as `user_id`: a placed link, or deep linking when None."""
        query = {"user": user_id, **({"link": link} if link else {})}
        return f"{self.base_url}/start?{urlencode(query)}"

    def framed_url(self, user_id: str, link: str | None = None) -> str:
        """The LMS's course page showing that launch inside an iframe (Moodle's and Canvas's "embed" option)."""
        return self.start_url(user_id, link).replace("/start?", "/course?", 1)

    def links_to(self, kind: str, target_id: str) -> list[str]:
        """Resource link ids placed for a Crosscheck lesson or module."""
        return [
            rlid
            for rlid, link in self.links.items()
            if link["custom"].get("crosscheck_kind") == kind and link["custom"].get("crosscheck_id") == target_id
        ]


class PlatformConf(LTI1P3PlatformConfAbstract):
    """lti1p3platform's platform configuration, from LmsUnderTest."""

    def init_platform_config(self, lms: LmsUnderTest) -> None:
        self._registration = lms.registration()

    def get_registration_by_params(self, **kwargs) -> Registration:
        return self._registration


class FlaskRequest(Request):
    """lti1p3platform's request from Flask's."""

    def build_metadata(self, flask_request):
        return {
            "method": flask_request.method,
            "form_data": flask_request.form.to_dict(),
            "get_data": flask_request.args.to_dict(),
            "headers": flask_request.headers,
            "content_type": flask_request.content_type,
            "path": flask_request.path,
            "json": flask_request.get_json(silent=True),
        }


class Login(OIDCLoginAbstract):
    """OIDC login initiation toward the tool."""

    def set_lti_message_hint(self, **kwargs) -> None:
        self._lti_message_hint = kwargs["hint"]

    def get_redirect(self, url: str):
        return redirect(url)


class Launch(LTIAdvantageMessageLaunchAbstract):
    """The signed launch: resource link (with its grade column) or deep linking, with AGS and NRPS claims."""

    lms: LmsUnderTest

    def prepare_launch(self, preflight_response) -> None:
        lms = self.lms
        user = lms.users[preflight_response["login_hint"]]
        hint = json.loads(preflight_response["lti_message_hint"])
        self.set_user_data(user.id, user.roles, full_name=user.name)
        if lms.omit_roles:
            self.lti_claim_user_data.pop("https://purl.imsglobal.org/spec/lti/claim/roles")
        self.set_launch_context_claim(lms.course["id"], ["CourseSection"], lms.course["title"], lms.course["label"])
        self.set_nrps(f"{lms.base_url}/memberships")
        if hint.get("link"):
            link = lms.links[hint["link"]]
            self.set_resource_link_claim(hint["link"], title=link["title"])
            self.set_custom_parameters_claim(link["custom"])
            lineitem = link.get("lineitem")
            self.set_ags(f"{lms.base_url}/lineitems", f"{lms.base_url}/lineitems/{lineitem}" if lineitem else None)
        else:
            self.set_dl(f"{lms.base_url}/deep-link-return", title="Add Crosscheck work")

    def render_launch_form(self, launch_data, **kwargs):
        return Response(
            "<!doctype html><title>Launching</title>"
            f'<form id="f" method="post" action="{escape(launch_data["launch_url"])}">'
            f'<input type="hidden" name="id_token" value="{escape(launch_data["id_token"])}">'
            f'<input type="hidden" name="state" value="{escape(launch_data["state"])}">'
            '<button type="submit">Launch</button></form>'
            '<script>document.getElementById("f").submit()</script>'
        )


class Grades(AssignmentsGradesService):
    """Line items and scores, kept in LmsUnderTest."""

    lms: LmsUnderTest

    def find_lineitems(self, page=1, limit=None, line_item_id=None, resource_link_id=None, resource_id=None, tag=None):
        return {"content": list(self.lms.lineitems.values()), "has_next": False}

    def find_lineitem(self, line_item_id):
        return self.lms.lineitems[line_item_id]

    def create_lineitem(self, creation_data):
        raise NotImplementedError("lines are made by deep linking in these tests")

    def update_lineitem(self, update_data):
        raise NotImplementedError

    def delete_lineitem(self, line_item_id):
        raise NotImplementedError

    def update_score(self, line_item_id, score):
        if self.lms.fail_scores:
            self.lms.fail_scores -= 1
            raise RuntimeError("the LMS is down")
        self.lms.scores.append({"lineitem": line_item_id, **score})
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id, page=1, limit=None, user_id=None):
        return {"content": [], "has_next": False}


class Members(NamesRoleProvisioningService):
    """The course's members, from LmsUnderTest."""

    lms: LmsUnderTest

    def get_member_data_page(self, page=1, limit=None, role=None, since=None):
        members = [
            {"user_id": u.id, "name": u.name, "roles": u.roles, "status": u.status} for u in self.lms.users.values()
        ]
        return {"content": members, "has_next": False}

    def get_context_by_id(self):
        course = self.lms.course
        return Context(id=course["id"], label=course["label"], title=course["title"])


def _service_response(result) -> Response:
    """lti1p3platform's service Response as Flask's."""
    body = json.dumps(result.result) if result.result is not None else ""
    return Response(body, status=result.code, content_type=result.media_type)


def build_app(lms: LmsUnderTest) -> Flask:
    """The LMS's routes."""
    app = Flask("test_lms")

    def conf() -> PlatformConf:
        return PlatformConf(lms=lms)

    @app.get("/jwks")
    def jwks():
        return conf().get_jwks()

    @app.get("/start")
    def start():
        login = Login(FlaskRequest(request), conf())
        link = request.args.get("link")
        login.set_lti_message_hint(hint=json.dumps({"link": link} if link else {"deep_link": True}))
        if not link:
            login.set_deeplinking_launch_url()
        return login.initiate_login(request.args["user"])

    @app.get("/course")
    def course():
        start = escape(f"/start?{request.query_string.decode()}")
        return (
            f"<!doctype html><title>{escape(lms.course['title'])}</title><h1>{escape(lms.course['title'])}</h1>"
            f'<iframe src="{start}" title="Crosscheck" name="tool" style="width:100%;height:60rem"></iframe>'
        )

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize():
        launch = Launch(FlaskRequest(request), conf())
        launch.lms = lms
        return launch.lti_launch()

    @app.post("/token")
    def token():
        lms.token_requests += 1
        try:
            return conf().get_access_token(request.form.to_dict())
        except Exception as exc:  # a bad client assertion: OAuth2 says 400 invalid_client
            return {"error": "invalid_client", "error_description": str(exc)}, 400

    @app.post("/deep-link-return")
    def deep_link_return():
        items = conf().validate_deeplinking_resp(request.form.to_dict())
        made = []
        for item in items:
            rlid = f"link-{len(lms.links) + 1}"
            lineitem = None
            if item.get("lineItem"):
                lineitem = f"line-{len(lms.lineitems) + 1}"
                lms.lineitems[lineitem] = {
                    "id": f"{lms.base_url}/lineitems/{lineitem}",
                    "resourceLinkId": rlid,
                    **item["lineItem"],
                }
            lms.links[rlid] = {"title": item.get("title"), "custom": item.get("custom", {}), "lineitem": lineitem}
            made.append(rlid)
        return f"<!doctype html><title>Placed</title><h1>Placed in the course</h1><p id='links'>{' '.join(made)}</p>"

    def grades_service() -> Grades:
        service = Grades(FlaskRequest(request), conf(), f"{lms.base_url}/lineitems")
        service.lms = lms
        return service

    @app.get("/lineitems/<line_id>")
    def lineitem(line_id):
        return _service_response(
            grades_service().handle_resp(grades_service().handle_get_lineitem, line_item_id=line_id)
        )

    @app.post("/lineitems/<line_id>/scores")
    def scores(line_id):
        service = grades_service()
        try:
            result = service.handle_resp(service.handle_update_score, line_item_id=line_id)
        except RuntimeError:
            return Response("LMS unavailable", status=503)
        return _service_response(result)

    @app.get("/memberships")
    def memberships():
        service = Members(FlaskRequest(request), conf(), f"{lms.base_url}/memberships")
        service.lms = lms
        return _service_response(service.handle_resp(service.handle_get_members))

    return app


class QuietHandler(WSGIRequestHandler):
    """No access log lines in the test output."""

    def log_request(self, *args, **kwargs):
        pass


class Served:
    """A LmsUnderTest served on a free port of 127.0.0.1 in a daemon thread; `host` is the name it is reached by
    ("localhost" makes it another site than a tool on 127.0.0.1, as a real LMS is)."""

    def __init__(self, lms: LmsUnderTest, host: str = "127.0.0.1"):
        self.lms = lms
        self.served = ServedApp(build_app(lms), request_handler=QuietHandler)
        lms.base_url = self.served.url(host)

    def stop(self) -> None:
        self.served.stop()
