"""The default procedure catalogue and centre layout, and the loader's error messages."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onestop.queue.catalog import (
    COMPLEXITIES,
    Catalog,
    CatalogError,
    Group,
    PriorityCategory,
    Service,
    default_catalog,
    load_catalog_file,
    load_catalog_text,
    parse_catalog,
)
from onestop.queue.centre import default_centre, load_centre_file, parse_centre

# docs/domain.md's procedure table: code, group, class, counter minutes.
DOMAIN_ROWS = [
    ("local.guidance", "general", "quick", 3),
    ("local.result", "general", "quick", 3),
    ("2.000815", "certification", "quick", 4),
    ("2.000884", "certification", "quick", 5),
    ("local.contract", "certification", "standard", 20),
    ("1.001193", "civil-status", "quick", 10),
    ("1.000656", "civil-status", "quick", 10),
    ("1.000894", "civil-status", "standard", 15),
    ("1.004873", "civil-status", "quick", 8),
    ("2.000635", "civil-status", "quick", 5),
    ("1.001612", "business", "complex", 15),
    ("2.000720", "business", "complex", 10),
    ("1.001776", "social", "complex", 15),
    ("1.013831", "land", "complex", 25),
    ("local.land-first", "land", "complex", 25),
    ("1.012784", "land", "complex", 20),
    ("1.012783", "land", "complex", 15),
    ("1.012786", "land", "complex", 15),
    ("1.013225", "construction", "complex", 20),
]
BIRTH = 5  # index of 1.001193 in the default catalogue


def default_dict() -> dict:
    return copy.deepcopy(default_catalog().to_dict())


# --- the default catalogue ---------------------------------------------------------------------


def test_default_catalogue_has_the_domain_groups_and_prefixes():
    catalog = default_catalog()
    assert catalog.version == "2026.12-default"
    # Letters whose Vietnamese names sound apart (a, bê, u, e lờ, ét xì, i dài, quy): never
    # two of bê/xê/đê/giê, which blur through a hall's speakers (docs/domain.md).
    assert [(g.id, g.prefix) for g in catalog.groups] == [
        ("certification", "A"), ("civil-status", "B"), ("business", "U"), ("land", "L"),
        ("social", "S"), ("construction", "Y"), ("general", "Q"),
    ]
    assert all(g.start == 1 and g.digits == 3 and g.end is None for g in catalog.groups)
    assert catalog.group("civil-status").name_vi == "Hộ tịch"
    general = catalog.group("general")
    assert (general.name_vi, general.name_en) == ("Hướng dẫn, trả kết quả", "Guidance and results")


@pytest.mark.parametrize(("code", "group", "complexity", "minutes"), DOMAIN_ROWS)
def test_default_catalogue_matches_domain_table(code, group, complexity, minutes):
    service = default_catalog().service(code)
    assert (service.group, service.complexity, service.minutes) == (group, complexity, minutes)
    assert service.name_vi and service.name_en and service.result_vi and service.fee_vi
    assert len(service.checklist_vi) == len(service.checklist_en) >= 1
    assert service.keywords


def test_default_catalogue_starts_with_the_domain_codes_and_has_no_police_desk():
    codes = [s.code for s in default_catalog().services]
    assert codes[:len(DOMAIN_ROWS)] == [row[0] for row in DOMAIN_ROWS]
    assert len(codes) > len(DOMAIN_ROWS)  # the rest: docs/catalog.md
    with pytest.raises(KeyError, match="1.004222"):
        default_catalog().service("1.004222")  # residence registration belongs to the police


def test_every_group_has_a_service_and_units_add_time():
    catalog = default_catalog()
    for group in catalog.groups:
        assert catalog.services_in(group.id), group.id
    copy_ = catalog.service("2.000815")
    assert copy_.unit_vi == "trang" and copy_.minutes_for(6) == pytest.approx(5.0)  # +1 / 5 pages
    assert catalog.service("2.000884").minutes_for(3) == pytest.approx(9.0)
    assert "1.000 đồng/trang" in copy_.fee_vi and "200.000" in copy_.fee_vi
    with pytest.raises(KeyError, match="police"):
        catalog.services_in("police")


def test_priority_categories():
    catalog = default_catalog()
    assert [c.id for c in catalog.priority_categories] == [
        "merit", "elderly", "disabled", "pregnant", "small_child"]
    elderly = catalog.priority_category("elderly")
    assert elderly.name_vi == "Người cao tuổi từ đủ 75 tuổi" and elderly.min_age == 75
    assert catalog.priority_category("small_child").name_vi == (
        "Người đi cùng trẻ em dưới 36 tháng tuổi")
    assert all(c.sources for c in catalog.priority_categories)


def test_the_priority_notice_names_every_category_and_codes_stay_internal():
    from onestop.queue.catalog import public_code

    catalog = default_catalog()
    notice = catalog.priority_notice()
    assert notice.startswith("Ưu tiên tiếp nhận và giải quyết trước hồ sơ của: người có công")
    assert all(c.name_vi[1:] in notice for c in catalog.priority_categories)
    assert "accompanying a child under 36 months" in catalog.priority_notice("en")
    bare = Catalog("x", catalog.groups, catalog.services)
    assert bare.priority_notice().startswith("Quý công dân vui lòng giữ trật tự")
    assert public_code("local.contract") == "" and public_code("1.001193") == "1.001193"


def test_corrected_facts_carry_their_sources():
    catalog = default_catalog()
    marital = catalog.service("1.004873")
    assert marital.result_vi.startswith("03 ngày làm việc")
    assert any("123/2015/NĐ-CP" in s for s in marital.sources)
    permit = catalog.service("1.013225")
    assert permit.result_vi == "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"
    assert any("Điều 102" in s for s in permit.sources)
    allowance = catalog.service("1.001776")
    assert allowance.name_vi.endswith("hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng")
    land = [catalog.service(row[0]) for row in DOMAIN_ROWS if row[1] == "land"]
    assert len(land) == 5 and all(s.sources and "ngày làm việc" in s.result_vi for s in land)
    assert all("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất" in
               " ".join((s.name_vi, *s.sources)) for s in land)
    birth = catalog.service("1.001193")
    assert any("anh, chị, em ruột" in item for item in birth.checklist_vi)
    text = json.dumps(catalog.to_dict(), ensure_ascii=False)
    assert "HĐND thành phố" not in text and "HĐND cấp tỉnh" in text
    assert "Căn cước hoặc CCCD" not in text and "Thẻ căn cước/CCCD (hoặc VNeID)" in text
    for service in catalog.services:
        if "VNeID" in " ".join(service.checklist_vi) or "HĐND" in service.fee_vi:
            assert service.sources, service.code


def test_round_trip_through_json_text():
    catalog = default_catalog()
    assert parse_catalog(catalog.to_dict()) == catalog
    assert load_catalog_text(json.dumps(catalog.to_dict(), ensure_ascii=False)) == catalog
    assert default_catalog() is catalog  # cached


# --- bad catalogue files -----------------------------------------------------------------------


def _set(path, value):
    def mutate(doc):
        *parents, last = path
        node = doc
        for key in parents:
            node = node[key]
        node[last] = value
    return mutate


def _delete(path):
    def mutate(doc):
        *parents, last = path
        node = doc
        for key in parents:
            node = node[key]
        del node[last]
    return mutate


def _both(first, second):
    def mutate(doc):
        first(doc)
        second(doc)
    return mutate


def _duplicate_birth(doc):
    doc["services"].insert(1, copy.deepcopy(doc["services"][BIRTH]))


def _share_prefix(end_a, start_b, end_b):
    def mutate(doc):
        doc["groups"][0]["end"] = end_a
        doc["groups"].append({"id": "notary", "name_vi": "Công chứng", "name_en": "Notary",
                              "prefix": "A", "start": start_b, "digits": 3, "end": end_b})
    return mutate


BAD = {
    "missing field": (_delete(["services", BIRTH, "minutes"]),
                      "services[5] (code 1.001193)", "missing field 'minutes'"),
    "duplicate code": (_duplicate_birth, "services[6] (code 1.001193)",
                       'duplicate service code "1.001193" (also services[1])'),
    "unknown group": (_set(["services", BIRTH, "group"], "hotich"),
                      "services[5] (code 1.001193)", 'unknown group "hotich"'),
    "minutes as text": (_set(["services", BIRTH, "minutes"], "ten"), "services[5] (code 1.001193)",
                        "field 'minutes' must be a finite number, not a string (\"ten\")"),
    "minutes as bool": (_set(["services", BIRTH, "minutes"], True), "services[5] (code 1.001193)",
                        "field 'minutes' must be a finite number, not a boolean (true)"),
    "start as bool": (_set(["groups", 3, "start"], False), "groups[3] (id land)",
                      "field 'start' must be a whole number, not a boolean (false)"),
    "unknown complexity": (_set(["services", 0, "complexity"], "easy"),
                           "services[0] (code local.guidance)", 'unknown complexity "easy"'),
    "zero minutes": (_set(["services", 0, "minutes"], 0), "services[0] (code local.guidance)",
                     "field 'minutes' must be more than 0 and at most 480, not 0"),
    "too many minutes": (_set(["services", 0, "minutes"], 481.5),
                         "services[0] (code local.guidance)", "at most 480, not 481.5"),
    "negative per unit": (_set(["services", 2, "minutes_per_unit"], -0.2),
                          "services[2] (code 2.000815)", "'minutes_per_unit' must be at least 0"),
    "bad code": (_set(["services", BIRTH, "code"], "1.1193"), "services[5] (code 1.1193)",
                 'code "1.1193" must be a national code d.dddddd'),
    "bad local code": (_set(["services", 0, "code"], "local.Hướng dẫn"),
                       "services[0] (code local.Hướng dẫn)", "or local.<name>"),
    "unknown extra field": (_set(["services", BIRTH, "minuts"], 10), "services[5] (code 1.001193)",
                            "unknown field 'minuts' (did you mean 'minutes'?)"),
    "empty name": (_set(["services", BIRTH, "name_vi"], " "), "services[5] (code 1.001193)",
                   "field 'name_vi' must not be empty"),
    "checklist item": (_set(["services", BIRTH, "checklist_vi", 1], 7),
                       "services[5] (code 1.001193)", "checklist_vi[1] must be a non-empty string"),
    "checklist languages": (_delete(["services", BIRTH, "checklist_en", 0]),
                            "services[5] (code 1.001193)", "checklist_en has 4 items"),
    "service not an object": (_set(["services", 3], "2.000884"), "services[3]",
                              'must be a JSON object, not a string ("2.000884")'),
    "duplicate group": (_set(["groups", 6, "id"], "land"), "groups[6] (id land)",
                        'duplicate group id "land" (also groups[3])'),
    "group id slug": (_set(["groups", 0, "id"], "Chứng thực"), "groups[0] (id Chứng thực)",
                      "may use only a-z, 0-9 and '-'"),
    "lower-case prefix": (_set(["groups", 0, "prefix"], "a"), "groups[0] (id certification)",
                          'prefix "a" must be 0 to 3 capital letters'),
    "digits": (_set(["groups", 0, "digits"], 7), "groups[0] (id certification)",
               "field 'digits' must be from 1 to 6, not 7"),
    "end before start": (_set(["groups", 0, "end"], 0), "groups[0] (id certification)",
                         "field 'end' must be at least 1, not 0"),
    "shared prefix unbounded": (_share_prefix(None, 500, 999), "groups[7] (id notary)",
                                "also used by groups[0] (id certification); groups sharing a "
                                "prefix must both set 'end'"),
    "overlapping prefixes": (_share_prefix(500, 400, 999), "groups[7] (id notary)",
                             "numbers 400-999 overlap groups[0] (id certification) (1-500)"),
    "duplicate category": (_set(["priority_categories", 4, "id"], "merit"),
                           "priority_categories[4] (id merit)", 'duplicate priority category id'),
    "sources not a list": (_set(["services", BIRTH, "sources"], "Luật Hộ tịch"),
                           "services[5] (code 1.001193)", "field 'sources' must be a list"),
    "age not stated": (_set(["priority_categories", 1, "min_age"], 70),
                       "priority_categories[1] (id elderly)", "must state min_age 70"),
    "age as text": (_set(["priority_categories", 1, "min_age"], "75"),
                    "priority_categories[1] (id elderly)", "must be a whole number"),
    "schema": (_set(["schema"], 2), "top level",
               "unsupported schema 2; this program reads schema 1"),
    "schema as text": (_set(["schema"], "1"), "top level", 'unsupported schema "1"'),
    "missing version": (_delete(["version"]), "top level", "missing field 'version'"),
    "no services": (_set(["services"], []), "top level", "field 'services' must not be empty"),
    "top-level typo": (_set(["service"], []), "top level",
                       "unknown field 'service' (did you mean 'services'?)"),
    # guidance data (a catalogue with top-level 'fields')
    "unknown field id": (_set(["services", BIRTH, "field"], "hotich"),
                         "services[5] (code 1.001193)", 'unknown field id "hotich"'),
    "negative working days": (_set(["services", BIRTH, "result_working_days"], -1),
                              "services[5] (code 1.001193)",
                              "field 'result_working_days' must be from 0 to 365, not -1"),
    "working days as text": (_set(["services", BIRTH, "result_working_days"], "3 ngày"),
                             "services[5] (code 1.001193)", "must be a whole number"),
    "missing source": (_delete(["services", BIRTH, "source"]), "services[5] (code 1.001193)",
                       "missing field 'source'"),
    "blank source": (_set(["services", BIRTH, "source"], " "), "services[5] (code 1.001193)",
                     "field 'source' must say where the details come from"),
    "verified as text": (_set(["services", BIRTH, "verified"], "yes"),
                         "services[5] (code 1.001193)", "field 'verified' must be true or false"),
    "missing phrasings": (_delete(["services", BIRTH, "phrasings_vi"]),
                          "services[5] (code 1.001193)", "missing field 'phrasings_vi'"),
    "empty checklist": (_both(_set(["services", BIRTH, "checklist_vi"], []),
                              _set(["services", BIRTH, "checklist_en"], [])),
                        "services[5] (code 1.001193)", "checklist_vi must not be empty"),
    "duplicate field": (_set(["fields", 1, "id"], "civil-status"), "fields[1] (id civil-status)",
                        'duplicate field id "civil-status" (also fields[0])'),
    "field id slug": (_set(["fields", 0, "id"], "Hộ tịch"), "fields[0] (id Hộ tịch)",
                      "may use only a-z, 0-9 and '-'"),
}


def test_verified_needs_a_source_even_in_an_older_catalogue():
    doc = default_dict()
    del doc["fields"]
    for service in doc["services"]:
        service["field"] = ""
    doc["services"][BIRTH]["source"] = ""
    with pytest.raises(CatalogError, match="verified is true but 'source' is empty"):
        parse_catalog({**doc, "services": [{**s, "verified": True} for s in doc["services"]]})


@pytest.mark.parametrize("case", BAD)
def test_bad_catalogue_file_names_file_entry_and_problem(case, tmp_path):
    mutate, entry, problem = BAD[case]
    doc = default_dict()
    mutate(doc)
    path = tmp_path / "bad-catalog.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog_file(path)
    err = info.value
    assert err.source == str(path)
    assert err.entry == entry
    assert problem in err.problem
    assert str(err) == f"{path}: {entry}: {err.problem}"
    assert err.message_vi.startswith(f"Tệp danh mục {path}: ")
    assert isinstance(err, ValueError)


def test_vietnamese_message():
    doc = default_dict()
    doc["services"][BIRTH]["group"] = "hotich"
    with pytest.raises(CatalogError) as info:
        parse_catalog(doc, "catalog.json")
    assert info.value.message_vi.startswith(
        'Tệp danh mục catalog.json: mục services[5] (mã 1.001193): lĩnh vực "hotich" không có')


def test_invalid_json_gives_line_and_column(tmp_path):
    text = json.dumps(default_dict(), ensure_ascii=False, indent=2).splitlines()
    assert text[2].startswith('  "version"')
    text[2] += ","  # a second comma at the end of line 3
    path = tmp_path / "catalog.json"
    path.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog_file(path)
    assert info.value.entry.startswith("line 3, column")
    assert "invalid JSON" in info.value.problem and "catalog.json: line 3" in str(info.value)
    assert info.value.message_vi.startswith(f"Tệp danh mục {path}: dòng 3, cột")


@pytest.mark.parametrize(("text", "problem"), [
    ('{"schema": 1, "schema": 1}', "duplicate key 'schema' in one object"),
    ('{"schema": NaN}', "NaN is not allowed"),
    ("[1, 2]", "must be a JSON object, not a list"),
    ("", "invalid JSON"),
])
def test_bad_json_text(text, problem):
    with pytest.raises(CatalogError, match="^<text>: ") as info:
        load_catalog_text(text)
    assert problem in info.value.problem


def test_unreadable_files(tmp_path):
    with pytest.raises(CatalogError, match="cannot read the file") as info:
        load_catalog_file(tmp_path / "missing.json")
    assert info.value.entry == "file" and "missing.json" in info.value.source
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"version": "Hộ tịch"}'.encode("utf-16"))
    with pytest.raises(CatalogError, match="latin1.json: file: cannot read"):
        load_catalog_file(latin1)
    bom = tmp_path / "bom.json"  # Windows Notepad writes a BOM; that is fine
    bom.write_text(json.dumps(default_dict(), ensure_ascii=False), encoding="utf-8-sig")
    assert load_catalog_file(bom) == default_catalog()


def test_valid_variants_are_accepted():
    doc = default_dict()
    _share_prefix(499, 500, 999)(doc)  # two groups share "A" with disjoint ranges
    doc["groups"][6]["prefix"] = ""  # no prefix: plain numbers
    doc["services"][BIRTH]["code"] = "1.001193.HN"
    doc["services"][BIRTH + 1]["code"] = "1.000656-HN"
    for key in ("minutes_per_unit", "unit_vi", "unit_en", "fee_vi", "fee_en", "result_vi",
                "result_en", "keywords", "sources"):
        doc["services"][0].pop(key, None)  # optional fields take their defaults
    catalog = parse_catalog(doc)
    assert catalog.group("notary").end == 999 and catalog.group("general").prefix == ""
    assert catalog.service("1.001193.HN").group == "civil-status"
    guidance = catalog.service("local.guidance")
    assert (guidance.unit_vi, guidance.keywords, guidance.fee_vi) == ("hồ sơ", (), "")
    assert catalog.services_in("notary") == ()  # a group with no service is allowed
    assert parse_catalog(catalog.to_dict()) == catalog


GUIDE_KEYS = ("field", "result_working_days", "legal_basis_vi", "phrasings_vi", "source",
              "verified")


def test_a_catalogue_without_fields_may_leave_out_the_guidance_data():
    """A hub's stored catalogue from before the assistant keeps loading after an upgrade."""
    doc = default_dict()
    del doc["fields"]
    for service in doc["services"]:
        for key in GUIDE_KEYS:
            del service[key]
    del doc["services"][0]["checklist_vi"], doc["services"][0]["checklist_en"]
    catalog = parse_catalog(doc)
    birth = catalog.service("1.001193")
    assert (birth.field, birth.result_working_days, birth.source, birth.verified) == (
        "", None, "", False)
    assert catalog.fields == () and catalog.service("local.guidance").checklist_vi == ()
    assert "fields" not in catalog.to_dict()
    assert "field" not in catalog.to_dict()["services"][0]
    assert parse_catalog(catalog.to_dict()) == catalog
    doc["services"][BIRTH]["field"] = "civil-status"  # a field needs the list of fields
    with pytest.raises(CatalogError, match='unknown field id "civil-status"'):
        parse_catalog(doc)


