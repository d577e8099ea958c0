"""Run every extractor over the units of one document and assemble tasks.

The extractors themselves are pure (text in, records out); this module only
supplies each one with the document context it needs: the reference date for
relative expressions (年内, 今年) and the document's level for agencies, and it
carries the "列第一位者为牵头部门，下同" convention forward from the unit that
declares it to the units that follow.
"""

from __future__ import annotations

import datetime as dt

from pipeline.extract.agencies import declares_first_listed_lead, find_agencies
from pipeline.extract.deadlines import find_deadlines
from pipeline.extract.targets import find_targets, is_retrospective
from pipeline.schema import Document, Task, Unit


def reference_date(doc: Document) -> dt.date | None:
    """The date relative expressions resolve against: issued date, else a one-year plan's year."""
    if doc.issued_date:
        parts = [int(p) for p in doc.issued_date.split("-")]
        year, month, day = [*parts, 1, 1][:3]
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if doc.period and doc.period.start_year == doc.period.end_year:
        return dt.date(doc.period.start_year, 1, 1)
    return None


def make_task_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-{seq:04d}"


def extract_tasks(doc: Document, units: list[Unit]) -> list[Task]:
    """Units -> tasks with deadlines, targets and agencies (labels are added by classify)."""
    ref_date = reference_date(doc)
    ref_year = ref_date.year if ref_date else None
    first_listed_leads = False
    scanned_to = 0  # the convention may sit in a heading between units, so scan all text
    text = doc.text
    # (perf) a document without any of the words the convention ends with is not searched
    # unit by unit
    may_declare = "牵头" in text or "主责" in text or "主办" in text
    tasks = []
    for unit in units:
        start, end = unit.span
        if (
            not first_listed_leads
            and may_declare
            and declares_first_listed_lead(text, scanned_to, end)
        ):
            first_listed_leads = True
        scanned_to = max(scanned_to, end)
        tasks.append(
            Task(
                task_id=make_task_id(doc.doc_id, unit.seq),
                doc_id=doc.doc_id,
                seq=unit.seq,
                kind=unit.kind,
                heading_path=list(unit.heading_path),
                number=unit.number,
                text=unit.text,
                span=unit.span,
                deadlines=find_deadlines(unit.text, offset=start, ref_date=ref_date),
                targets=[]
                if is_retrospective(unit.heading_path)  # results of past work, not targets
                else find_targets(unit.text, offset=start, ref_year=ref_year),
                agencies=find_agencies(
                    unit.text,
                    offset=start,
                    doc_level=doc.region.level,
                    first_listed_leads=first_listed_leads,
                ),
            )
        )
    return tasks
