"""The W3C export against the W3C Web Annotation test suite's own MUST schemas.

The schemas live beside the repository, in `../shared/w3c-annotation-tests/` (a copy of
github.com/w3c/web-annotation-tests); a clone without that folder skips these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from reader.export import collect, render

from .test_export_formats import EXPORTED, session  # noqa: F401  (the fixture)

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "w3c-annotation-tests"

pytestmark = pytest.mark.skipif(
    not SUITE.is_dir(),
    reason=f"the W3C annotation test schemas are not here ({SUITE}); "
    "they come with the project's shared folder, not with a clone",
)


def _is_uri(value: object) -> bool:
    # RFC 3986: a scheme, a colon, and no spaces or control characters.
    return not isinstance(value, str) or bool(
        re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f]*", value)
    )


def _is_date_time(value: object) -> bool:
    # RFC 3339 date-time: a date, a time and a zone.
    if not isinstance(value, str):
        return True
    if not re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value, flags=re.I
    ):
        return False
    dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


def _validators(test_file: str) -> list[tuple[str, Any]]:
    """A validator per assertion the `.test` file lists, with every definition registered
    under the ids the schemas `$ref` them by."""
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    resources = []
    for path in SUITE.rglob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), Resource.from_contents(schema, DRAFT4)))
    registry = Registry().with_resources(resources)
    checker = FormatChecker(formats=())
    checker.checks("uri")(_is_uri)
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    listed = json.loads((SUITE / test_file).read_text(encoding="utf-8"))["assertions"]
    out = []
    for rel in listed:
        schema = json.loads((SUITE / rel).read_text(encoding="utf-8"))
        out.append((rel, Draft4Validator(schema, registry=registry, format_checker=checker)))
    return out


def _failures(validators: list[tuple[str, Any]], instance: dict[str, Any]) -> list[str]:
    return [
        f"{rel}: {next(v.iter_errors(instance)).message}"
        for rel, v in validators
        if not v.is_valid(instance)
    ]


@pytest.fixture
def exported(session) -> dict[str, Any]:  # noqa: F811
    """An export with an article that has a web address, one that has not, a changed quote
    and an orphaned one (the words as quoted are kept for both)."""
    data = json.loads(render(collect(session), "json", exported=EXPORTED))
    return data


def _assert_valid(data: dict[str, Any]) -> None:
    collection_musts = _validators("collections/collectionMusts.test")
    page_musts = _validators("collections/pages/pageMusts.test")
    annotation_musts = _validators("annotations/annotationMusts.test")
    assert len(collection_musts) >= 10 and len(annotation_musts) >= 50
    assert _failures(collection_musts, data) == []
    # "an Annotation Collection with an embedded Page", and the page on its own
    assert _failures(page_musts, data) == []
    page = {"@context": data["@context"], **data["first"]}
    assert _failures(page_musts, page) == []
    for ann in data["first"]["items"]:
        assert _failures(annotation_musts, ann) == [], ann["id"]


def test_export_passes_the_w3c_must_schemas(exported) -> None:
    assert exported["total"] == 3
    _assert_valid(exported)


def test_changed_and_orphaned_quotes_pass_too(session, lib: Path, put, open_session) -> None:  # noqa: F811
    from .test_export_formats import HOUSING, PRISONS

    session.close()
    put(lib, "housing.md", HOUSING.replace("most tenants", "many tenants"))
    put(lib, "prisons.md", PRISONS.replace("disrupt housing, work and family life", "matter"))
    s = open_session(lib)
    data = json.loads(render(collect(s), "json", exported=EXPORTED))
    statuses = sorted(a["policyreader"]["status"] for a in data["first"]["items"])
    assert statuses == ["anchored", "changed", "orphaned"]
    _assert_valid(data)


def test_a_broken_export_fails_them() -> None:
    """The check can fail: no id, or a bare date for `generated`, is what the suite rejects."""
    data = json.loads(render([], "json", exported=EXPORTED))
    del data["id"]
    assert _failures(_validators("collections/collectionMusts.test"), data)
    (generated,) = [
        v
        for rel, v in _validators("annotations/annotationMusts.test")
        if rel.endswith("annotationGeneratedValidated.json")
    ]
    assert generated.is_valid({"generated": EXPORTED})
    assert not generated.is_valid({"generated": "2024-05-06"})
