"""The deep-linking response: the chosen lesson or quiz module as an LTI resource link (quizzes with a grade column)."""

from __future__ import annotations

from urllib.parse import urlparse

from pylti1p3.contrib.flask import FlaskMessageLaunch
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from crosscheck.lti.launch import tool_request
from crosscheck.lti.service import CUSTOM_ID, CUSTOM_KIND
from crosscheck.lti.tool_conf import DatabaseSessionService, DatabaseStorage, DatabaseToolConf


class DeepLinkExpired(Exception):
    """The deep-linking launch is no longer stored (over two hours old, or never made in this browser)."""


def resource_for(kind: str, target, launch_url: str) -> DeepLinkResource:
    """A resource link to the launch URL naming the work in custom values; a quiz brings its grade column."""
    resource = (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(target.title)
        .set_custom_params({CUSTOM_KIND: kind, CUSTOM_ID: target.id})
    )
    if kind == "quiz":
        resource.set_lineitem(
            LineItem()
            .set_label(target.title)
            .set_score_maximum(target.max_points)
            .set_resource_id(f"quiz:{target.id}")
            .set_tag("crosscheck")
        )
    return resource


def response_for(launch_id: str, resource: DeepLinkResource) -> tuple[str, str]:
    """(return URL, signed JWT) for the platform, from the stored deep-linking launch."""
    request = tool_request()
    try:
        launch = FlaskMessageLaunch.from_cache(
            launch_id,
            request,
            DatabaseToolConf(),
            session_service=DatabaseSessionService(request),
            launch_data_storage=DatabaseStorage(),
        )
    except Exception as exc:  # pylti1p3 raises a bare LtiException for a missing launch
        raise DeepLinkExpired(str(exc)) from exc
    deep_link = launch.get_deep_link()
    settings = launch.get_launch_data()["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"]
    return settings["deep_link_return_url"], deep_link.get_response_jwt([resource])


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, for the page's form-action policy."""
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}"
