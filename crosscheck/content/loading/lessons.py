"""The lessons loader: lessons/*.md, directives resolved against the catalogue at load time.

A lesson with any error is skipped (and listed by `content check` and in the teachers' notice); the
others are served. The body is rendered once here, sanitised, and kept as HTML on the frozen Lesson.
"""

from __future__ import annotations

import hashlib

from markupsafe import Markup

from crosscheck.content.catalog import Catalog
from crosscheck.content.directives import render_directive, split_directives
from crosscheck.content.errors import Problem
from crosscheck.content.frontmatter import read_front_matter
from crosscheck.content.lessons import MAX_LESSON_BYTES, Lesson, LessonMeta, teaching_order
from crosscheck.content.loading.ids import LESSON, claim_in, holders
from crosscheck.content.markup import find_raw_html, sanitise, unsanitised_html
from crosscheck.content.sources import LESSONS, ContentFile, ContentFiles, KnownHolders
from crosscheck.content.validation import did_you_mean, validate
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem


def load_lessons(catalog: Catalog, files: ContentFiles, known: KnownHolders) -> None:
    """Load lessons/*.md into catalog.lessons; a file with errors is skipped and its problems recorded."""
    loaded = []
    for file in files.in_folder(LESSONS, ".md"):
        lesson, problems, meta = load_lesson(file, catalog)
        catalog.problems.extend(problems)
        loaded.append((lesson, claim_in(LESSON, file, meta)))
    for lesson in holders(loaded, known, catalog):
        same_order = [other for other in catalog.lessons.values() if other.order == lesson.order]
        if same_order:
            message = f"order {lesson.order} is also used by {same_order[0].path}; the list order is then by id"
            catalog.problems.append(Problem(lesson.path, lesson.order_line, 1, message, "warning"))
        catalog.lessons[lesson.id] = lesson
    catalog.lessons = {lesson.id: lesson for lesson in sorted(catalog.lessons.values(), key=teaching_order)}


def check_lesson_quizzes(catalog: Catalog, files: ContentFiles, known: KnownHolders) -> None:
    """Once quiz modules are loaded, a lesson naming an unknown module is an error and is skipped.

    A root without quiz modules is not checked, as a module's lesson is not checked in a root without lessons
    (loading/quizzes.py): either kind can be written and checked first.
    """
    if not catalog.quizzes:
        return
    for lesson in list(catalog.lessons.values()):
        if lesson.quiz not in catalog.quizzes:
            hint = did_you_mean(lesson.quiz, catalog.quizzes)
            catalog.problems.append(
                Problem(lesson.path, lesson.quiz_line, 1, f"unknown quiz module {lesson.quiz!r}{hint}")
            )
            del catalog.lessons[lesson.id]


def load_lesson(file: ContentFile, catalog: Catalog) -> tuple[Lesson | None, list[Problem], YamlDoc | None]:
    """Read, validate and render one lesson file: the lesson (None when it cannot be served), every problem,
    and the front matter."""
    rel = file.name
    try:
        parsed = read_front_matter(file.data, rel, MAX_LESSON_BYTES)
    except YamlProblem as exc:
        return None, [exc.problem], None
    meta, problems = validate(LessonMeta, parsed.meta, rel)
    if meta is not None:
        for n, article_id in enumerate(meta.articles):
            if article_id not in catalog.articles:
                line, col = parsed.meta.where(("articles", n))
                hint = did_you_mean(article_id, catalog.articles)
                problems.append(Problem(rel, line, col, f"unknown article {article_id!r}{hint}"))
    html, body_problems, used = render_body(parsed.body, parsed.body_first_line, rel, catalog)
    problems += body_problems
    if meta is not None and not any(p.is_error for p in problems):
        for article_id in sorted(used - set(meta.articles)):
            line, col = parsed.meta.where(("articles",))
            message = f"the lesson quotes {article_id!r}; add it to articles"
            problems.append(Problem(rel, line, col, message, "warning"))
    if meta is None or any(p.is_error for p in problems):
        return None, problems, parsed.meta
    lesson = Lesson(
        id=meta.id,
        title=meta.title,
        order=meta.order,
        skills=tuple(meta.skills),
        articles=tuple(meta.articles),
        objectives=tuple(meta.objectives),
        minutes=meta.minutes,
        quiz=meta.quiz,
        path=rel,
        html=Markup(html),
        quiz_line=parsed.meta.where(("quiz",))[0],
        order_line=parsed.meta.where(("order",))[0],
    )
    return lesson, problems, parsed.meta


def render_body(body: str, first_line: int, path: str, catalog: Catalog) -> tuple[str, list[Problem], set[str]]:
    """Markdown with directives to sanitised HTML; also every problem and the articles the directives used."""
    # Cannot occur in the text (it would have to hold its own hash); the same for the same text, so the
    # rendered Markdown is reused at the next catalog build (content/markup.py keeps it).
    token = f"ccdirective{hashlib.sha256(body.encode()).hexdigest()[:16]}x"
    split = split_directives(body, first_line, path, token)
    problems = list(split.problems)
    for line, text in split.markdown_lines:
        for _, col, message in find_raw_html(text):
            problems.append(Problem(path, line, col, message))
        if text.startswith("# "):
            problems.append(
                Problem(path, line, 1, "use '## ' for sections: the lesson title is the page's only '# ' heading")
            )
    if split.trailing_block != "self-check":
        names = [b.name for b in split.blocks]
        where = "move the ```self-check block to the end" if "self-check" in names else "add a ```self-check block"
        last = first_line + len(body.rstrip().split("\n")) - 1
        problems.append(Problem(path, last, 1, f"a lesson ends with its self-check: {where}"))
    html = unsanitised_html(split.markdown)
    used: set[str] = set()
    for placeholder, block in zip(split.placeholders, split.blocks, strict=True):
        fragment, block_problems, articles = render_directive(block, catalog, path)
        problems += block_problems
        used |= articles
        html = html.replace(f"<p>{placeholder}</p>", fragment)
    return sanitise(html), problems, used
