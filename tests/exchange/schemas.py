"""The QTI 3.0 schemas in tests/exchange/xsd, compiled once (about 5 s: the ASI schema is large)."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "xsd"
ASI = "qtiv3p0/imsqti_asiv3p0_sbacv1p0_v1p0.xsd"
CONTENT_PACKAGE = "qtiv3p0/imsqtiv3p0_imscpv1p2_v1p0.xsd"
# QTI 3.0 imports MathML 3 and SSML 1.1 under these namespaces; the W3C files declare newer ones.
NAMESPACES = {
    "w3/mathml3": ("http://www.w3.org/2010/Math/MathML", "http://www.w3.org/1998/Math/MathML"),
    "w3/ssml11": ("http://www.w3.org/2010/10/synthesis", "http://www.w3.org/2001/10/synthesis"),
}


@functools.cache
def _folder() -> Path:
    """A temporary copy of the schemas with the two namespaces QTI 3.0 uses."""
    folder = Path(tempfile.mkdtemp(prefix="qti-xsd-"))
    shutil.copytree(XSD, folder, dirs_exist_ok=True)
    for sub, (published, qti) in NAMESPACES.items():
        for path in (folder / sub).glob("*.xsd"):
            path.write_text(path.read_text(encoding="utf-8").replace(published, qti), encoding="utf-8")
    return folder


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    """A compiled schema (no network: an import it cannot find locally is skipped by libxml2, not fetched)."""
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(_folder() / name), parser))


def problems(name: str, document: bytes) -> list[str]:
    """Why the document is not valid against the schema (empty when it is)."""
    compiled = schema(name)
    compiled.validate(etree.fromstring(document))
    return [f"line {e.line}: {e.message}" for e in compiled.error_log]
