"""`onestop guide`: Hỏi thủ tục from the command line (docs/guide.md).

Answers from the catalogue in use: the data folder's hub catalogue (with the ward's edits)
when a hub has one, else the bundled catalogue. No hub has to run.
"""

from __future__ import annotations

import argparse
import json
import sys

from onestop.errors import CliError
from onestop.settings import Settings

ASK_OFFICER = {"vi": "Chưa tìm được thủ tục phù hợp. Xin Ông/Bà hỏi cán bộ tại quầy hướng dẫn.",
               "en": "No matching procedure found. Please ask an officer at the guidance desk."}
LABELS = {
    "vi": {"checklist": "Hồ sơ cần nộp", "fee": "Lệ phí", "result": "Kết quả",
           "days": "Thời hạn giải quyết", "legal": "Căn cứ pháp lý", "code": "Mã thủ tục",
           "same_day": "trong ngày", "working_days": "ngày làm việc"},
    "en": {"checklist": "Documents to bring", "fee": "Fee", "result": "Result",
           "days": "Processing time", "legal": "Legal basis", "code": "Procedure code",
           "same_day": "same day", "working_days": "working days"},
}


def catalog_in_use(settings: Settings):
    from onestop.hub.guide_routes import data_folder_catalog
    from onestop.queue.catalog import CatalogError, default_catalog

    try:
        found = data_folder_catalog(settings.data_dir)
    except CatalogError:
        found = None
    return found if found is not None else (default_catalog(), frozenset())


def days_text(days, lang: str) -> str:
    words = LABELS[lang]
    if days is None:
        return ""
    return words["same_day"] if days == 0 else f"{days} {words['working_days']}"


def human(result: dict, lang: str) -> str:
    if not result["confident"]:
        return ASK_OFFICER[lang]
    words, en = LABELS[lang], lang == "en"
    lines = []
    for rank, a in enumerate(result["answers"], start=1):
        name = a["name_en"] if en else a["name_vi"]
        code = "" if a["service"].startswith("local.") else f"  ({words['code']} {a['service']})"
        lines.append(f"{rank}. {name}{code}")
        checklist = a["checklist_en"] if en and a.get("checklist_en") else a["checklist_vi"]
        if checklist:
            lines.append(f"   {words['checklist']}:")
            lines += [f"     - {item}" for item in checklist]
        fee = a["fee_en"] if en and a.get("fee_en") else a["fee_vi"]
        result_text = a["result_en"] if en and a.get("result_en") else a["result_vi"]
        for label, value in ((words["fee"], fee), (words["result"], result_text),
                             (words["days"], days_text(a["result_working_days"], lang))):
            if value:
                lines.append(f"   {label}: {value}")
        if a["legal_basis_vi"]:
            lines.append(f"   {words['legal']}: {'; '.join(a['legal_basis_vi'])}")
    return "\n".join(lines)


def guide_command(args: argparse.Namespace, settings: Settings) -> int:
    """`onestop guide [--json] [--lang vi|en] QUESTION` and `--json --batch FILE`."""
    from onestop.hub.guide_routes import invalid_question
    from onestop.queue.guide import ask

    lang = args.lang or ("en" if getattr(settings, "language", "vi") == "en" else "vi")
    if args.batch is not None:
        if not args.json:
            raise CliError("--batch answers one JSON object a line: add --json")
        if args.question:
            raise CliError("give either a QUESTION or --batch FILE, not both")
        return _batch(args.batch, settings)
    reason = invalid_question(args.question)
    if reason:
        raise CliError(f"guide: {reason} (e.g. onestop guide \"đăng ký khai sinh\")")
    catalog, off = catalog_in_use(settings)
    result = ask(catalog, args.question.strip(), exclude=off)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(human(result, lang))
    return 0


def _batch(path: str, settings: Settings) -> int:
    from onestop.hub.guide_routes import invalid_question
    from onestop.queue.guide import ask

    try:
        if path == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text") from None
    catalog, off = catalog_in_use(settings)
    for line in lines:
        reason = invalid_question(line)
        if reason:  # one object per line, so the lines stay aligned with the questions
            print(json.dumps({"question": line, "error": {"code": "guide_question_invalid",
                                                          "message": reason}},
                             ensure_ascii=False))
            continue
        print(json.dumps(ask(catalog, line.strip(), exclude=off), ensure_ascii=False))
    return 0
