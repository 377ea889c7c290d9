"""Downloads from the module page, the import page and the commands."""

from __future__ import annotations

import io
import zipfile

from crosscheck.catalog_access import get_catalog
from crosscheck.exchange.formats import zipped
from crosscheck.exchange.qti import package_files
from tests.conftest import post_form


def test_teachers_download_every_format_students_cannot(client, app, signed_in):
    signed_in("teacher")
    page = client.get("/quizzes/primary-source").get_data(as_text=True)
    for fmt in ("qti3", "gift", "moodle-xml"):
        assert f"/quizzes/primary-source/export/{fmt}" in page
    qti = client.get("/quizzes/primary-source/export/qti3")
    assert qti.status_code == 200 and "primary-source-qti3.zip" in qti.headers["Content-Disposition"]
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(qti.data)).namelist()
    gift = client.get("/quizzes/primary-source/export/gift")
    assert gift.mimetype == "text/plain" and "$CATEGORY:" in gift.get_data(as_text=True)
    assert client.get("/quizzes/primary-source/export/moodle-xml").data.startswith(b"<?xml")
    assert client.get("/quizzes/primary-source/export/pdf").status_code == 404
    assert client.get("/quizzes/no-such-module/export/gift").status_code == 404
    student = app.test_client()
    from tests.conftest import Builders, login

    login(student, Builders().user("student").username)
    assert student.get("/quizzes/primary-source/export/gift").status_code == 403
    assert "/export/" not in student.get("/quizzes/primary-source").get_data(as_text=True)


def test_import_page_shows_the_draft_and_what_was_left_out(client, signed_in):
    signed_in("teacher")
    package = zipped(package_files(get_catalog().quizzes["conflicting-figures"], get_catalog()))
    response = post_form(
        client,
        "/quizzes/import",
        {"package": (io.BytesIO(package), "figures.zip"), "module_id": "figures-copy", "title": "Figures"},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert (
        response.status_code == 200
        and "id: figures-copy" in page
        and "Not imported:" in page
        and "qti-match-interaction" in page
    )
    bad = post_form(
        client,
        "/quizzes/import",
        {"package": (io.BytesIO(b"nope"), "x.zip"), "module_id": "x", "title": "X"},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400 and "not a zip file" in bad.get_data(as_text=True)


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