# --- properties --------------------------------------------------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                 max_size=12).filter(str.strip)
_minutes = st.floats(min_value=0.01, max_value=480, allow_nan=False)


@st.composite
def catalogues(draw) -> Catalog:
    ids = draw(st.lists(st.from_regex(r"[a-z0-9-]{1,10}", fullmatch=True), min_size=1,
                        max_size=5, unique=True))
    prefixes = draw(st.lists(st.from_regex(r"[A-Z]{0,3}", fullmatch=True), min_size=len(ids),
                             max_size=len(ids), unique=True))
    groups = tuple(Group(gid, draw(_words), draw(_words), prefix, draw(st.integers(0, 5000)),
                         draw(st.integers(1, 6)), None)
                   for gid, prefix in zip(ids, prefixes, strict=True))
    codes = draw(st.lists(st.from_regex(r"[0-9]\.[0-9]{6}([.-]HN)?|local\.[a-z0-9-]{1,8}",
                                        fullmatch=True), min_size=1, max_size=6, unique=True))
    services = []
    for code in codes:
        checklist = draw(st.lists(st.tuples(_words, _words), max_size=3))
        services.append(Service(
            code, draw(_words), draw(_words), draw(st.sampled_from(ids)),
            draw(st.sampled_from(COMPLEXITIES)), draw(_minutes),
            draw(st.sampled_from([0.0, 0.2, 2.0])), draw(_words), draw(_words),
            tuple(vi for vi, _ in checklist), tuple(en for _, en in checklist),
            draw(st.just("") | _words), draw(_words), "", draw(_words),
            tuple(draw(st.lists(_words, max_size=3)))))
    categories = tuple(PriorityCategory(cid, draw(_words), draw(_words)) for cid in draw(
        st.lists(st.from_regex(r"[a-z0-9_-]{1,10}", fullmatch=True), max_size=3, unique=True)))
    return Catalog(draw(_words), groups, tuple(services), categories)


