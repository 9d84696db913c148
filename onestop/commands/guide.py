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


def catalog_in_use(settings: Settings):
    from onestop.hub.guide_routes import data_folder_catalog
    from onestop.queue.catalog import CatalogError, default_catalog

    try:
        found = data_folder_catalog(settings.data_dir)
    except CatalogError:
        found = None
    return found if found is not None else (default_catalog(), frozenset())


def human(result: dict, lang: str) -> str:
    """The answers as lines for a terminal, in the words of the /guide page."""
    from onestop.queue.catalog import public_code
    from onestop.queue.guide_card import days_words, g

    if not result["confident"]:
        return g("ask_officer", lang)
    en = lang == "en"
    lines = []
    for rank, a in enumerate(result["answers"], start=1):
        name = a["name_en"] if en else a["name_vi"]
        code = public_code(a["service"])
        lines.append(f"{rank}. {name}" + (f"  ({g('code', lang)}: {code})" if code else ""))
        checklist = (a.get("checklist_en") if en else None) or a["checklist_vi"]
        if checklist:
            lines.append(f"   {g('checklist', lang)}:")
            lines += [f"     - {item}" for item in checklist]
        for key, value in (("fee", (a.get("fee_en") if en else None) or a["fee_vi"]),
                           ("time", days_words(a["result_working_days"], lang)),
                           ("result", (a.get("result_en") if en else None) or a["result_vi"])):
            if value:
                lines.append(f"   {g(key, lang)}: {value}")
        if a["legal_basis_vi"]:
            lines.append(f"   {g('legal', lang)}: {'; '.join(a['legal_basis_vi'])}")
    return "\n".join(lines)


def guide_command(args: argparse.Namespace, settings: Settings) -> int:
    """`onestop guide [--json] [--lang vi|en] QUESTION` and `--json --batch FILE`."""
    from onestop.queue.guide import ask, invalid_question

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
    from onestop.queue.guide import ask, invalid_question

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
