"""The JSON Schema of quiz module files, generated from the same pydantic models the checker uses.

Regenerate after changing a model:  python -m crosscheck.content.quiz_schema
(a test fails while docs/quiz.schema.json is out of date).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crosscheck.content.quizzes import QuizModuleSchema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "quiz.schema.json"


def quiz_schema() -> dict:
    """The schema as a dict, with the draft and a title editors show."""
    schema = QuizModuleSchema.model_json_schema()
    schema["title"] = "Crosscheck quiz module (quizzes/*.yaml)"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema file's exact text."""
    return json.dumps(quiz_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/quiz.schema.json (or the path given)."""
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else SCHEMA_PATH
    path.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
