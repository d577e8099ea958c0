"""The vocabulary of agency names: aliases, region prefixes, role cues and name endings.

Plans name the same office in many ways (区卫健委, 区卫生健康委, 怀柔区卫生健康委员会). To compare
regions a researcher needs one canonical name and, separately, the level of government.  All the
words involved live in plain data files under ``pipeline/data/agency_*``; this module only reads
them and answers two questions: *is this string an agency name?* and *what is its canonical
form, prefix and level?*  It knows nothing about where names occur in a text (that is
:mod:`pipeline.extract.agencies`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# Characters that never occur inside an agency name but do occur in the clauses around one.
# They stop a name from swallowing a verb phrase ("区卫健委要加强…", "对医院进行…").
_STOP_CHARS = frozenset("的要将对在把是了与并或等及以其这此从向于给让被由按做抓加使需可已含")
# Characters of agency endings and conjunctions: a region name never contains them, so
# 市财政局和市 cannot pass for a region prefix.
_NOT_IN_REGION = frozenset("局委办厅部署院所站会及、为")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# Names may hold digits after their first character (120急救中心 is rare; 市120急救中心, 第1…).
_NAME = re.compile(r"^[\u4e00-\u9fff0-9０-９]*[\u4e00-\u9fff]$")
# A number with a measure word is a count (480名, 3家), never part of a name.
_COUNT = re.compile(r"[0-9０-９]+[名个家人所次项万亿千百户张]")
# Alternative levels written after a region word: 县（市、区）, 市（州）, 乡镇（街道）.
_ALTERNATIVES = re.compile(r"[（(][省市区县旗州盟乡镇街道地、，,]+[）)]")
MAX_NAME_LEN = 24


@dataclass(frozen=True)
class AliasEntry:
    """One row of ``agency_aliases.tsv``."""

    canonical: str
    kind: str
    level: str | None


@dataclass(frozen=True)
class AgencyName:
    """What the lexicon knows about one name as written.

    ``known`` is True when the name (after its prefix) is in the alias table; ``collective``
    when it designates a group (各区县政府, 各级卫生健康行政部门, 各地), whose canonical form is the
    name as written.
    """

    name: str
    canonical: str
    prefix: str | None
    level: str | None
    known: bool
    collective: bool = False

    @property
    def strong(self) -> bool:
        """True when the name is an agency beyond reasonable doubt (used for bare lines)."""
        return self.known or self.prefix is not None or self.collective


def _rows(path: Path) -> list[list[str]]:
    """Non-comment, non-blank rows of a tab-separated data file."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True)
