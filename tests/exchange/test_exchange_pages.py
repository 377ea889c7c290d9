"""Downloads from the module page, the import page and the commands."""

from __future__ import annotations

import html
import io
import re
import zipfile

from crosscheck.catalog_access import get_catalog
from crosscheck.exchange.formats import zipped
from crosscheck.exchange.qti import package_files
from crosscheck.workspace.service import document_by_slug
from tests.conftest import post_form
from tests.workspace.helpers import act, save


def test_teachers_download_every_format_students_cannot(client, app, signed_in):
    signed_in("teacher")
    page = client.get("/quizzes/primary-source").get_data(as_text=True)
    for fmt in ("qti3", "gift", "moodle-xml"):
        assert f"/quizzes/primary-source/export/{fmt}" in page
    qti = client.get("/quizzes/primary-source/export/qti3")
    assert qti.status_code == 200 and "primary-source-qti3.zip" in qti.headers["Content-Disposition"]
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(qti.data)).namelist()
    gift = client.get("/quizzes/primary-source/export/gift")
    assert gift.headers["Content-Type"] == "text/plain; charset=utf-8" and "$CATEGORY:" in gift.get_data(as_text=True)
    assert 'filename="primary-source.gift.txt"' in gift.headers["Content-Disposition"]
    moodle = client.get("/quizzes/primary-source/export/moodle-xml")
    assert (
        moodle.data.startswith(b"<?xml")
        and 'filename="primary-source.moodle.xml"' in moodle.headers["Content-Disposition"]
    )
    assert client.get("/quizzes/primary-source/export/pdf").status_code == 404
    assert client.get("/quizzes/no-such-module/export/gift").status_code == 404
    student = app.test_client()
    from tests.conftest import Builders, login

    login(student, Builders().user("student").username)
    assert student.get("/quizzes/primary-source/export/gift").status_code == 403
    assert "/export/" not in student.get("/quizzes/primary-source").get_data(as_text=True)


def _import(client, package: bytes, module_id: str, title: str = "Imported"):
    """Send a package through the import page's form."""
    return post_form(
        client,
        "/quizzes/import",
        {"package": (io.BytesIO(package), "from-the-lms.zip"), "module_id": module_id, "title": title},
        content_type="multipart/form-data",
    )


def _package(module_id: str) -> bytes:
    """A shipped module as a QTI 3.0 content package."""
    return zipped(package_files(get_catalog().quizzes[module_id], get_catalog()))


def _editor_text(client, slug: str) -> str:
    """The text in the workspace editor's textarea."""
    page = client.get(f"/workspace/{slug}/edit").get_data(as_text=True)
    return html.unescape(re.search(r"<textarea[^>]*>\r?\n?(.*?)</textarea>", page, re.S).group(1))


def test_an_import_lands_as_a_draft_in_the_workspace_and_publishes_once_completed(client, signed_in):
    signed_in("teacher", username="importer")
    response = _import(client, _package("spot-unverified"), "lms-claims", "Claims from the LMS")
    assert response.status_code == 302 and response.headers["Location"].endswith("/workspace/lms-claims/edit")
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    files = package_files(get_catalog().quizzes["spot-unverified"], get_catalog())
    choices = sum(b"qti-choice-interaction" in data for data in files.values())
    assert f"Imported {choices} item(s) from from-the-lms.zip as the draft lms-claims" in editor
    assert "Not imported: items/how-each-claim-is-marked.xml: qti-match-interaction" in editor
    assert "error(s)" in editor and "No problems in this file" not in editor  # the TODO skills and articles
    listed = client.get("/workspace/").get_data(as_text=True)
    assert "Claims from the LMS" in listed and "lms-claims" in listed
    refused = act(client, "lms-claims", "publish")
    assert "never published" in client.get(refused.headers["Location"]).get_data(as_text=True)

    text = _editor_text(client, "lms-claims")
    assert text.startswith("# Draft imported") and "id: lms-claims\n" in text
    completed = (
        re.sub(r"skill: +# TODO.*", "skill: unverified_claim", text)
        .replace("skills: []", "skills: [unverified_claim]")
        .replace("articles: []  # TODO: the id of each article this item is about", "articles: [nk-pow-hngn]")
    )
    save(client, "lms-claims", completed)
    assert "No problems in this file" in client.get("/workspace/lms-claims/edit").get_data(as_text=True)
    published = act(client, "lms-claims", "publish")
    assert "Published" in client.get(published.headers["Location"]).get_data(as_text=True)
    assert "Claims from the LMS" in client.get("/quizzes/lms-claims").get_data(as_text=True)


