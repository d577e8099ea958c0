"""The common task taxonomy, read from ``pipeline/data/taxonomy.toml``.

The taxonomy is data, not code: codes, names, descriptions, keyword cues and
cross-walks live in the TOML file so that researchers can review and version
them.  This module only parses and validates it, and exposes what the
classifier and the build need (codes in a fixed order, groups, cues, version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.resources import DATA_DIR

TAXONOMY_PATH = DATA_DIR / "taxonomy.toml"

# The codes are fixed by the project (issue 4); the file may not add, drop or rename any.
FIXED_CODES: tuple[str, ...] = (
    "appointment_flow",
    "tiered_care",
    "primary_care",
    "emergency_care",
    "telemedicine",
    "quality_safety",
    "care_models",
    "diagnostic_sharing",
    "nursing",
    "pharmacy",
    "tcm",
    "environment_amenities",
    "humanistic_care",
    "dispute_security",
    "workforce",
    "specialty_research",
    "infrastructure",
    "digital_health",
    "hospital_management",
    "conduct_regulation",
    "insurance_cost",
    "implementation",
    "public_health",
    "other",
)


class TaxonomyError(ValueError):
    """The taxonomy file is malformed or does not hold exactly the fixed codes."""


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    group: str
    description: str
    include: str = ""
    exclude: str = ""
    cues: tuple[str, ...] = ()
    crosswalk: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class Taxonomy:
    version: str
    default_code: str
    groups: dict[str, str]  # group id -> Chinese name, in file order
    codes: dict[str, Code]  # code -> Code, in FIXED_CODES order

    @property
    def code_list(self) -> list[str]:
        """All codes in the canonical order (the order of model outputs)."""
        return list(self.codes)

    def cues(self, code: str) -> tuple[str, ...]:
        return self.codes[code].cues

    def group_of(self, code: str) -> str:
        return self.codes[code].group


def parse_taxonomy(data: dict) -> Taxonomy:
    """Validate a parsed TOML dict and build a :class:`Taxonomy` (raises :class:`TaxonomyError`)."""
    try:
        version = str(data["version"])
        groups = dict(data["groups"])
        raw_codes = dict(data["codes"])
    except KeyError as exc:
        raise TaxonomyError(f"taxonomy lacks the '{exc.args[0]}' table") from exc
    if set(raw_codes) != set(FIXED_CODES):
        missing = sorted(set(FIXED_CODES) - set(raw_codes))
        extra = sorted(set(raw_codes) - set(FIXED_CODES))
        raise TaxonomyError(
            f"taxonomy codes differ from the fixed set: missing {missing}, extra {extra}"
        )
    codes: dict[str, Code] = {}
    for code in FIXED_CODES:
        entry = raw_codes[code]
        group = entry.get("group")
        if group not in groups:
            raise TaxonomyError(f"code {code!r} has unknown group {group!r}")
        codes[code] = Code(
            code=code,
            name=entry["name"],
            group=group,
            description=entry.get("description", ""),
            include=entry.get("include", ""),
            exclude=entry.get("exclude", ""),
            cues=tuple(entry.get("cues", ())),
            crosswalk=dict(entry.get("crosswalk", {})),
        )
    default = data.get("default_code", "other")
    if default not in codes:
        raise TaxonomyError(f"default_code {default!r} is not a code")
    return Taxonomy(version=version, default_code=default, groups=groups, codes=codes)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load and validate the taxonomy file (default: the packaged ``taxonomy.toml``)."""
    import tomllib  # (perf) only here: a cached rebuild reads just the version line

    with open(path or TAXONOMY_PATH, "rb") as fh:
        return parse_taxonomy(tomllib.load(fh))


#: ``version = "..."`` as a top-level line of the TOML file (before any table header).
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"\\]*)"\s*(?:#.*)?$', re.MULTILINE)


def taxonomy_version(path: Path | None = None) -> str:
    """The taxonomy's version, read from its top-level ``version`` line.

    (perf) A build report needs only this; parsing and validating the whole file
    (~25 ms with the ``tomllib`` import) was a fifth of an unchanged rebuild.  When
    the line is not there in that simple form, the file is loaded as usual.
    """
    text = (path or TAXONOMY_PATH).read_text(encoding="utf-8")
    top = text.split("\n[", 1)[0]  # the top-level keys come before the first table
    match = _VERSION_LINE.search(top)
    if match is None:
        return load_taxonomy(path).version
    return match.group(1)
