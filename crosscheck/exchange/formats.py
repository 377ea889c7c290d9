"""The export formats by name: what each makes of a module, and how it is saved or downloaded.

One table for the command (`flask content export MODULE_ID --format NAME --output PATH`) and the module page's
downloads. A format makes either one file (GIFT, Moodle XML) or a set of files (a QTI package: a folder from
the command, a zip download from the page).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crosscheck.exchange import gift, moodle_xml, qti


@dataclass(frozen=True)
class ExportFormat:
    """How one format is made and named."""

    name: str
    label: str
    extension: str  # of the download: ".zip" for packages
    mimetype: str
    make: Callable  # (module, catalog) -> bytes for a file, dict[path, bytes] for a package

    @property
    def is_package(self) -> bool:
        return self.extension == ".zip"


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("qti3", "QTI 3.0 content package", ".zip", "application/zip", qti.package_files),
        ExportFormat(
            "gift",
            "GIFT (Moodle text format)",
            ".gift.txt",
            "text/plain",  # the response adds "; charset=utf-8" to a text type itself
            lambda module, catalog: gift.module_text(module, catalog).encode("utf-8"),
        ),
        ExportFormat("moodle-xml", "Moodle XML", ".moodle.xml", "application/xml", moodle_xml.module_document),
    )
}


def zipped(files: dict[str, bytes]) -> bytes:
    """A package's files as one zip, imsmanifest.xml first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files, key=lambda p: (p != "imsmanifest.xml", p)):
            archive.writestr(path, files[path])
    return buffer.getvalue()


def download(name: str, module, catalog) -> tuple[bytes, str, str]:
    """(bytes, file name, mimetype) for the module page: a package's name says its format, a file's extension does."""
    fmt = FORMATS[name]
    made = fmt.make(module, catalog)
    if fmt.is_package:
        return zipped(made), f"{module.id}-{fmt.name}{fmt.extension}", fmt.mimetype
    return made, f"{module.id}{fmt.extension}", fmt.mimetype


def write(name: str, module, catalog, output: Path) -> list[Path]:
    """Save to `output`: a folder for a package (made if missing), else a file. The paths written."""
    fmt = FORMATS[name]
    made = fmt.make(module, catalog)
    if not fmt.is_package:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(made)
        return [output]
    written = []
    for path, data in made.items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