@given(catalogues())
@settings(max_examples=60, deadline=None)
def test_to_dict_then_parse_is_identity(catalog):
    text = json.dumps(catalog.to_dict(), ensure_ascii=False)
    assert load_catalog_text(text, "gen.json") == catalog


_REQUIRED = {"": ("schema", "version", "groups", "services", "priority_categories"),
             "groups": ("id", "name_vi", "name_en", "prefix", "start", "digits"),
             "services": ("code", "name_vi", "name_en", "group", "complexity", "minutes"),
             "priority_categories": ("id", "name_vi", "name_en")}
_DELETABLE = [((), key) for key in _REQUIRED[""]] + [
    ((name, i), key) for name in ("groups", "services", "priority_categories")
    for i in range(len(default_dict()[name])) for key in _REQUIRED[name]]


@given(st.sampled_from(_DELETABLE))
@settings(max_examples=80, deadline=None)
def test_deleting_any_required_key_is_a_catalog_error(target):
    (parents, key) = target
    doc = default_dict()
    node = doc
    for step in parents:
        node = node[step]
    del node[key]
    with pytest.raises(CatalogError) as info:
        parse_catalog(doc, "cut.json")
    assert f"missing field '{key}'" in info.value.problem


def _paths(node, prefix=()):
    yield prefix
    children = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, child in children:
        yield from _paths(child, (*prefix, key))


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)
_DEFAULT_PATHS = [p for p in _paths(default_dict()) if p]
_CENTRE_PATHS = [p for p in _paths(default_centre().to_dict()) if p]


