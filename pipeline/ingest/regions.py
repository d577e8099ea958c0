"""Administrative regions: the GB/T 2260 table and region inference from a document's text.

Why a table and not a list of names: a researcher compares plans across provinces, cities and
counties, so every document needs its region at a known level with a stable code.  Names alone
are ambiguous (朝阳区 is in Beijing and in 长春; 鼓楼区 in four cities) and change over time
(蓟县 became 蓟州区 in 2016), so the table keeps codes, parents and historical names, and
inference weighs who wrote the document (issuer, title, "我区/全市" self-references) over places
the text merely mentions.

The table is ``pipeline/data/regions.tsv`` (see ``pipeline/data/regions.README.md``); it is
loaded once with :meth:`RegionTable.load` and passed in.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.codepoints import CODE_SPACE, char_table, code_points
from pipeline.schema import Region

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "regions.tsv"

NATIONAL = Region(name="全国", level="national")

# Issuers whose name states national scope: 国务院, 国家卫生健康委员会, 中共中央 …, and the
# ministries, named by their field alone (财政部, 人力资源社会保障部; a local 市委宣传部 names
# its place).
_NATIONAL_ISSUER = re.compile(
    r"^(?:国务院|国家|中共中央|中央|全国|中华人民共和国)|^[^省市县区州盟旗]{2,12}部(?:办公厅)?$"
)

# Self-references that tell the level of the body speaking, strongest first:
# "代表常州市人民政府 / 代表州人民政府 / 代表行署" (a government work report), then 我市/我县,
# then 全市/本县 (weak: city reports also say 全省 when ranking themselves in the province).
_SPEAKER = re.compile(
    r"代表[^，。,\s]{0,12}?(省|市|州|盟|县|区|旗)人民政府|代表(行署|盟委)|代表(国务院)"
)
_SELF_STRONG = re.compile(r"我(省|市|州|盟|县|区|旗)(?![级长委直属])")
_SELF_WEAK = re.compile(r"[全本](省|市|州|盟|县|区|旗)(?![级长委直属])")
_LEVEL_OF_UNIT = {
    "省": "province",
    "市": "city",
    "州": "city",
    "盟": "city",
    "行署": "city",
    "盟委": "city",
    "县": "county",
    "区": "county",
    "旗": "county",
    "国务院": "national",
}
# A text addressed to every province speaks for the nation (国家卫生健康委 notices, State
# Council plans): 各省、自治区、直辖市 / 各省（区、市） / 新疆生产建设兵团.
_NATIONAL_ADDRESS = re.compile(
    r"各省[、，,]\s*自治区[、，,]\s*直辖市|各省[（(]区[、，,]\s*市[)）]|新疆生产建设兵团"
)
# Quoted titles of other documents: places inside them are cited, not where the author is.
_CITED = re.compile(r"《[^《》\n]{0,120}》")


# A county-level name the table does not hold, at the start of an issuer or title
# (沛县卫生健康局, 某某区人民政府): kept as written, with city/province from context.
_LOCAL_NAME = re.compile(
    r"^([\u4e00-\u9fff]{1,6}?县|[\u4e00-\u9fff]{2,6}?(?:旗|区|市))"
    r"(?=人民政府|政府|卫生|卫健|卫计|医疗保障|医保|疾病|党委|委员会|发展|财政|民政|教育|市场|"
    r"\d{4}|关于|进一步|全面|提升|改善|深化|加强|推进|医疗|公立)"
)
_NOT_LOCAL = re.compile(
    r"^(?:全|本|我|各|该|郡|市|区)县$|(?:社|城|园|景|辖|山|牧|郊|全|本|我|各|新|特|开发|高新|功能|保税|示范|城市|都市|省|州)(?:区|市)$"
)


@dataclass(frozen=True)
class RegionEntry:
    """One row of regions.tsv: a division as it existed between valid_from and valid_to."""

    code: str
    name: str
    short_name: str
    level: str  # province | city | county
    parent_code: str
    valid_from: str = ""
    valid_to: str = ""  # empty while the division exists
    successor: str = ""  # code of the division that replaced it

    @property
    def historical(self) -> bool:
        return bool(self.valid_to)

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


class _NameScanner:
    """Leftmost-longest, non-overlapping matching of a fixed set of names.

    Every document's body is scanned against some 1,200 names.  A regex
    alternation of them tries each name at each position; here the positions
    where a name can start are found first and a dictionary keyed by the first
    two characters lists the lengths worth trying there (longest first), which
    is several times faster with exactly the same matches.

    (perf) The candidate positions come from numpy over the text's code points:
    a table says which characters start or continue a name, and the surviving
    two-character prefixes are checked against the real ones in bulk, so Python
    only visits positions where a name of two or more characters may start (and
    those of the one-character names).
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = {n for n in names if n}
        self._short = {n for n in self._names if len(n) == 1}
        lengths: dict[str, set[int]] = {}
        for n in self._names:
            if len(n) > 1:
                lengths.setdefault(n[:2], set()).add(len(n))
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        self._starts = char_table({prefix[0] for prefix in self._lengths})
        self._follows = char_table({prefix[1] for prefix in self._lengths})
        self._prefix_keys = np.array(sorted(map(_pair_key, self._lengths)), dtype=np.int64)
        self._one_char = char_table(self._short)

    def longest_at(self, text: str, pos: int) -> int:
        """End of the longest name starting at ``pos``, or -1 when none does."""
        room = len(text) - pos
        for length in self._lengths.get(text[pos : pos + 2], ()):
            if length <= room and text[pos : pos + length] in self._names:
                return pos + length
        if pos < len(text) and text[pos] in self._short:
            return pos + 1
        return -1

    def _candidates(self, text: str) -> list[int]:
        """Increasing positions where a name may start (a superset of where one does)."""
        codes = code_points(text)
        starts = np.flatnonzero(self._starts[codes[:-1]] & self._follows[codes[1:]])
        keys = codes[starts].astype(np.int64) * CODE_SPACE + codes[starts + 1]
        # membership in the sorted prefix keys (cheaper than np.isin, which sorts both)
        found = np.searchsorted(self._prefix_keys, keys).clip(max=len(self._prefix_keys) - 1)
        starts = starts[self._prefix_keys[found] == keys]
        if self._short:
            starts = np.union1d(starts, np.flatnonzero(self._one_char[codes]))
        return starts.tolist()

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each name, scanning left to right like ``re.finditer``."""
        if not self._names:
            return
        lengths, names, n = self._lengths, self._names, len(text)
        pos = 0
        for start in self._candidates(text):
            if start < pos:
                continue  # inside the name just found
            room = n - start
            for length in lengths.get(text[start : start + 2], ()):
                if length <= room and text[start : start + length] in names:
                    yield start, start + length
                    pos = start + length
                    break
            else:
                if text[start] in self._short:
                    yield start, start + 1
                    pos = start + 1


def _pair_key(pair: str) -> int:
    """Two characters as one integer (numpy compares them in bulk)."""
    return ord(pair[0]) * CODE_SPACE + ord(pair[1])


_RECENT_SCANS = 4


@dataclass(frozen=True)
class Mention:
    """A place name found in a text: the candidate entries it may denote and where it is."""

    candidates: tuple[RegionEntry, ...]
    start: int
    end: int
    full: bool  # written with its suffix (临沂市), not as a short name (临沂)


class RegionTable:
    """The division table with name look-up, ancestry and a matcher for running text."""

    def __init__(self, entries: Sequence[RegionEntry]) -> None:
        self.entries = list(entries)
        self._by_code: dict[str, list[RegionEntry]] = {}
        self._by_full: dict[str, list[RegionEntry]] = {}
        self._by_short: dict[str, list[RegionEntry]] = {}
        for e in self.entries:
            self._by_code.setdefault(e.code, []).append(e)
            self._by_full.setdefault(e.name, []).append(e)
            if e.short_name and e.short_name != e.name:
                self._by_short.setdefault(e.short_name, []).append(e)
        for lst in self._by_code.values():
            lst.sort(key=lambda e: e.historical)  # current entry first
        # Short names are matched in running text only for provinces and prefectures: county
        # short names (通州, 河北区 -> 河北, 东方) collide with ordinary words and other places.
        names = set(self._by_full)
        names |= {s for s, lst in self._by_short.items() if any(e.level != "county" for e in lst)}
        self._names = _NameScanner(names)
        # (perf) infer_region and region_from_body scan the same body (with a title scan
        # in between): the last few scans are kept.
        self._recent_scans: dict[str, tuple[Mention, ...]] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: Path | str | None = None) -> RegionTable:
        """Read the TSV table (comment lines start with '#', first other line is the header)."""
        rows: list[RegionEntry] = []
        header: list[str] | None = None
        for line in Path(path or DATA_PATH).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            rec = dict(zip(header, cells, strict=False))
            rows.append(
                RegionEntry(
                    code=rec["code"],
                    name=rec["name"],
                    short_name=rec.get("short_name", "") or rec["name"],
                    level=rec["level"],
                    parent_code=rec.get("parent_code", ""),
                    valid_from=rec.get("valid_from", ""),
                    valid_to=rec.get("valid_to", ""),
                    successor=rec.get("successor", ""),
                )
            )
        return cls(rows)

    # ------------------------------------------------------------------ look-up
    def entry(self, code: str) -> RegionEntry | None:
        """The current entry for a code (or the historical one when the code was retired)."""
        lst = self._by_code.get(code)
        return lst[0] if lst else None

    def lookup(self, name: str) -> list[RegionEntry]:
        """All entries a written name may denote: full names first, then short names."""
        name = name.strip()
        return list(self._by_full.get(name, [])) or list(self._by_short.get(name, []))

    def parent(self, e: RegionEntry) -> RegionEntry | None:
        return self.entry(e.parent_code) if e.parent_code else None

    def ancestors(self, e: RegionEntry) -> list[RegionEntry]:
        """The entry and its parents, most specific first."""
        chain = [e]
        seen = {e.code}
        cur = self.parent(e)
        while cur is not None and cur.code not in seen:
            chain.append(cur)
            seen.add(cur.code)
            cur = self.parent(cur)
        return chain

    def successor_of(self, e: RegionEntry) -> RegionEntry | None:
        """The division that replaced a historical one (襄樊市 -> 襄阳市, 蓟县 -> 蓟州区)."""
        if not e.historical or not e.successor:
            return None
        for cand in self._by_code.get(e.successor, []):
            if not cand.historical:
                return cand
        return None

    def is_municipality(self, e: RegionEntry) -> bool:
        """Province-level cities (北京市, 天津市, 上海市, 重庆市) also act as cities."""
        return e.level == "province" and e.name.endswith("市")

    def to_region(self, e: RegionEntry) -> Region:
        """A schema Region for an entry, with its province and city filled from the parents."""
        region = Region(name=e.name, level=e.level, code=e.code)  # type: ignore[arg-type]
        for a in self.ancestors(e):
            if a.level == "province":
                region.province = a.name
                if self.is_municipality(a) and e.level != "province":
                    region.city = a.name
            elif a.level == "city":
                region.city = a.name
            elif a.level == "county":
                region.county = a.name
        if self.is_municipality(e):
            region.city = e.name
        return region

    def find(self, name: str, context: Iterable[RegionEntry] = ()) -> Region | None:
        """The Region a written name denotes; ambiguous names use ``context`` (other places
        the document mentions) and otherwise fall back to what all readings share."""
        cands = self.lookup(name)
        if not cands:
            return None
        e = self.resolve(cands, context)
        if e is not None:
            return self.to_region(e)
        common = self.common_ancestor(cands)
        return self.to_region(common) if common is not None else None

    def resolve(
        self, cands: Sequence[RegionEntry], context: Iterable[RegionEntry] = ()
    ) -> RegionEntry | None:
        """Pick one of several same-named entries using the places mentioned around it."""
        if len(cands) == 1:
            return cands[0]
        current = [c for c in cands if not c.historical] or list(cands)
        if len({c.code for c in current}) == 1:
            return current[0]
        # Otherwise the one reading that lies inside a place mentioned nearby
        # (朝阳区 + 长春市 -> 长春's 朝阳区); several or none: undecided.
        ctx_codes = {c.code for c in context}
        fitting = [c for c in current if any(a.code in ctx_codes for a in self.ancestors(c)[1:])]
        if len({c.code for c in fitting}) == 1:
            return fitting[0]
        return None

    def common_ancestor(self, cands: Sequence[RegionEntry]) -> RegionEntry | None:
        """The most specific division containing every candidate (鼓楼区 in 南京/徐州 -> 江苏省)."""
        chains = [[a.code for a in self.ancestors(c)] for c in cands]
        if not chains:
            return None
        shared = set(chains[0]).intersection(*map(set, chains[1:]))
        for code in chains[0]:
            if code in shared:
                return self.entry(code)
        return None

    # ------------------------------------------------------------------ text
    def mentions(self, text: str) -> list[Mention]:
        """Every place name in ``text``, longest match first, not overlapping."""
        known = self._recent_scans.get(text)
        if known is not None:
            return list(known)
        out = self._scan_mentions(text)
        if len(self._recent_scans) >= _RECENT_SCANS:
            self._recent_scans.pop(next(iter(self._recent_scans)), None)
        self._recent_scans[text] = tuple(out)
        return out

    def _scan_mentions(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        for start, end in self._names.finditer(text):
            s = text[start:end]
            full = s in self._by_full
            cands = self._by_full.get(s) if full else self._by_short.get(s)
            if not cands:
                continue
            if not full:
                cands = [c for c in cands if c.level != "county"]
            out.append(Mention(tuple(cands), start, end, full))
        return out

    def leading_region(self, name: str, context: Iterable[RegionEntry] = ()) -> RegionEntry | None:
        """See :meth:`leading_region_span`; only the division."""
        return self.leading_region_span(name, context)[0]

    def leading_region_span(
        self, name: str, context: Iterable[RegionEntry] = ()
    ) -> tuple[RegionEntry | None, int]:
        """The most specific division a body's name starts with.

        '云南省昆明市盘龙区卫生局' -> 盘龙区; '临沂市人民政府办公室' -> 临沂市; '四川省卫生…' -> 四川省.
        Only a prefix counts: an issuer is named after the region it serves.
        """
        pos = 0
        chosen: RegionEntry | None = None
        context = list(context)
        while True:
            end = self._names.longest_at(name, pos)
            if end < 0:
                break
            s = name[pos:end]
            cands = self._by_full.get(s) or [
                c for c in self._by_short.get(s, []) if c.level != "county"
            ]
            if not cands:
                break
            if chosen is not None:
                # the next name must lie inside the previous one (省 -> 市 -> 区)
                inside = [c for c in cands if any(a.code == chosen.code for a in self.ancestors(c))]
                if not inside:
                    break
                cands = inside
            e = self.resolve(cands, context)
            if e is None:
                common = self.common_ancestor(cands)
                if common is None:
                    break
                e = common
            chosen = e
            context.append(e)
            pos = end
        return chosen, pos


# ---------------------------------------------------------------------- inference
def _self_level(text: str) -> str | None:
    """The level of the body speaking: the strongest kind of self-reference present decides
    (代表…人民政府 > 我市/我县 > 全市/本县), the most frequent unit within that kind wins."""
    for pattern in (_SPEAKER, _SELF_STRONG, _SELF_WEAK):
        counts: Counter[str] = Counter()
        for m in pattern.finditer(text):
            unit = next(g for g in m.groups() if g)
            counts[_LEVEL_OF_UNIT[unit]] += 1
        if counts:
            return counts.most_common(1)[0][0]
    return None


@functools.lru_cache(maxsize=4)
def _strip_cited(text: str) -> str:
    """Blank out 《...》 titles (same length, so offsets stay comparable).

    (perf) Cached: inference blanks the same body up to three times.
    """
    return _CITED.sub(lambda m: " " * len(m.group(0)), text)


def _score_mentions(mentions: Sequence[Mention], regions: RegionTable) -> Counter[RegionEntry]:
    """Weight per entry code: full names 2, short names 1; each mention also counts for its
    ancestors at half weight (a county named in a city report supports that city)."""
    context = [c for m in mentions if len(m.candidates) == 1 for c in m.candidates]
    score: Counter[RegionEntry] = Counter()
    for m in mentions:
        e = regions.resolve(m.candidates, context)
        if e is None:
            continue
        w = 2.0 if m.full else 1.0
        score[e] += w
        for a in regions.ancestors(e)[1:]:
            score[a] += w / 2
    return score


def _fits_level(e: RegionEntry, level: str, regions: RegionTable) -> bool:
    if level == "city":
        return e.level == "city" or regions.is_municipality(e)
    return e.level == level


def region_from_body(text: str, regions: RegionTable) -> Region | None:
    """Region of a text with no issuer or title naming it, from what the text says of itself.

    The speaking level (代表州人民政府 / 我县 / 全市) decides the level; the best-supported
    division of that level wins, where a county mentioned also supports its city.  For a
    county-level speaker the best city is chosen first and then its most mentioned county
    (a district unknown to the table leaves the region at the city).  Places in cited
    document titles (《…》) do not count.
    """
    body = _strip_cited(text)
    level = _self_level(body)
    if level == "national" or (
        level in (None, "province") and _NATIONAL_ADDRESS.search(body[:3000])
    ):
        return Region(**vars(NATIONAL))
    mentions = regions.mentions(body)
    score = _score_mentions(mentions, regions) if mentions else Counter()
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0].code))
    if level == "province":
        for e, _ in ranked:
            if e.level == "province":
                return regions.to_region(e)
    top_entry = ranked[0][0]
    if (
        level == "county"  # 广西、新疆、西藏、宁夏、内蒙古 call themselves 我区/全区 too
        and top_entry.level == "province"
        and top_entry.name.endswith("自治区")
        and not any(e.level == "county" for e, _ in ranked)
    ):
        return regions.to_region(top_entry)
    if level in ("city", "county"):
        city = next((e for e, _ in ranked if _fits_level(e, "city", regions)), None)
        if city is None:
            county = next((e for e, _ in ranked if e.level == "county"), None)
            if county is not None and level == "county":
                return regions.to_region(county)
            return _clause_local_region(body, None, regions) if level == "county" else None
        if level == "county":
            inside = [
                e
                for e, _ in ranked
                if e.level == "county"
                and any(a.code == city.code for a in regions.ancestors(e)[1:])
            ]
            if inside:
                return regions.to_region(inside[0])
            local = _clause_local_region(body, city, regions)
            if local is not None:
                return local
        return regions.to_region(city)
    # No self-reference: the most specific division among the best-supported ones.
    best = ranked[0][1]
    top = [e for e, sc in ranked if sc >= best]
    order = {"county": 0, "city": 1, "province": 2}
    top.sort(key=lambda e: order.get(e.level, 3))
    return regions.to_region(top[0])


# A county-level name opening a clause and followed by one of its bodies (沛县人民医院,
# 沛县卫生健康局): how a county's own text names itself when the table lacks it.
_CLAUSE_LOCAL = re.compile(
    r"(?:^|(?<=[\n，。；：、“（(\s]))([\u4e00-\u9fff]{1,4}县|[\u4e00-\u9fff]{2,4}[区旗])"
    r"(?=人民政府|政府|卫生|卫健|卫计|人民医院|中医院|医院|疾控|疾病|妇幼|医保|医疗保障)"
)


# Clause openings that are words, not place names: 我代表区…, 由县…, 各区…
_CLAUSE_WORD = re.compile(r"^(?:我|代表|全|各|本|该|由|在|对|向|和|与|及|为|按|经|市|省|州)")


def _clause_local_region(
    body: str, city: RegionEntry | None, regions: RegionTable
) -> Region | None:
    """The county a 我县/我区 text names itself by when the table does not hold it: the most
    frequent clause-initial county name (at least twice), placed in ``city`` when known."""
    counts = Counter(
        m.group(1)
        for m in _CLAUSE_LOCAL.finditer(body)
        if not _NOT_LOCAL.search(m.group(1))
        and not _CLAUSE_WORD.match(m.group(1))
        and not regions.lookup(m.group(1))
    )
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    if n < 2:
        return None
    region = Region(name=name, county=name, level="county")
    if city is not None:
        base = regions.to_region(city)
        region.city, region.province = base.city, base.province
    return region


def infer_region(
    text: str, issuers: Sequence[str], title: str | None, regions: RegionTable
) -> Region:
    """Region of a document: issuer names first, then the title, then the body.

    An issuer such as 临沂市人民政府办公室 states the region outright; a national body
    (国家卫生健康委员会, 国务院办公厅) makes the document national.  Titles usually open with
    the region (四川省全面改善…, 怀柔区提升…).  When neither names it, the body decides
    (:func:`region_from_body`).  A county-level name is always returned with its city and
    province.  Never raises; returns an empty Region when nothing is known.
    """
    try:
        context = [
            c
            for m in regions.mentions(_strip_cited(text))
            if len(m.candidates) == 1
            for c in m.candidates
        ]
        for issuer in issuers:
            name = issuer.removeprefix("中共")  # 中共临沂市委 names 临沂市
            e, end = regions.leading_region_span(name, context)
            local = _local_region(name[end:], e, text, regions)
            if local is not None:
                return local
            if e is not None:
                return regions.to_region(e)
        if issuers and all(_NATIONAL_ISSUER.match(i) for i in issuers):
            return Region(**vars(NATIONAL))
        if title:
            # the title's own words, 《》 included: 关于印发《四川省…方案》的通知 names 四川省
            t = re.sub(r"关于印发|[《》]", "", title)
            e, end = regions.leading_region_span(t, context)
            local = _local_region(t[end:], e, text, regions)
            if local is not None:
                return local
            if e is not None:
                return regions.to_region(e)
            for m in regions.mentions(t):
                e = regions.resolve(m.candidates, context)
                if e is not None:
                    return regions.to_region(e)
        found = region_from_body(text, regions)
        return found if found is not None else Region()
    except Exception:
        return Region()


def _local_region(
    rest: str, parent: RegionEntry | None, text: str, regions: RegionTable
) -> Region | None:
    """A county-level unit the table lacks, named at the start of ``rest`` (what follows any
    known prefix such as 临沂市).  Its city and province come from that prefix or, failing
    that, from the city the body mentions most; the code stays unknown."""
    m = _LOCAL_NAME.match(rest)
    if not m or _NOT_LOCAL.search(m.group(1)) or regions.lookup(m.group(1)):
        return None
    if parent is not None and parent.level == "county":
        return None
    name = m.group(1)
    region = Region(name=name, county=name, level="county")
    if parent is None:
        body = _strip_cited(text)
        score = _score_mentions(regions.mentions(body), regions)
        cities = [(sc, e) for e, sc in score.items() if _fits_level(e, "city", regions)]
        if cities:
            sc, best = max(cities, key=lambda x: (x[0], x[1].code))
            parent = best if sc >= 2 else None
    if parent is not None:
        base = regions.to_region(parent)
        region.province = base.province
        region.city = (
            base.city if parent.level != "province" or regions.is_municipality(parent) else None
        )
    return region


def region_notes(region: Region, regions: RegionTable) -> list[str]:
    """Human-readable notes about a region worth keeping in Quality.warnings, e.g. that a
    historical name has a successor (蓟县 120225 -> 蓟州区 120119)."""
    notes: list[str] = []
    if region.code and region.name:
        for e in regions.lookup(region.name):
            if e.code == region.code and e.historical:
                succ = regions.successor_of(e)
                if succ is not None:
                    notes.append(
                        f"region {e.name} ({e.code}) is historical: replaced by {succ.name} ({succ.code}) in {e.valid_to}"
                    )
    return notes
