"""The annotations loader: quantities, then each *.annotations.yaml checked against its article.

An entry with a problem is left out and the rest of the file still loads; the article of a file with any
error is not checked for uncovered numbers (the error comes first).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from crosscheck.content.annotation_schema import (
    SUFFIX,
    AnnotationFileSpec,
    ClaimSpec,
    FigureSpec,
    NotFigureSpec,
    QuoteSpec,
    SourceSpec,
)
from crosscheck.content.annotations import (
    ACCESS,
    PRESENTATIONS,
    QUOTE_FORMS,
    SOURCE_KINDS,
    ArticleAnnotations,
    Claim,
    Figure,
    NotFigure,
    Source,
    SpokenQuote,
    annotation_file_name,
    coverage_warnings,
    numbers_in,
)
from crosscheck.content.articles import Article, QuoteLocation, quote_not_found
from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem, QuoteError
from crosscheck.content.loading.quantities import load_quantities, read_yaml_file, unused_quantity_warnings
from crosscheck.content.sources import SEEDS, ContentFile, ContentFiles, KnownHolders
from crosscheck.content.validation import did_you_mean, validate
from crosscheck.content.yamlsafe import YamlDoc


def load_annotations(catalog: Catalog, files: ContentFiles, known: KnownHolders) -> None:
    """The catalog loader: quantities and annotation files of every story, then the uncovered-number check."""
    broken = load_annotation_files(catalog, files)
    catalog.problems.extend(coverage_warnings(catalog.articles, catalog.annotations, skip=broken))


def load_annotation_files(catalog: Catalog, files: ContentFiles) -> set[str]:
    """Fill catalog.quantities and catalog.annotations; return the ids of articles whose file had an error."""
    used_at: dict[str, tuple[str, int, int]] = {}
    story_folders = [f"{SEEDS}/{story}" for story in catalog.stories]
    for folder in story_folders:
        load_quantities(catalog, files, folder, used_at)
    broken: set[str] = set()
    ids: dict[str, str] = {}
    for folder in story_folders:
        for file in files.in_folder(folder, SUFFIX):
            reader = _AnnotationFile(catalog, file, ids)
            annotations = reader.load()
            catalog.problems.extend(reader.problems)
            if reader.article is not None and reader.problems:
                broken.add(reader.article.id)
            if annotations is not None:
                catalog.annotations[annotations.article_id] = annotations
    if not broken:  # an unused key is only worth a word once the files are sound
        catalog.problems.extend(unused_quantity_warnings(catalog, used_at))
    return broken


class _AnnotationFile:
    """One *.annotations.yaml: validated entry by entry against its article."""

    def __init__(self, catalog: Catalog, file: ContentFile, ids: dict[str, str]):
        self.catalog, self.file, self.ids = catalog, file, ids
        self.rel = file.name
        self.doc: YamlDoc | None = None
        self.article: Article | None = None
        self.problems: list[Problem] = []
        self.quote_keys: set[str] = set()

    def error(self, at: tuple, message: str) -> None:
        """Record an error at the position of `at` in this file."""
        self.problems.append(Problem(self.rel, *self.doc.where(at), message))

    def load(self) -> ArticleAnnotations | None:
        """The file's annotations, or None when it cannot be read or does not match its seed file."""
        self.doc, self.problems = read_yaml_file(self.file)
        self.article = self._seed_article()
        if self.doc is None:
            return None
        spec, self.problems = validate(AnnotationFileSpec, self.doc, self.rel)
        if spec is None or not self._names_its_article(spec.article):
            return None
        made = {
            section: [self._entry(section, i, model, make) for i, _ in enumerate(getattr(spec, section))]
            for section, model, make in _SECTIONS
        }
        in_order = {k: tuple(sorted((e for e in v if e), key=_reading_order)) for k, v in made.items()}
        return ArticleAnnotations(self.article.id, **in_order)

    def _seed_article(self) -> Article | None:
        """The article whose seed file has this file's name with .md (000-kyivpost.md for 000-kyivpost...)."""
        seed = self.file.file_name.removesuffix(SUFFIX) + ".md"
        story = self.file.folder.split("/", 1)[1]
        return next(
            (a for a in self.catalog.articles.values() if a.story == story and a.path.endswith("/" + seed)), None
        )

    def _names_its_article(self, article_id: str) -> bool:
        """`article:` must name the article of the seed file beside this one."""
        if self.article is not None and article_id == self.article.id:
            return True
        other = self.catalog.article(article_id)
        if other is None:
            self.error(
                ("article",), f"unknown article {article_id!r}" + did_you_mean(article_id, self.catalog.articles)
            )
        else:
            expected = PurePosixPath(other.path).name.removesuffix(".md") + SUFFIX
            self.error(("article",), f"annotations of {article_id!r} belong in {expected} beside its seed file")
            self.article = self.article or other  # its numbers are not reported while its file is misplaced
        return False

    def _entry(self, section: str, index: int, model, make):
        """Validate one entry, locate its quote, run its checks; the built object or None."""
        at = (section, index)
        spec, problems = validate(model, self.doc, self.rel, at=at)
        self.problems.extend(problems)
        if spec is None:
            return None
        try:
            location = self.article.find_quote(spec.quote)
        except QuoteError as exc:
            message, other = quote_not_found(exc, self.article, self.catalog.articles.values())
            if other is None:
                message = str(exc)  # the file is about one article: no need to name it
            fix = f"annotate it in {annotation_file_name(other)}" if other else ""
            self.problems.append(Problem(self.rel, *self.doc.where(at + ("quote",)), message, fix=fix))
            return None
        before = len(self.problems)
        built = make(self, at, spec, location)
        return built if len(self.problems) == before else None

    def choice(self, at: tuple, value: str, choices: tuple[str, ...], what: str) -> None:
        """An error with a did-you-mean when `value` is not one of `choices`."""
        if value not in choices:
            self.error(at, f"unknown {what} {value!r}" + did_you_mean(value, choices))

    def unique_id(self, at: tuple, entry_id: str) -> None:
        """Claim, figure and source ids are unique across the whole catalogue."""
        where = f"{self.rel}:{self.doc.where(at)[0]}"
        if entry_id in self.ids:
            self.error(at, f"id {entry_id!r} is already used at {self.ids[entry_id]}")
        else:
            self.ids[entry_id] = where


