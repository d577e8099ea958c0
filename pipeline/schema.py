"""The output contract as plain data classes.

Every stage hands the next one these objects, and the writers turn them into
``documents.jsonl`` / ``tasks.jsonl`` with :func:`to_json_dict`.  Field names
are the JSON keys: renaming one is a breaking change of the contract (see
``pipeline/schemas/*.schema.json`` and the README).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]

LEVELS = ("national", "province", "city", "county")
DOC_KINDS = (
    "action_plan",
    "implementation_plan",
    "work_plan",
    "notice",
    "summary",
    "report",
    "news",
    "other",
)
UNIT_KINDS = ("task", "goal", "safeguard", "phase")
DEADLINE_KINDS = ("by", "range", "point", "recurring", "period")
RECURRENCES = ("yearly", "half_yearly", "quarterly", "monthly", "weekly", "daily")
COMPARATORS = (">=", "<=", ">", "<", "=", "range")
ROLES = ("lead", "cooperate", "responsible")


@dataclass
class Source:
    """Where a document came from: enough to find and re-read the raw bytes."""

    path: str  # relative to the input root, keeps the file name
    sha256: str  # of the raw file bytes
    format: str  # txt | html | docx | pdf
    encoding: str | None = None  # detected text encoding (None for binary formats)
    part: int = 1  # 1-based index when one file holds several documents
    converted_from_traditional: bool = False


@dataclass
class Region:
    name: str | None = None  # the region as the document names it, e.g. 蓟州区
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: Literal["national", "province", "city", "county"] | None = None
    code: str | None = None  # 6-digit administrative division code (GB/T 2260)


@dataclass
class Period:
    start_year: int
    end_year: int


@dataclass
class Quality:
    """Signals a researcher should see before trusting a document's text."""

    lost_chars: int = 0  # characters the source had already lost to '?'
    pinyin_removed: int = 0  # pinyin annotations stripped, e.g. 務(wù)
    mojibake_removed: int = 0  # fragments such as ?,F(xiàn) repaired or dropped
    boilerplate_lines: int = 0  # lines of site chrome removed
    warnings: list[str] = field(default_factory=list)


@dataclass
class Document:
    doc_id: str
    source: Source
    text: str  # normalised full text; every span in tasks.jsonl points into it
    title: str | None = None
    notice_title: str | None = None  # title of the covering notice, when there is one
    doc_number: str | None = None  # 发文字号, e.g. 川卫办发〔2018〕27号
    issuers: list[str] = field(default_factory=list)
    issued_date: str | None = None  # 成文日期: YYYY-MM-DD or YYYY-MM
    region: Region = field(default_factory=Region)
    period: Period | None = None
    status: Literal["final", "draft"] = "final"
    kind: str = "other"
    portal: dict[str, str] | None = None  # 索引号, 主题分类, 发布日期, 效力状态 …
    cc: list[str] = field(default_factory=list)  # 抄送
    printed_by: str | None = None  # 印发 line: the office that printed it
    printed_date: str | None = None
    quality: Quality = field(default_factory=Quality)
    n_chars: int = 0
    n_tasks: int = 0


@dataclass
class Deadline:
    text: str
    span: Span
    start: str | None  # ISO date
    end: str | None  # ISO date
    kind: str  # by | range | point | recurring | period
    recurrence: str | None = None  # yearly | quarterly | monthly | weekly | … | None


@dataclass
class Target:
    text: str
    span: Span
    indicator: str | None
    comparator: str  # >= <= > < = range
    value: float
    value_max: float | None = None
    unit: str | None = None  # % | ratio | measure word as written (名, 个, 万元 …)
    year: int | None = None


@dataclass
class Agency:
    name: str  # as written
    canonical: str  # expanded standard form without level prefix, e.g. 卫生健康委员会
    role: str  # lead | cooperate | responsible
    level: str | None  # national | province | city | county | township | None
    span: Span
    prefix: str | None = None  # the level/region prefix as written, e.g. 区, 市, 省


@dataclass
class Label:
    code: str
    score: float


@dataclass
class Unit:
    """A unit of a plan as found by the structure stage (before extraction)."""

    seq: int
    kind: str  # task | goal | safeguard | phase
    heading_path: list[str]
    number: str | None
    text: str
    span: Span


@dataclass
class Task:
    task_id: str
    doc_id: str
    seq: int
    kind: str
    heading_path: list[str]
    number: str | None
    text: str
    span: Span
    labels: list[Label] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)


#: Types returned as they are (exact types; subclasses take the general path).
_ATOMS = frozenset({str, int, float, bool, type(None)})
#: Field names per dataclass, looked up once: every task of every document goes
#: through to_json_dict, and dataclasses.fields() per object was most of its cost.
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def to_json_dict(obj: Any) -> Any:
    """Dataclass -> JSON-ready dict, with spans as two-element lists."""
    cls = obj.__class__
    if cls in _ATOMS:
        return obj
    try:
        names = _FIELD_NAMES[cls]
    except KeyError:
        names = _FIELD_NAMES[cls] = (
            tuple(f.name for f in dataclasses.fields(cls))
            if dataclasses.is_dataclass(cls) and not issubclass(cls, type)
            else None
        )
    if names is not None:
        # (perf) most fields are atoms: return them without a call each
        out = {}
        for name in names:
            value = getattr(obj, name)
            out[name] = value if value.__class__ in _ATOMS else to_json_dict(value)
        return out
    if isinstance(obj, list | tuple):
        return [x if x.__class__ in _ATOMS else to_json_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_json_dict(v) for k, v in obj.items()}
    return obj
