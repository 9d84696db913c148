"""Settings: data folder resolution, strict settings.json, save/load round trip."""

import json
import logging
from pathlib import Path

import pytest

from onestop.logging_setup import configure_logging
from onestop.settings import (
    Settings,
    SettingsError,
    default_data_dir,
    load_settings,
    save_settings,
)


def test_env_overrides_default_data_dir(tmp_data):
    assert default_data_dir() == tmp_data
    assert load_settings().data_dir == tmp_data


def test_without_env_uses_platform_user_folder(monkeypatch):
    monkeypatch.delenv("ONESTOP_DATA", raising=False)
    path = default_data_dir()
    assert path.is_absolute() and path.name == "onestop"


def test_defaults_when_no_file(tmp_data):
    s = load_settings(tmp_data)
    assert s == Settings(data_dir=tmp_data)
    assert (s.hub_port, s.central_port, s.timezone) == (8700, 8800, "Asia/Ho_Chi_Minh")
    assert s.language == "vi" and s.central_url is None
    assert not (tmp_data / "settings.json").exists(), "loading must not write anything"


def test_unknown_key_names_file_and_key(tmp_data):
    path = tmp_data / "settings.json"
    path.write_text(json.dumps({"hub_prot": 9000}), encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(tmp_data)
    assert str(path) in str(err.value) and "'hub_prot'" in str(err.value)
    assert "hub_port" in str(err.value), "the message should list the known keys"


@pytest.mark.parametrize(
    ("key", "value"),
    [("hub_port", "8700"), ("hub_port", True), ("ward_name", 5), ("central_url", 1),
     ("data_dir", "/tmp"), ("announce_twice", "yes"), ("announce_twice", 1)],
)
def test_wrong_type_or_forbidden_key_names_file_and_key(tmp_data, key, value):
    path = tmp_data / "settings.json"
    path.write_text(json.dumps({key: value}), encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(tmp_data)
    assert str(path) in str(err.value) and repr(key) in str(err.value)


def test_each_call_is_said_twice_unless_the_centre_says_once(tmp_data):
    assert load_settings(tmp_data).announce_twice is True
    (tmp_data / "settings.json").write_text('{"announce_twice": false}', encoding="utf-8")
    assert load_settings(tmp_data).announce_twice is False


def test_broken_json_says_where(tmp_data):
    (tmp_data / "settings.json").write_text('{"hub_port": 8700,', encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid JSON.*line 1"):
        load_settings(tmp_data)


def test_round_trip_keeps_vietnamese_text(tmp_data):
    s = Settings(data_dir=tmp_data, hub_port=9001, ward_name="Phường Hoàn Kiếm",
                 central_url="https://central.example/api", log_level="DEBUG")
    path = save_settings(s)
    assert "Phường Hoàn Kiếm" in path.read_text(encoding="utf-8")
    assert load_settings(tmp_data) == s
    assert "data_dir" not in json.loads(path.read_text(encoding="utf-8"))


def test_partial_file_keeps_other_defaults(tmp_data):
    (tmp_data / "settings.json").write_text('{"central_url": null, "hub_port": 8123}')
    s = load_settings(tmp_data)
    assert s.hub_port == 8123 and s.central_port == 8800


def test_logging_writes_rotating_file(tmp_data: Path):
    s = Settings(data_dir=tmp_data, log_level="DEBUG")
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        path = configure_logging(s)
        configure_logging(s)  # a second call must not double the handlers
        ours = [h for h in root.handlers if h not in before]
        assert len(ours) == 2
        logging.getLogger("onestop.test").debug("xin chào %s", "quầy 3")
        for h in ours:
            h.flush()
        assert path == tmp_data / "logs" / "onestop.log"
        assert "xin chào quầy 3" in path.read_text(encoding="utf-8")
    finally:
        for h in list(root.handlers):
            if h not in before:
                root.removeHandler(h)
                h.close()
        root.setLevel(level)
