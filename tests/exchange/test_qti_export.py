"""QTI 3.0 export: every shipped module's package is valid against 1EdTech's schemas, and each item says
what the module says (correct responses, the score of a right and a wrong answer, feedback, explanation)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from crosscheck.catalog_access import get_catalog
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.exchange import qti
from crosscheck.exchange.formats import download
from crosscheck.items import item_type
from tests.exchange.schemas import ASI, CONTENT_PACKAGE, problems

NS = {"q": qti.QTI_NS, "cp": qti.CP_NS}


def response_values(kind: str, answer: dict) -> list[str]:
    """Our answer as the QTI RESPONSE values the package's interaction would collect."""
    ident = qti.identifier
    if kind == "choice":
        return [ident(answer["choice"])]
    if kind == "multi":
        return [ident(i) for i in answer["choices"]]
    if kind == "highlight":
        return [ident(s) for s in answer["sentences"]]
    return [f"{ident(left)} {ident(right)}" for left, right in answer["pairs"].items()]


def qti_score(item: etree._Element, values: list[str]) -> float:
    """SCORE as the item's response processing computes it (map_response, or match_correct scaled)."""
    declaration = item.find("q:qti-response-declaration", NS)
    processing = item.find("q:qti-response-processing", NS)
    if processing.get("template") == qti.MAP_RESPONSE:
        mapping = declaration.find("q:qti-mapping", NS)
        entries = {e.get("map-key"): float(e.get("mapped-value")) for e in mapping.findall("q:qti-map-entry", NS)}
        total = sum(entries.get(v, float(mapping.get("default-value"))) for v in set(values))
        upper = mapping.get("upper-bound")
        return min(max(total, float(mapping.get("lower-bound"))), float(upper) if upper else total)
    correct = {v.text for v in declaration.findall("q:qti-correct-response/q:qti-value", NS)}
    full = float(processing.find(".//q:qti-response-if//q:qti-base-value", NS).text)
    return full if set(values) == correct else 0.0


@pytest.fixture(scope="module")
def shipped():
    """The shipped catalog (exporting is pure: no app needed)."""
    return load_catalog(PROJECT_ROOT)


@pytest.fixture(scope="module")
def packages(shipped):
    """Every shipped module's package files, made once."""
    return {module.id: (module, qti.package_files(module, shipped)) for module in shipped.quizzes.values()}


def test_every_file_of_every_package_is_valid(packages):
    for module_id, (module, files) in packages.items():
        assert problems(CONTENT_PACKAGE, files["imsmanifest.xml"]) == [], module_id
        for path, data in files.items():
            if path != "imsmanifest.xml":
                assert problems(ASI, data) == [], f"{module_id}/{path}"
        assert len([p for p in files if p.startswith("items/")]) == len(module.items)


def test_each_item_says_what_the_module_says(packages):
    for module, files in packages.values():
        for item in module.items:
            kind = item_type(item.type)
            root = etree.fromstring(files[f"items/{item.id}.xml"])
            assert root.get("identifier") == qti.identifier(item.id)
            if item.type == "written":
                written_item_says_what_the_module_says(root, item)
                continue
            key, wrong = kind.answer_key(item.content), kind.wrong_answer(item.content)
            correct = {
                v.text for v in root.findall("q:qti-response-declaration/q:qti-correct-response/q:qti-value", NS)
            }
            assert correct == set(response_values(item.type, key)), item.id
            for answer in (key, wrong):
                expected = kind.grade(item.content, answer).points
                assert qti_score(root, response_values(item.type, answer)) == pytest.approx(expected), (item.id, answer)
            maxscore = root.find("q:qti-outcome-declaration[@identifier='MAXSCORE']//q:qti-value", NS).text
            assert float(maxscore) == item.points
            if item.content.get("explanation"):
                modal = root.find("q:qti-modal-feedback", NS)
                assert modal is not None and item.content["explanation"].split()[0] in "".join(modal.itertext())


def written_item_says_what_the_module_says(root: etree._Element, item) -> None:
    """A written item: a string RESPONSE with no key and no automatic score (a scorer sets SCORE), its points as
    MAXSCORE, the rubric for candidates and scorers, the model answer and notes for scorers only."""
    declaration = root.find("q:qti-response-declaration", NS)
    assert (declaration.get("cardinality"), declaration.get("base-type")) == ("single", "string")
    assert declaration.find("q:qti-correct-response", NS) is None
    processing = root.find("q:qti-response-processing", NS)
    assert processing.get("template") is None
    assert [o.get("identifier") for o in processing.iter(f"{{{qti.QTI_NS}}}qti-set-outcome-value")] == ["FEEDBACK"]
    maxscore = root.find("q:qti-outcome-declaration[@identifier='MAXSCORE']//q:qti-value", NS).text
    assert float(maxscore) == item.points == item.content["rubric"][-1]["points"]
    blocks = {b.get("view"): "".join(b.itertext()) for b in root.iter(f"{{{qti.QTI_NS}}}qti-rubric-block")}
    assert set(blocks) == {"candidate scorer", "scorer"}
    for level in item.content["rubric"]:
        assert level["label"] in blocks["candidate scorer"] and level["label"] in blocks["scorer"]
    model = " ".join(item.content["model_answer"].split()[:6])
    assert model in " ".join(blocks["scorer"].split()) and model not in blocks["candidate scorer"]
    interaction = root.find("q:qti-item-body/q:qti-extended-text-interaction", NS)
    assert interaction.get("response-identifier") == "RESPONSE"


def test_interactions_per_type(packages):
    interactions = {}
    for module, files in packages.values():
        for item in module.items:
            body = etree.fromstring(files[f"items/{item.id}.xml"]).find("q:qti-item-body", NS)
            interactions.setdefault(item.type, set()).update(
                child.tag.split("}")[1] for child in body if child.tag.endswith("-interaction")
            )
    assert interactions == {
        "choice": {"qti-choice-interaction"},
        "multi": {"qti-choice-interaction"},
        "highlight": {"qti-hottext-interaction"},
        "match": {"qti-match-interaction"},
        "written": {"qti-extended-text-interaction"},
    }


def test_highlight_offers_exactly_the_passages_sentences(packages):
    for module, files in packages.values():
        for item in (i for i in module.items if i.type == "highlight"):
            root = etree.fromstring(files[f"items/{item.id}.xml"])
            hot = [(h.get("identifier"), h.text) for h in root.iter(f"{{{qti.QTI_NS}}}qti-hottext")]
            assert hot == [(qti.identifier(s["id"]), s["text"]) for s in item.content["sentences"]]


def test_the_manifest_lists_the_test_and_every_item_in_order(packages):
    module, files = packages["spot-unverified"]
    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = [r.get("href") for r in manifest.findall("cp:resources/cp:resource", NS)]
    assert hrefs == [f"tests/{module.id}.xml"] + [f"items/{i.id}.xml" for i in module.items]
    test = etree.fromstring(files[f"tests/{module.id}.xml"])
    refs = [r.get("href") for r in test.iter(f"{{{qti.QTI_NS}}}qti-assessment-item-ref")]
    assert refs == [f"items/{i.id}.xml" for i in module.items]


def test_the_download_is_a_zip_of_the_same_files(app):
    module = get_catalog().quizzes["primary-source"]
    data, name, mimetype = download("qti3", module, get_catalog())
    assert name == "primary-source-qti3.zip" and mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
        assert set(archive.namelist()) == set(qti.package_files(module, get_catalog()))