@given(st.sampled_from(_DEFAULT_PATHS), _json)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_replaced_value_gives_a_catalogue_or_a_catalog_error(path, value):
    doc = default_dict()
    _set(list(path), value)(doc)
    try:
        parse_catalog(doc, "fuzz.json")
    except CatalogError as err:
        assert str(err).startswith("fuzz.json: ") and err.problem and err.message_vi


@given(st.sampled_from(_CENTRE_PATHS), _json)
@settings(max_examples=200, deadline=None)
def test_any_replaced_centre_value_gives_a_layout_or_a_catalog_error(path, value):
    doc = default_centre().to_dict()
    _set(list(path), value)(doc)
    try:
        parse_centre(doc, "centre.json")
    except CatalogError as err:
        assert str(err).startswith("centre.json: ")


@given(st.text(max_size=40))
@settings(max_examples=100, deadline=None)
def test_any_text_gives_a_catalogue_or_a_catalog_error(text):
    with pytest.raises(CatalogError):
        load_catalog_text(text)


# --- the centre layout -------------------------------------------------------------------------


def test_default_centre_follows_the_domain_chain():
    centre, catalog = default_centre(), default_catalog()
    assert (centre.ward_name_vi, centre.timezone) == ("Phường Cửa Nam", "Asia/Ho_Chi_Minh")
    assert [(c.number, c.skills) for c in centre.counters] == [
        (1, ("certification", "civil-status")), (2, ("civil-status", "social")),
        (3, ("business", "construction", "land")), (4, ("land", "certification")),
        (5, ("social", "general", "business"))]
    assert [c.number for c in centre.counters if c.fast_lane] == [1]
    group_ids = {g.id for g in catalog.groups}
    assert {skill for c in centre.counters for skill in c.skills} == group_ids  # all served
    assert [(h.days, str(h.open), str(h.close)) for h in centre.hours] == [
        ((0, 1, 2, 3, 4), "08:00:00", "12:00:00"), ((0, 1, 2, 3, 4), "13:00:00", "17:00:00")]
    assert parse_centre(centre.to_dict(), "x", catalog) == centre
    assert centre.counter(3).label_vi.startswith("Quầy 3")


