"""docs/quiz.schema.json is generated from the models the checker uses, and is kept current."""

from __future__ import annotations

import json

from crosscheck.content.quiz_schema import SCHEMA_PATH, main, quiz_schema, schema_text
from crosscheck.items import ITEM_TYPES


def test_the_committed_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/quiz.schema.json is out of date: run `python -m crosscheck.content.quiz_schema`"
    )


def test_the_schema_chooses_the_item_schema_by_type():
    schema = quiz_schema()
    items = schema["properties"]["items"]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    assert set(items["discriminator"]["mapping"]) == set(ITEM_TYPES)
    choice = schema["$defs"]["ChoiceItem"]
    assert choice["additionalProperties"] is False and "options" in choice["required"]
    assert schema["$defs"]["Settings"]["properties"]["feedback"]["enum"] == ["each", "end", "after-due", "never"]
    assert schema["$defs"]["Settings"]["properties"]["score"]["enum"] == ["highest", "latest", "first", "mean"]


def test_the_script_writes_the_file(tmp_path, capsys):
    target = tmp_path / "quiz.schema.json"
    assert main([str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == quiz_schema()