class AgencyLexicon:
    """Aliases, prefixes and cues, loaded once from ``pipeline/data`` and passed around."""

    aliases: dict[str, AliasEntry]
    fixed_prefixes: dict[str, str]  # prefix -> level (国家, 北京市 …)
    markers: tuple[tuple[str, str], ...]  # (final marker, level), longest first
    suffixes: tuple[str, ...]
    generic_stems: frozenset[str]
    label_cues: dict[str, str]  # 牵头单位 -> lead …
    verb_cues: dict[str, str]  # 牵头 -> lead, 按职责分工负责 -> responsible …
    clause_verbs: tuple[str, ...] = ()  # 支持, 推动 …: words that start a verb phrase
    name_breakers: tuple[str, ...] = ()  # 制定, 开展 …: verbs never inside a name
    running_cues: dict[str, str] = dataclasses.field(default_factory=dict)  # A负责…
    by_cues: dict[str, str] = dataclasses.field(default_factory=dict)  # 由A统筹…
    # (head, tail, canonical): 团 + 市 + 委 -> 共青团委员会 with prefix 市, longest head first
    wrapped_forms: tuple[tuple[str, str, str], ...] = ()

    @functools.cached_property
    def field_regex(self) -> re.Pattern[str]:
        """责任单位： / 【牵头单位】 / 牵头单位为: a field label of ``agency_roles.tsv``, compiled once."""
        labels = "|".join(re.escape(w) for w in sorted(self.label_cues, key=len, reverse=True))
        return re.compile(
            rf"[【\[]\s*(?P<l1>{labels})\s*[】\]]\s*[：:]?\s*|(?P<l2>{labels})\s*(?:[：:]|为|是)\s*"
        )

    @functools.cached_property
    def label_regex(self) -> re.Pattern[str]:
        """Any field label alone: every match of :attr:`field_regex` holds one, so a text
        without one has no field (a cheap test that skips the slower field scan)."""
        return re.compile("|".join(re.escape(w) for w in self.label_cues))

    @functools.cached_property
    def verbs_longest_first(self) -> tuple[str, ...]:
        """Verb cues, longest first, so 按职责分工负责 is tried before 负责."""
        return tuple(sorted(self.verb_cues, key=len, reverse=True))

    def starts_with_verb(self, name: str) -> bool:
        """Whether ``name`` opens with a verb (支持川酒集团), i.e. is a phrase, not a name."""
        return name.startswith(self.clause_verbs)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> AgencyLexicon:
        """Read every ``agency_*`` data file of ``data_dir``."""
        aliases: dict[str, AliasEntry] = {}
        for row in _rows(data_dir / "agency_aliases.tsv"):
            level = row[3] if len(row) > 3 and row[3] else None
            aliases[row[0]] = AliasEntry(row[1], row[2] if len(row) > 2 else "", level)
        fixed = {r[0]: r[1] for r in _rows(data_dir / "agency_prefixes.tsv")}
        markers = sorted(
            ((r[0], r[1]) for r in _rows(data_dir / "agency_markers.tsv")),
            key=lambda m: -len(m[0]),
        )
        suffixes = tuple(
            sorted({r[0] for r in _rows(data_dir / "agency_suffixes.txt")}, key=lambda s: -len(s))
        )
        stems = frozenset(r[0] for r in _rows(data_dir / "agency_generic_stems.txt"))
        labels: dict[str, str] = {}
        verbs: dict[str, str] = {}
        running: dict[str, str] = {}
        by: dict[str, str] = {}
        for cue, role, form in _rows(data_dir / "agency_roles.tsv"):
            if form == "label":
                labels[cue] = role
            elif form == "by":
                by[cue] = role
            else:
                verbs[cue] = role
                if form == "clause":
                    running[cue] = role
        clause_verbs = tuple(r[0] for r in _rows(data_dir / "agency_clause_verbs.txt"))
        breakers = tuple(r[0] for r in _rows(data_dir / "agency_name_breakers.txt"))
        wrapped = tuple(
            sorted(
                ((r[0], r[1], r[2]) for r in _rows(data_dir / "agency_wrapped.tsv")),
                key=lambda r: -len(r[0]),
            )
        )
        return cls(
            aliases,
            fixed,
            tuple(markers),
            suffixes,
            stems,
            labels,
            verbs,
            clause_verbs,
            breakers,
            running,
            {**running, **by},
            wrapped,
        )

    # ------------------------------------------------------------------ prefixes
    def prefix_level(self, prefix: str) -> str | None:
        """Level of a region/level prefix, or None when ``prefix`` is not one.

        A prefix is a fixed word (国家, 国务院, 北京市) or a chain of region names each ending in
        a level marker (山东省临沂市, 怀柔区, 市); a trailing 委 makes it the party committee of
        that region (区委, 市委), a trailing 直 the offices directly under it (省直, 市直), and
        a leading 中共 is ignored.
        """
        p = _ALTERNATIVES.sub("", prefix)
        if p.startswith("中共") and len(p) > 2:
            p = p[2:]
        if p in self.fixed_prefixes:
            return self.fixed_prefixes[p]
        if p.endswith(("委", "直")) and len(p) > 1:  # 区委组织部, 省直有关部门
            p = p[:-1]
        if p in self.fixed_prefixes:
            return self.fixed_prefixes[p]
        return self._region_chain_level(p)

    def _region_chain_level(self, p: str) -> str | None:
        """Level of the last segment of a chain such as 山东省临沂市 (None if not a chain)."""
        if not p or not _CJK.match(p) or len(p) > 16:
            return None
        if any(c in _STOP_CHARS or c in _NOT_IN_REGION for c in p):
            return None
        level: str | None = None
        rest = p
        first = True
        while rest:
            for fixed, flevel in self.fixed_prefixes.items():
                if rest.startswith(fixed) and len(fixed) > 2:
                    level, rest = flevel, rest[len(fixed) :]
                    break
            else:
                # A bare marker only opens a chain: after a region, 市 in 县市监局 is the
                # start of the name (市监局) and 市 in 青岛市市南区 the start of 市南区;
                # level groups (县市区, 区县) are listed as fixed prefixes.
                seg = self._first_segment(rest, bare_ok=first)
                if seg is None:
                    return None
                length, level = seg
                rest = rest[length:]
            first = False
        return level

    def _first_segment(self, s: str, bare_ok: bool = True) -> tuple[int, str] | None:
        """Length and level of the shortest region name at the start of ``s``.

        A bare marker (市, 区) is a segment when ``bare_ok``; otherwise the name before the
        marker has at least two characters (怀柔区, 临沂市) except for 县 (沛县), so that words
        such as 社区 or 城区 are not read as regions.
        """
        for end in range(1, min(len(s), 10) + 1):
            head = s[:end]
            for marker, level in self.markers:
                if head.endswith(marker):
                    stem = len(head) - len(marker)
                    if (stem == 0 and bare_ok) or stem >= 2 or (stem == 1 and marker == "县"):
                        return end, level
        return None

    # ------------------------------------------------------------------ names
    def analyse(self, name: str, doc_level: str | None = None) -> AgencyName | None:
        """Canonical form, prefix and level of ``name``; None when it is not an agency name."""
        if not name or len(name) > MAX_NAME_LEN:
            return None
        if name.startswith("各"):
            return self._collective(name)
        wrapped = self._wrapped(name)
        if wrapped is not None:
            return wrapped
        for i in range(len(name)):
            rest = name[i:]
            entry = self.aliases.get(rest)
            if entry is None:
                continue
            prefix = name[:i]
            if i == 0:
                return AgencyName(name, entry.canonical, None, entry.level or doc_level, True)
            plevel = self.prefix_level(prefix)
            if plevel is not None:
                return AgencyName(name, entry.canonical, prefix, plevel, True)
        return self._by_suffix(name, doc_level)

    def _wrapped(self, name: str) -> AgencyName | None:
        """团市委, 共青团临沂市委: a name written around its region (``agency_wrapped.tsv``)."""
        for head, tail, canonical in self.wrapped_forms:
            if len(name) > len(head) + len(tail) and name.startswith(head) and name.endswith(tail):
                prefix = name[len(head) : len(name) - len(tail)]
                level = self.prefix_level(prefix)
                if level is not None:
                    return AgencyName(name, canonical, prefix, level, True)
        return None

    def _by_suffix(self, name: str, doc_level: str | None) -> AgencyName | None:
        """Unknown names recognised by their ending (…局, …中心, …医院)."""
        plain = _ALTERNATIVES.sub("", name)
        if not _NAME.match(plain) or any(c in _STOP_CHARS for c in plain):
            return None
        if any(verb in name for verb in self.name_breakers) or _COUNT.search(name):
            return None
        if name[1:2] == "级":  # 省级医院, 县级医院: a tier of institutions, not one agency
            return None
        suffix = next((s for s in self.suffixes if name.endswith(s)), None)
        if suffix is None:
            return None
        # Longest prefix that still leaves a proper name (not a bare ending) behind it.
        for i in range(len(name) - len(suffix) - 1, 0, -1):
            prefix, rest = name[:i], name[i:]
            plevel = self.prefix_level(prefix)
            if rest.startswith("级"):  # 省级区域医疗中心: 省级 is an adjective, not a prefix
                continue
            if plevel is not None and self._proper_rest(rest, suffix, allow_generic=True):
                return AgencyName(name, rest, prefix, plevel, False)
        if not self._proper_rest(name, suffix, allow_generic=False):
            return None
        return AgencyName(name, name, None, doc_level, False)

    def _proper_rest(self, rest: str, suffix: str, allow_generic: bool) -> bool:
        """Whether ``rest`` names one agency rather than a bare ending or a class of them."""
        stem = rest[: len(rest) - len(suffix)]
        if not stem or (len(rest) < 3 and suffix in ("部门", "单位", "机构")):
            return False
        if not allow_generic and (stem in self.generic_stems or rest in self.suffixes):
            return False
        return not (len(rest) == len(suffix) + 1 and stem in "各该本此其")

    def sector_shorthand(self, word: str, doc_level: str | None) -> AgencyName | None:
        """卫生 in "卫生、公安等部门": a sector word standing for its department(s).

        Only meaningful when the list is closed by 等部门/等单位 (the caller checks); the
        canonical form is the word plus 部门 and the name counts as collective.
        """
        if not 2 <= len(word) <= 8 or not _CJK.match(word):
            return None
        if any(c in _STOP_CHARS for c in word) or self.starts_with_verb(word):
            return None
        if any(verb in word for verb in self.name_breakers):
            return None
        return AgencyName(word, word + "部门", None, doc_level, False, collective=True)

    def _collective(self, name: str) -> AgencyName | None:
        """各市（州）人民政府, 各街道办事处, 各级卫生健康行政部门, 各医疗机构, 各地: a group.

        Like any other name, a group is split into a prefix and a standard name, so that
        各县（市、区）卫生健康委 and 市卫健委 share the canonical 卫生健康委员会: the prefix is 各
        plus the level words after it (各 / 各市（州） / 各县（市、区） / 各级) and the canonical
        is the rest, expanded when it is a known alias (各区县政府 -> 人民政府, 各镇乡 ->
        乡镇人民政府).  A bare group of places with no alias (各地, 各区县) stays as written
        with no prefix.  The level is read from the level word after 各 (各区县 -> county,
        各市 -> city, 各街道 -> township) or from the alias; 各级 and institutions give none.
        """
        rest = _ALTERNATIVES.sub("", name[1:])
        if not rest or not _CJK.match(rest) or any(c in _STOP_CHARS for c in rest):
            return None
        if any(verb in rest for verb in self.name_breakers):  # 各个牵头责任部门
            return None
        ok = rest in _GROUP_PLACES or any(rest.endswith(s) for s in self.suffixes)
        ok = ok or rest.endswith(("区县", "县区", "街道", "乡镇", "镇乡"))
        if not ok:
            return None
        level: str | None = None
        if not rest.startswith("级"):
            level = next((lvl for word, lvl in _GROUP_LEVELS if rest.startswith(word)), None)
        ends = [m.end() for m in (_GROUP_PREFIX.match(name, 0, e) for e in range(1, len(name)))]
        cuts = sorted({e for e in ends if e < len(name)} | {1})
        for cut in cuts:  # shortest prefix = longest alias (各街道办事处 -> 街道办事处)
            entry = self.aliases.get(name[cut:])
            if entry is not None:
                return AgencyName(
                    name, entry.canonical, name[:cut], entry.level or level, True, collective=True
                )
        for cut in reversed(cuts):  # 各级 + 卫生健康行政部门, 各 + 医疗机构
            tail = name[cut:]
            proper = _CJK.match(tail) and tail not in self.suffixes
            if proper and any(tail.endswith(s) for s in self.suffixes):
                return AgencyName(name, tail, name[:cut], level, False, collective=True)
        if rest in self.aliases:  # 各乡镇（街道）: the alias of the places named
            entry = self.aliases[rest]
            return AgencyName(
                name, entry.canonical, "各", entry.level or level, True, collective=True
            )
        return AgencyName(name, name, None, level, False, collective=True)


# Level words after 各 in a group (各区县政府, 各县（市、区）卫生健康委), longest first.
_GROUP_WORDS = "县市区|区县|县区|乡镇|镇乡|街道|地区|市|县|区|州|省|旗|盟|镇|乡|地"
_GROUP_PREFIX = re.compile(
    rf"各(?:级|(?:{_GROUP_WORDS})(?:[（(][省市区县旗州盟乡镇街道、，,]+[）)])?)*"
)
_GROUP_PLACES = frozenset(_GROUP_WORDS.split("|")) - {"县市区"}
_GROUP_LEVELS = (
    ("乡镇", "township"),
    ("镇乡", "township"),
    ("街道", "township"),
    ("区县", "county"),
    ("县区", "county"),
    ("县", "county"),
    ("区", "county"),
    ("旗", "county"),
    ("市", "city"),
    ("州", "city"),
    ("省", "province"),
    ("镇", "township"),
    ("乡", "township"),
)


@functools.lru_cache(maxsize=4)
def load_lexicon(data_dir: Path = DATA_DIR) -> AgencyLexicon:
    """The lexicon of ``data_dir``, read once per process and shared by every call."""
    return AgencyLexicon.load(data_dir)