@pytest.mark.parametrize(("path", "value", "entry", "problem"), [
    (["counters", 2, "skills", 1], "xay-dung", "counters[2] (number 3)", 'skill "xay-dung" is not'),
    (["counters", 1, "number"], 1, "counters[1] (number 1)", "duplicate counter number 1"),
    (["counters", 0, "number"], 0, "counters[0] (number 0)", "must be from 1 to 999, not 0"),
    (["counters", 0, "fast_lane"], "yes", "counters[0] (number 1)",
     "field 'fast_lane' must be true or false"),
    (["counters", 0, "skills"], [], "counters[0] (number 1)", "field 'skills' must not be empty"),
    (["timezone"], "Asia/Hanoi", "top level", 'unknown timezone "Asia/Hanoi"'),
    (["timezone"], "Asia", "top level", "unknown timezone"),
    (["hours", 0, "close"], "07:30", "hours[0]", "closes at 07:30, not after it opens at 08:00"),
    (["hours", 0, "open"], "8h", "hours[0]", "must be a time HH:MM"),
    (["hours", 1, "open"], "11:00", "hours[1]", "overlaps hours[0] on Monday"),
    (["hours", 0, "days", 0], 7, "hours[0]", "field 'days[0]' must be a weekday number 0-6"),
])
def test_bad_centre_file(tmp_path, path, value, entry, problem):
    doc = default_centre().to_dict()
    _set(path, value)(doc)
    file = tmp_path / "centre.json"
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_centre_file(file)
    assert (info.value.source, info.value.entry) == (str(file), entry)
    assert problem in info.value.problem
    assert info.value.message_vi.startswith(f"Tệp cấu hình trung tâm {file}: ")


def test_centre_skills_are_checked_against_the_given_catalogue():
    doc = default_dict()
    doc["groups"] = [g for g in doc["groups"] if g["id"] != "general"]
    doc["services"] = [s for s in doc["services"] if s["group"] != "general"]
    smaller = parse_catalog(doc)
    with pytest.raises(CatalogError, match='counters\\[4\\] \\(number 5\\): skill "general"'):
        parse_centre(default_centre().to_dict(), "centre.json", smaller)


def test_assets_are_valid_json_files():
    assets = Path(__file__).resolve().parents[2] / "onestop" / "assets"
    assert load_catalog_file(assets / "catalog.json") == default_catalog()
    assert load_centre_file(assets / "centre.json") == default_centre()
