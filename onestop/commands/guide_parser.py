"""The `onestop guide` command line (the command itself is in commands/guide.py)."""

from __future__ import annotations


def add_parser(sub, parents, parser_class) -> None:
    guide = sub.add_parser("guide", parents=parents, help="Hỏi thủ tục: which procedure, "
                           "what to bring, fee, time, legal basis")
    guide.add_argument("question", nargs="?", metavar="QUESTION",
                       help='the question, e.g. "làm giấy khai sinh cho con"')
    guide.add_argument("--json", action="store_true", help="print the answer object as JSON")
    guide.add_argument("--lang", choices=("vi", "en"), help="language (default from settings)")
    guide.add_argument("--batch", metavar="FILE",
                       help="one question a line (- for stdin); one JSON object a line; "
                            "needs --json")
