"""Check a document's files with the same loaders as `content check`, against what the school is served.

The document's files replace its published ones among the served school files, and the whole catalog is
loaded again: quotes are checked against the articles, ids against every other file, lessons against quiz
modules, exactly as on the command line. The result keeps the catalog it built, for the preview.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.loading import build_catalog
from crosscheck.content.loading.ids import MODULE, claim_in
from crosscheck.content.loading.quizzes import load_quiz_file
from crosscheck.content.sources import ContentFile, ContentFiles
from crosscheck.workspace.files import KIND_LABELS, main_path, path_problem
from crosscheck.workspace.live import SchoolDoc, Served, school_files
from crosscheck.workspace.starters import placeholder_lines


@dataclass(frozen=True)
class Draft:
    """What is checked: a document's kind, id, author and files (repository path -> text)."""

    kind: str
    slug: str
    author_id: int | None
    files: dict[str, str] = field(hash=False)


@dataclass
class CheckResult:
    """Every problem in the document's files, and the catalog built with them."""

    problems: list[Problem]
    catalog: Catalog
    broken_elsewhere: list[Problem]  # published work of others that these files would break

    @property
    def errors(self) -> list[Problem]:
        """The problems that keep the document from being published."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth fixing that do not stop publishing."""
        return [p for p in self.problems if not p.is_error]

    def of(self, path: str) -> list[Problem]:
        """The problems of one file, in line order."""
        return [p for p in self.problems if p.path == path]


def check_draft(shipped: ContentFiles, served: Served, draft: Draft, whole: bool = True) -> CheckResult:
    """Load the shipped files, every other published school file and the draft; keep the draft's problems.

    `whole=False` lets a quiz module of one file be loaded alone against the served catalog (by the same
    loader, with the same result for its file) instead of loading everything again; only loading everything
    tells what else the draft would break, so publishing a story asks for the whole load.
    """
    own = served.school.get(draft.slug)
    others = {p: t for p, t in served.files.items() if own is None or p not in own.paths}
    quick = not whole and draft.kind == "quiz" and set(draft.files) == {main_path("quiz", draft.slug)}
    catalog = _with_module(served, draft, own) if quick else None
    quick = catalog is not None
    if catalog is None:
        catalog = build_catalog(shipped.plus(school_files({**others, **draft.files})), served.known)
    problems = [p for p in catalog.problems if p.path in draft.files]
    problems += _layout_problems(draft)
    problems += _placeholder_problems(draft)
    if not any(p.is_error for p in problems):
        problems += _identity_problems(draft, catalog)
        problems += _reference_problems(draft, catalog, served)
    before = {str(p) for p in served.catalog.errors if p.path in others}
    broken = [] if quick else [p for p in catalog.errors if p.path in others and str(p) not in before]
    return CheckResult(sorted(set(problems)), catalog, broken)


def _with_module(served: Served, draft: Draft, own: SchoolDoc | None) -> Catalog | None:
    """The served catalog with the draft's module file loaded in place of its published version; None when
    its id is another loaded module's too (which file keeps it takes the whole load to settle)."""
    path = main_path("quiz", draft.slug)
    base = served.catalog
    quizzes = {k: m for k, m in base.quizzes.items() if own is None or m.path not in own.paths}
    catalog = replace(base, quizzes=quizzes, problems=[])
    file = ContentFile.from_text(path, draft.files[path])
    module, problems, doc = load_quiz_file(file, catalog, base.misconceptions)
    claim = claim_in(MODULE, file, doc)
    if claim is not None and claim.id in quizzes:
        return None
    catalog.problems = problems
    if module is not None:
        catalog.quizzes = {**quizzes, module.id: module}
    return catalog


