import tomllib

import pytest

from pipeline.classify.taxonomy import (
    FIXED_CODES,
    TAXONOMY_PATH,
    TaxonomyError,
    load_taxonomy,
    parse_taxonomy,
)

GROUPS = {
    "access": ["appointment_flow", "tiered_care", "primary_care", "emergency_care", "telemedicine"],
    "quality": [
        "quality_safety",
        "care_models",
        "diagnostic_sharing",
        "nursing",
        "pharmacy",
        "tcm",
    ],
    "experience": ["environment_amenities", "humanistic_care", "dispute_security"],
    "capacity": ["workforce", "specialty_research", "infrastructure", "digital_health"],
    "governance": ["hospital_management", "conduct_regulation", "insurance_cost", "implementation"],
    "population": ["public_health"],
    "other": ["other"],
}
NAMES = {
    "appointment_flow": "预约诊疗与就医流程",
    "tiered_care": "分级诊疗与医联体",
    "nursing": "护理服务",
    "digital_health": "信息化与智慧医院",
    "implementation": "组织实施与保障",
    "public_health": "公共卫生与重点人群",
    "other": "其他",
}


def test_taxonomy_has_exactly_the_fixed_codes_in_their_groups():
    tax = load_taxonomy()
    assert tax.code_list == list(FIXED_CODES)
    assert len(tax.code_list) == 24
    assert set(tax.groups) == set(GROUPS)
    for group, codes in GROUPS.items():
        assert [c for c in tax.code_list if tax.group_of(c) == group] == codes
    for code, name in NAMES.items():
        assert tax.codes[code].name == name
    assert tax.default_code == "other"
    assert tax.version.count(".") == 2


def test_every_health_code_is_documented_with_cues_and_crosswalks():
    tax = load_taxonomy()
    for code in tax.code_list:
        c = tax.codes[code]
        assert c.description and c.include and c.exclude, code
        assert set(c.crosswalk) == {"ygfw_2015", "ygfw_2018", "jyfs_2023", "cap"}, code
        assert all(isinstance(n, int) and 300 <= n <= 399 for n in c.crosswalk["cap"]), code
        if code != "other":
            assert len(c.cues) >= 5, code
    # the five systems of the 2018-2020 plan are all cross-walked
    systems = " ".join(s for c in tax.codes.values() for s in c.crosswalk["ygfw_2018"])
    for name in (
        "预约诊疗制度",
        "远程医疗制度",
        "临床路径管理制度",
        "检查检验结果互认制度",
        "医务社工和志愿者制度",
    ):
        assert name in systems


def test_parse_taxonomy_refuses_a_renamed_or_missing_code():
    data = tomllib.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))
    data["codes"]["telehealth"] = data["codes"].pop("telemedicine")
    with pytest.raises(TaxonomyError, match="telemedicine"):
        parse_taxonomy(data)


def test_parse_taxonomy_refuses_an_unknown_group():
    data = tomllib.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))
    data["codes"]["tcm"]["group"] = "medicine"
    with pytest.raises(TaxonomyError, match="unknown group"):
        parse_taxonomy(data)


def test_taxonomy_version_reads_the_version_line(tmp_path):
    from pipeline.classify.taxonomy import TAXONOMY_PATH, load_taxonomy, taxonomy_version

    version = load_taxonomy().version
    assert taxonomy_version() == version
    # the version written in another valid TOML form: the full load answers
    other = tmp_path / "taxonomy.toml"
    text = TAXONOMY_PATH.read_text(encoding="utf-8")
    other.write_text(text.replace(f'version = "{version}"', f"version = '{version}'"), "utf-8")
    assert taxonomy_version(other) == version