def test_an_import_that_cannot_land_saves_nothing_and_says_why(client, signed_in):
    signed_in("teacher")
    bad = _import(client, b"nope", "x")
    assert bad.status_code == 400 and "not a zip file" in bad.get_data(as_text=True)
    taken = _import(client, _package("framing"), "spot-unverified")
    assert taken.status_code == 400 and "already used" in taken.get_data(as_text=True)
    messy = _import(client, _package("framing"), "Not An Id")
    assert messy.status_code == 400 and "lowercase letters" in messy.get_data(as_text=True)
    files = package_files(get_catalog().quizzes["spot-unverified"], get_catalog())
    choice_files = [p for p, data in files.items() if b"qti-choice-interaction" in data]
    nothing_to_take = zipped({p: data for p, data in files.items() if p not in choice_files})
    empty = _import(client, nothing_to_take, "no-items")
    page = empty.get_data(as_text=True)
    assert empty.status_code == 400 and "No choice or multiple-response item" in page
    assert f"not imported: {choice_files[0]}: listed in imsmanifest.xml but not in the package" in page
    assert "qti-match-interaction" in page
    assert "Nothing yet." in client.get("/workspace/").get_data(as_text=True)
    for slug in ("x", "spot-unverified", "not-an-id", "no-items"):
        assert client.get(f"/workspace/{slug}").status_code == 404  # nothing saved


def test_export_and_import_commands(app, runner, tmp_path):
    result = runner.invoke(
        args=["content", "export", "spot-unverified", "--format", "qti3", "--output", str(tmp_path / "pkg")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pkg" / "imsmanifest.xml").exists() and (tmp_path / "pkg" / "items").is_dir()
    for fmt, name in (("gift", "m.gift.txt"), ("moodle-xml", "m.xml")):
        result = runner.invoke(
            args=["content", "export", "spot-unverified", "--format", fmt, "--output", str(tmp_path / name)]
        )
        assert result.exit_code == 0 and (tmp_path / name).stat().st_size > 1000
    missing = runner.invoke(args=["content", "export", "nope", "--format", "gift", "--output", str(tmp_path / "n")])
    assert missing.exit_code != 0 and "no quiz module" in missing.output
    package = tmp_path / "p.zip"
    package.write_bytes(zipped(package_files(get_catalog().quizzes["spot-unverified"], get_catalog())))
    result = runner.invoke(
        args=[
            "content",
            "import-qti",
            str(package),
            "--id",
            "copy",
            "--title",
            "Copy",
            "--output",
            str(tmp_path / "copy.yaml"),
        ]
    )
    assert result.exit_code == 0 and "item(s)" in result.output
    assert (tmp_path / "copy.yaml").read_text().startswith("# Draft imported")


def test_import_qti_into_a_teachers_workspace_from_the_command_line(app, runner, build, tmp_path):
    build.user("teacher", username="ms-lms")
    package = tmp_path / "p.zip"
    package.write_bytes(zipped(package_files(get_catalog().quizzes["framing"], get_catalog())))
    command = ["content", "import-qti", str(package), "--id", "lms-framing", "--title", "Framing from the LMS"]
    result = runner.invoke(args=[*command, "--author", "ms-lms"])
    assert result.exit_code == 0, result.output
    assert "into the draft lms-framing of ms-lms's workspace" in result.output
    with app.app_context():
        doc = document_by_slug("lms-framing")
        assert doc.state == "draft" and doc.author.username == "ms-lms" and doc.revision == 1
    again = runner.invoke(args=[*command, "--author", "ms-lms"])
    assert again.exit_code != 0 and "already used" in again.output
    nobody = runner.invoke(args=[*command[:-1], "Other", "--author", "nobody"])
    assert nobody.exit_code != 0 and "no teacher or admin called 'nobody'" in nobody.output
    neither = runner.invoke(args=command)
    assert neither.exit_code != 0 and "Give --output FILE or --author USERNAME" in neither.output
