"""CSV exports open with Python's csv module: BOM, names with commas and quotes, formulas neutralised."""

import csv
import io

from crosscheck.reports.csv import neutralise, to_csv
from tests.conftest import login
from tests.sample_work import SAMPLE_QUIZ, assign, install_sample_catalog, record_attempt


def test_formula_cells_get_a_leading_quote():
    cells = ["=SUM(A1:A9)", "+1", "-2", "@cmd", "\tx", "\rx", "plain", "Zoë"]
    assert [neutralise(c) for c in cells] == ["'=SUM(A1:A9)", "'+1", "'-2", "'@cmd", "'\tx", "'\rx", "plain", "Zoë"]
    assert [neutralise(v) for v in (-3, 2.5, None, True)] == [-3, 2.5, "", "yes"]  # numbers are not formulas


def test_round_trip_through_the_csv_module():
    text = to_csv(["Name", "Score"], [['Ng, "Z"', 1.0], ["=cmd|' /C calc'!A0", None]])
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["Name", "Score"], ['Ng, "Z"', "1.0"], ["'=cmd|' /C calc'!A0", ""]]


def test_every_export_survives_hostile_names(app, client, build):
    install_sample_catalog(app)
    teacher = build.user("teacher")
    tricky = build.user("student", username="tricky", name='=HYPERLINK("http://x"), "Bobby", Tables')
    accented = build.user("student", username="chloe", name="Chloé, Martin")
    classroom = build.classroom(teacher, [tricky, accented], name='9B, "Media"')
    assign(classroom, "quiz", SAMPLE_QUIZ.id)
    record_attempt(tricky, SAMPLE_QUIZ, {"q1": ({"choice": "c"}, 0)}, submitted_at=None)
    record_attempt(accented, SAMPLE_QUIZ, {"q1": ({"choice": "a"}, 1)}, submitted_at=None)
    login(client, teacher.username)
    base = f"/reports/classes/{classroom.id}"
    for url in ("overview.csv", "skills.csv", "items/sample-figures.csv", f"students/{tricky.id}.csv"):
        response = client.get(f"{base}/{url}")
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"].startswith('attachment; filename="9B---Media-')
        text = response.get_data().decode("utf-8")
        assert text.startswith("\ufeff"), url
        rows = list(csv.reader(io.StringIO(text[1:])))
        cells = [c for row in rows for c in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), url
        if "students/" not in url:
            assert '\'=HYPERLINK("http://x"), "Bobby", Tables' in cells, url
            assert "Chloé, Martin" in cells, url
    answers = list(csv.reader(io.StringIO(client.get(f"{base}/students/{tricky.id}.csv").get_data(as_text=True)[1:])))
    assert answers[1][3:6] == ["q1", "Conflicting figures", '\'=HYPERLINK("x") is not a source']