def _claim(reader: _AnnotationFile, at: tuple, spec: ClaimSpec, location: QuoteLocation) -> Claim:
    """A claim: known presentation, each signal, hedge and inference inside the quote."""
    reader.unique_id(at + ("id",), spec.id)
    reader.choice(at + ("presentation",), spec.presentation, PRESENTATIONS, "presentation")
    folded = " ".join(location.text.split()).lower()
    for field, what in (("signals", "signal"), ("hedges", "hedge"), ("inferences", "inference")):
        for n, words in enumerate(getattr(spec, field)):
            if " ".join(words.split()).lower() not in folded:
                reader.error(at + (field, n), f"{what} {words!r} is not inside the claim's quote")
    return Claim(
        spec.id, reader.article.id, spec.quote, location, spec.attributed_to, spec.presentation,
        tuple(spec.signals), tuple(spec.hedges), tuple(spec.inferences),
    )  # fmt: skip


def _figure(reader: _AnnotationFile, at: tuple, spec: FigureSpec, location: QuoteLocation) -> Figure:
    """A figure: a known quantity key, low <= high."""
    reader.unique_id(at + ("id",), spec.id)
    quantities = reader.catalog.quantities
    if spec.quantity not in quantities:
        reader.error(
            at + ("quantity",), f"unknown quantity {spec.quantity!r}" + did_you_mean(spec.quantity, quantities)
        )
    if spec.low is not None and spec.high is not None and spec.low > spec.high:
        reader.error(at + ("low",), f"low ({spec.low:g}) is greater than high ({spec.high:g})")
    return Figure(
        spec.id, reader.article.id, spec.quote, location, spec.quantity, spec.value, spec.low, spec.high,
        spec.unit, spec.given_by, spec.when,
    )  # fmt: skip


def _source(reader: _AnnotationFile, at: tuple, spec: SourceSpec, location: QuoteLocation) -> Source:
    """A source: known kind and access, a chain that ends with the article's outlet."""
    reader.unique_id(at + ("id",), spec.id)
    reader.choice(at + ("kind",), spec.kind, SOURCE_KINDS, "source kind")
    reader.choice(at + ("access",), spec.access, ACCESS, "access")
    outlet = reader.article.outlet_label
    if not spec.chain or spec.chain[-1] != outlet:
        last = (max(len(spec.chain) - 1, 0),) if spec.chain else ()
        reader.error(at + ("chain",) + last, f"the chain must end with the article's outlet: {outlet!r}")
    chain = tuple(spec.chain)
    return Source(spec.id, reader.article.id, spec.name, spec.kind, spec.access, chain, spec.quote, location)


def _quote(reader: _AnnotationFile, at: tuple, spec: QuoteSpec, location: QuoteLocation) -> SpokenQuote:
    """A spoken quote: one per key in an article, a known form."""
    if spec.key in reader.quote_keys:
        reader.error(at + ("key",), f"quote key {spec.key!r} is used twice in this file; one passage per article")
    reader.quote_keys.add(spec.key)
    reader.choice(at + ("form",), spec.form, QUOTE_FORMS, "form")
    return SpokenQuote(spec.key, reader.article.id, spec.speaker, spec.quote, location, spec.form)


def _not_figure(reader: _AnnotationFile, at: tuple, spec: NotFigureSpec, location: QuoteLocation) -> NotFigure:
    """A number marked as not a figure: the quote must hold a number the finder reports."""
    numbers = [m for m in numbers_in(reader.article) if m.paragraph_id == location.paragraph_id]
    span = location.span
    if not any(span.start <= m.number.span.start and m.number.span.end <= span.end for m in numbers):
        reader.error(at + ("quote",), "this passage holds no number the figure finder reports; remove the entry")
    return NotFigure(reader.article.id, spec.quote, location, spec.reason)


def _reading_order(entry) -> tuple[int, int]:
    """Sort key: paragraph number, then position in the paragraph."""
    return int(entry.location.paragraph_id[1:]), entry.location.span.start


_SECTIONS = [
    ("claims", ClaimSpec, _claim),
    ("figures", FigureSpec, _figure),
    ("sources", SourceSpec, _source),
    ("quotes", QuoteSpec, _quote),
    ("not_figures", NotFigureSpec, _not_figure),
]
