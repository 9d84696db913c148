"""`onestop guide` as a person and a script use it: real subprocesses on a real data folder.
Human output with checklist, fee, time and legal basis; "ask an officer" when not sure (exit
0); bad input one line, exit 2; --json; --batch one JSON object a line; the data folder's hub
catalogue (a switched-off procedure is not offered) over the bundled one."""

from __future__ import annotations

import json
import subprocess
import sys

from onestop.compose import build_hub
from onestop.hub.catalog_admin import edit_service
from onestop.settings import Settings


def onestop(data, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "onestop", "--data", str(data), "guide", *args],
                          capture_output=True, text=True, timeout=120, input=stdin)


def test_a_question_in_words(tmp_path):
    done = onestop(tmp_path, "làm giấy khai sinh cho con")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("1. Đăng ký khai sinh") and "1.001193" in first
    for label in ("Hồ sơ cần chuẩn bị:", "Lệ phí:", "Thời hạn giải quyết:", "Căn cứ pháp lý:"):
        assert label in done.stdout
    english = onestop(tmp_path, "--lang", "en", "dang ky ket hon")
    assert english.stdout.startswith("1. Marriage registration")
    refused = onestop(tmp_path, "làm hộ chiếu ở đâu")
    assert refused.returncode == 0
    assert refused.stdout.strip() == ("Chưa tìm được thủ tục phù hợp. Xin Ông/Bà hỏi cán bộ "
                                      "tại quầy hướng dẫn.")


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    for args in (("",), ("x" * 301,), ("--batch", "nowhere.txt", "--json"),
                 ("--batch", "q.txt"), ("khai sinh", "--json", "--batch", "q.txt")):
        done = onestop(tmp_path, *args)
        assert done.returncode == 2, args
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_json_and_batch(tmp_path):
    one = json.loads(onestop(tmp_path, "--json", "dk ket hon").stdout)
    assert one["confident"] and one["answers"][0]["service"] == "1.000894"
    questions = tmp_path / "q.txt"
    questions.write_text("khai tử\n\nthời tiết hôm nay\nsổ đỏ bị mất\n", encoding="utf-8")
    lines = onestop(tmp_path, "--json", "--batch", str(questions)).stdout.splitlines()
    answers = [json.loads(line) for line in lines]
    assert len(answers) == 4
    assert answers[0]["answers"][0]["service"] == "1.000656"
    assert answers[1]["error"]["code"] == "guide_question_invalid"
    assert answers[2] == {"answers": [], "confident": False, "question": "thời tiết hôm nay"}
    assert answers[3]["confident"]
    piped = onestop(tmp_path, "--json", "--batch", "-", stdin="khai sinh\n")
    assert json.loads(piped.stdout)["answers"][0]["service"] == "1.001193"


def test_the_data_folders_catalogue_is_the_one_in_use(tmp_path):
    data = tmp_path / "data"
    hub = build_hub(Settings(data_dir=data))
    try:
        edit_service(hub.store, "1.001193", {"enabled": False})  # as the admin window does
    finally:
        hub.close()
    codes = [a["service"] for a in json.loads(
        onestop(data, "--json", "đăng ký khai sinh").stdout)["answers"]]
    assert codes and "1.001193" not in codes