def _layout_problems(draft: Draft) -> list[Problem]:
    """Files at paths the document may not hold, and a document without its main file."""
    problems = []
    for path in draft.files:
        reason = path_problem(draft.kind, draft.slug, path)
        if reason:
            problems.append(Problem(path, 1, 1, f"this file does not belong here: {reason}"))
    main = main_path(draft.kind, draft.slug)
    if main not in draft.files:
        problems.append(Problem(main, 1, 1, f"the {KIND_LABELS[draft.kind].lower()} needs its file {main}"))
    return problems


def _placeholder_problems(draft: Draft) -> list[Problem]:
    """Lines that still hold the starter's stand-in text: an error, so a starter is never published as it is."""
    return [
        Problem(path, line, 1, f"still the starter's stand-in text ({stand_in!r}): write your own")
        for path, text in draft.files.items()
        for line, stand_in in placeholder_lines(text)
    ]


def _identity_problems(draft: Draft, catalog: Catalog) -> list[Problem]:
    """The file's own id must be the document's, which was fixed when it was made."""
    main = main_path(draft.kind, draft.slug)
    loaded = {
        "quiz": {m.path: m.id for m in catalog.quizzes.values()},
        "lesson": {lesson.path: lesson.id for lesson in catalog.lessons.values()},
    }.get(draft.kind)
    if loaded is None:  # a story's id is its folder's name, which the loader checks against story.yaml
        return []
    found = loaded.get(main)
    if found == draft.slug:
        return []
    if found is None:  # loaded without an error yet not served: another file of this id came first
        return [Problem(main, 1, 1, f"this {KIND_LABELS[draft.kind].lower()} did not load; check its id")]
    line = _line_of(draft.files[main], "id:")
    message = (
        f"the id is {draft.slug!r}, fixed when it was made: write `id: {draft.slug}` (to use {found!r}, make a copy)"
    )
    return [Problem(main, line, 1, message)]


def _reference_problems(draft: Draft, catalog: Catalog, served: Served) -> list[Problem]:
    """A lesson or module may quote only articles (and name only modules) its author may use with classes."""
    main = main_path(draft.kind, draft.slug)
    text = draft.files.get(main, "")
    if draft.kind == "quiz":
        module = catalog.quizzes.get(draft.slug)
        articles = {a for item in module.items for a in item.articles} if module else set()
        modules: set[str] = set()
    elif draft.kind == "lesson":
        lesson = catalog.lessons.get(draft.slug)
        articles = set(lesson.articles) if lesson else set()
        modules = {lesson.quiz} if lesson else set()
    else:
        return []
    found = [
        (article_id, catalog.articles.get(article_id), "article", "belongs to a story that is not shared")
        for article_id in articles
    ]
    found += [(module_id, catalog.quizzes.get(module_id), "quiz module", "is not shared") for module_id in modules]
    problems = []
    for content_id, loaded, what, why in sorted(found, key=lambda f: f[0]):
        owner = served.owner_of(loaded.path) if loaded else None
        if owner is not None and not _usable(owner, draft.author_id):
            message = f"{what} {content_id!r} {why} with the school; ask its author"
            problems.append(Problem(main, _line_of(text, content_id), 1, message))
    return problems


def _usable(owner: SchoolDoc, author_id: int | None) -> bool:
    """Whether an author may build on another school document: their own, or shared with the school."""
    return owner.author_id == author_id or owner.state == "shared"


def _line_of(text: str, needle: str) -> int:
    """The first line holding `needle` (1 when none does)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    return 1


class CheckCache:
    """The last few check results by (generation, document, files): the editor and preview ask again and again."""

    def __init__(self, size: int = 4):
        self._entries: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def check(self, shipped: ContentFiles, served: Served, draft: Draft, whole: bool = True) -> CheckResult:
        """The result for this draft against this served catalog, computed once."""
        files = tuple(sorted(draft.files.items()))
        key = (id(served), served.generation, draft.kind, draft.slug, draft.author_id, files, whole)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        result = check_draft(shipped, served, draft, whole)
        with self._lock:
            self._entries[key] = (result, served)  # the served catalog is kept with it: its id is in the key
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return result
