"""The first version of a new document: a short file in the repository's format that the teacher edits."""

from __future__ import annotations

import json

from crosscheck.content.catalog import Catalog
from crosscheck.workspace.files import main_path


def _quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's form is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# The starter's stand-ins for what the teacher writes. Each is a sentence no real module or lesson would hold;
# the check refuses to publish a file that still has one (a starter passes every other check as it stands).
DESCRIPTION = "One or two sentences on what the module practises."
PROMPT = "Write your question about the excerpt here."
RIGHT = "Write the right answer here."
RIGHT_FEEDBACK = "Say why it is right, quoting the text."
WRONG = "Write a wrong answer a student might choose."
WRONG_FEEDBACK = "Say what the text says instead."
EXPLANATION = "What the student should take away, quoting the article."
OBJECTIVE = "Say what students will be able to do."
LESSON_TEXT = "Write the lesson in Markdown. Quote the articles with directives such as `excerpt`."
SELF_CHECK_QUESTION = "A question students answer for themselves."
SELF_CHECK_ANSWER = "Its answer, shown behind a click."
STORY_SUMMARY = "One or two sentences on the event and the outlets that reported it."
PLACEHOLDERS = (DESCRIPTION, PROMPT, RIGHT, RIGHT_FEEDBACK, WRONG, WRONG_FEEDBACK, EXPLANATION, OBJECTIVE)
PLACEHOLDERS += (LESSON_TEXT, SELF_CHECK_QUESTION, SELF_CHECK_ANSWER, STORY_SUMMARY)


def placeholder_lines(text: str) -> list[tuple[int, str]]:
    """(line number, stand-in) for each line of a file that still holds one of the starter's stand-ins."""
    return [(n, p) for n, line in enumerate(text.splitlines(), 1) for p in PLACEHOLDERS if p in line]


def starter_files(kind: str, slug: str, title: str, catalog: Catalog) -> dict[str, str]:
    """The files of a new document of this kind."""
    if kind == "quiz":
        return {main_path(kind, slug): _module(slug, title, catalog)}
    if kind == "lesson":
        return {main_path(kind, slug): _lesson(slug, title, catalog)}
    return {main_path(kind, slug): _story(slug, title)}


def _module(slug: str, title: str, catalog: Catalog) -> str:
    """A module of one choice item about the first article's lead (replace it with your own)."""
    article = next(iter(catalog.articles.values()), None)
    if article is None:
        articles, excerpt = "[]", ""
    else:
        sentence = article.lead.sentences[0].text if article.lead.sentences else article.lead.text
        articles, excerpt = f"[{article.id}]", f"    excerpt: {_quoted(sentence)}\n"
    return (
        f"id: {slug}\n"
        f"title: {_quoted(title)}\n"
        f"description: {DESCRIPTION}\n"
        "skills: [primary_source]\n"
        "settings:\n"
        "  attempts: 3\n"
        "  shuffle_options: true\n"
        "  feedback: each\n"
        "  score: first  # with feedback after each question, later attempts are practice (no copying the key)\n"
        "items:\n"
        "  - id: first-question\n"
        "    type: choice\n"
        "    skill: primary_source\n"
        f"    articles: {articles}\n"
        f"    prompt: {PROMPT}\n"
        f"{excerpt}"
        "    options:\n"
        f"      - text: {RIGHT}\n"
        "        correct: true\n"
        f"        feedback: {RIGHT_FEEDBACK}\n"
        f"      - text: {WRONG}\n"
        f"        feedback: {WRONG_FEEDBACK}\n"
        f"    explanation: {EXPLANATION}\n"
    )


def _lesson(slug: str, title: str, catalog: Catalog) -> str:
    """A lesson with one section and its self-check, naming the first article and quiz module."""
    article = next(iter(catalog.articles), "an-article-id")
    module = next(iter(catalog.quizzes), "a-quiz-module-id")
    return (
        "---\n"
        f"id: {slug}\n"
        f"title: {_quoted(title)}\n"
        "order: 50\n"
        "skills: [primary_source]\n"
        f"articles: [{article}]\n"
        "objectives:\n"
        f"  - {OBJECTIVE}\n"
        "minutes: 20\n"
        f"quiz: {module}\n"
        "---\n"
        "## First section\n"
        "\n"
        f"{LESSON_TEXT}\n"
        "\n"
        "```self-check\n"
        "questions:\n"
        f"  - question: {SELF_CHECK_QUESTION}\n"
        f"    answer: {SELF_CHECK_ANSWER}\n"
        "```\n"
    )


def _story(slug: str, title: str) -> str:
    """story.yaml: the story's id, title and summary (articles are added one by one)."""
    return f"id: {slug}\ntitle: {_quoted(title)}\nsummary: >-\n  {STORY_SUMMARY}\n"
