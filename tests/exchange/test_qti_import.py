"""QTI 3.0 import: choice and multi items into a draft module; what cannot be mapped is listed; hostile
packages (entities, external DTDs, zip bombs) are refused safely."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.exchange.formats import zipped
from crosscheck.exchange.markup import plain
from crosscheck.exchange.qti import package_files
from crosscheck.exchange.qti_import import ImportError_, import_package, read_zip

MANIFEST = b'<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"><resources/></manifest>'


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(PROJECT_ROOT)


def zip_of(files: dict[str, bytes]) -> bytes:
    """A zip holding `files`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_exported_choice_and_multi_items_come_back(shipped):
    for module in shipped.quizzes.values():
        result = import_package(zipped(package_files(module, shipped)), f"{module.id}-copy", module.title)
        wanted = [i for i in module.items if i.type in ("choice", "multi")]
        assert [i["id"] for i in result.items] == [i.id for i in wanted]
        for item, imported in zip(wanted, result.items, strict=True):
            assert imported["type"] == item.type and imported["points"] == item.points
            assert imported["prompt"] == plain(item.content["prompt"])
            options = item.content["options"]
            assert [o["text"] for o in imported["options"]] == [plain(o["text"]) for o in options]
            assert [bool(o.get("correct")) for o in imported["options"]] == [o["correct"] for o in options]
            assert [o.get("feedback") for o in imported["options"]] == [
                plain(o["feedback"]) if o.get("feedback") else None for o in options
            ]
            if item.type == "multi":
                assert imported["scoring"] == item.content["scoring"]
        others = [i for i in module.items if i.type not in ("choice", "multi")]
        assert len(result.problems) == len(others)
        for item, problem in zip(others, result.problems, strict=True):
            assert problem.startswith(f"items/{item.id}.xml: qti-")
        draft = yaml.safe_load(result.yaml_text)
        assert draft["id"] == f"{module.id}-copy" and len(draft["items"]) == len(wanted)
        assert ("# TODO" in result.yaml_text) == bool(wanted)  # a module of written items leaves nothing to do


def test_a_draft_is_what_content_check_flags(shipped, tmp_path):
    """The draft loads as a module whose only errors are the fields QTI does not carry (skill, articles)."""
    module = shipped.quizzes["spot-unverified"]
    result = import_package(zipped(package_files(module, shipped)), "imported-draft", "Imported")
    root = tmp_path / "content"
    (root / "quizzes").mkdir(parents=True)
    (root / "seeds").symlink_to(PROJECT_ROOT / "seeds")
    (root / "quizzes" / "imported-draft.yaml").write_text(result.yaml_text)
    catalog = load_catalog(root)
    messages = [p.message for p in catalog.errors]
    assert messages and all("skill" in m or "articles" in m or "skills" in m for m in messages), messages


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (b'<!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><m>&b;</m>', "DTD or entities"),
        (b'<!DOCTYPE m SYSTEM "http://example.com/evil.dtd"><m/>', "DTD or entities"),
        (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><m>&x;</m>', "DTD or entities"),
        (b"<m><unclosed></m>", "not well-formed"),
    ],
)
def test_hostile_xml_is_refused(document, reason):
    with pytest.raises(ImportError_, match=reason):
        import_package(zip_of({"imsmanifest.xml": document}), "x", "X")


def test_a_zip_bomb_is_refused_before_it_inflates():
    bomb = zip_of({"imsmanifest.xml": MANIFEST, "items/big.xml": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(ImportError_, match="refused"):
        read_zip(bomb)


def test_an_entry_that_inflates_past_the_size_its_header_claims_is_refused():
    """A bomb whose header lies about its size: the read stops at the claimed size and the zip's own check fails."""
    honest = zip_of({"imsmanifest.xml": b"\0" * 5_000_000})
    lying = honest.replace((5_000_000).to_bytes(4, "little"), (1_000).to_bytes(4, "little"))
    assert lying != honest
    with pytest.raises(ImportError_, match=r"^imsmanifest.xml is damaged in the zip \(Bad CRC-32 .*\): refused.$"):
        read_zip(lying)


def test_too_many_files_and_not_a_zip():
    with pytest.raises(ImportError_, match="at most"):
        read_zip(zip_of({f"f{n}.xml": b"<a/>" for n in range(501)}))
    with pytest.raises(ImportError_, match="not a zip"):
        read_zip(b"<qti-assessment-item/>")
    with pytest.raises(ImportError_, match="imsmanifest.xml"):
        import_package(zip_of({"items/a.xml": b"<a/>"}), "x", "X")
