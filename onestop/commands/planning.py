"""`onestop plan` (the plan for a day, docs/operations.md "Kế hoạch ngày mai") and
`onestop counter-config staffing` (the ward's staffing settings the plan uses: reserve
officers, target mean wait, weeks of history, payout days). A counter's `can_serve` is
`onestop counter-config set N --can-serve G1,G2` (commands/admin.py)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from onestop.errors import CliError
from onestop.settings import Settings


def parse_reserve(text: str) -> dict:
    """"G1,G2:HOURS[:NOTICE]" -> {groups, max_hours, notice_min}; the hub checks the rest."""
    parts = text.split(":")
    try:
        if len(parts) not in (2, 3):
            raise ValueError
        groups = [g.strip() for g in parts[0].split(",") if g.strip()]
        reserve = {"groups": groups, "max_hours": float(parts[1])}
        if len(parts) == 3:
            reserve["notice_min"] = float(parts[2])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a reserve is FIELDS:HOURS[:NOTICE_MIN], e.g. social,civil-status:2:10; "
            f"got {text!r}") from None
    return reserve


def _days(text: str) -> list[int]:
    try:
        return [int(d) for d in text.split(",") if d.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"days of the month, e.g. 5,10; got {text!r}") from None


def add_parsers(sub, data_opt, date_type) -> None:
    plan = sub.add_parser("plan", parents=[data_opt], help="the plan for a day (default "
                          "tomorrow): expected arrivals, counters' fields, reserve officers")
    plan.add_argument("--day", type=date_type, metavar="D", help="YYYY-MM-DD")
    plan.add_argument("--json", action="store_true", help="the hub's answer as it is")
    plan.add_argument("--out", type=Path, metavar="FILE", help="also write the A4 PDF")


def add_staffing_parser(action, counters) -> None:
    st = action(counters, "staffing", "the ward's reserve officers, target wait, history and "
                "payout days for the day plan (no option: show them)")
    st.add_argument("--reserve", type=parse_reserve, action="append", metavar="FIELDS:H[:N]",
                    help="a reserve officer: fields, most hours at the front, minutes' notice; "
                    "repeat for each (replaces the list)")
    st.add_argument("--no-reserves", action="store_true", help="no reserve officer")
    st.add_argument("--target-wait", type=float, metavar="MIN", help="target mean wait")
    st.add_argument("--history-weeks", type=int, metavar="N", help="weeks of history read")
    st.add_argument("--payout-days", type=_days, metavar="D1,D2",
                    help='days of the month allowances are paid ("" for none)')
    st.add_argument("--json", action="store_true")


def counter_staffing(args: argparse.Namespace, settings: Settings) -> int:
    body: dict = {}
    if args.reserve and args.no_reserves:
        raise CliError("give --reserve or --no-reserves, not both")
    if args.reserve or args.no_reserves:
        body["reserves"] = args.reserve or []
    for key, value in (("target_wait_min", args.target_wait),
                       ("history_weeks", args.history_weeks), ("payout_days", args.payout_days)):
        if value is not None:
            body[key] = value
    from .admin import session  # httpx only when the command runs

    with session(settings) as hub:
        s = hub.call("PUT", "/api/staffing", json=body) if body else \
            hub.call("GET", "/api/staffing")
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return 0
    print(f"target mean wait {s['target_wait_min']:g} min; history {s['history_weeks']} weeks; "
          f"payout days {','.join(map(str, s['payout_days'])) or 'none'}")
    for i, r in enumerate(s["reserves"], start=1):
        print(f"reserve {i}: {','.join(r['groups'])}, at most {r['max_hours']:g} h, "
              f"{r['notice_min']:g} min notice")
    for number, groups in sorted(s["can_serve"].items(), key=lambda kv: int(kv[0])):
        print(f"counter {number} may also serve {','.join(groups)}")
    return 0


def plan_command(args: argparse.Namespace, settings: Settings) -> int:
    from .admin import session

    params = {"day": args.day.isoformat()} if args.day else {}
    with session(settings) as hub:
        plan = hub.call("GET", "/api/plan", params=params)
        if args.out:
            pdf = hub.client.get("/api/plan", params={**params, "format": "pdf"})
            try:
                args.out.write_bytes(pdf.content)
            except OSError as exc:
                raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    if args.json:
        print(json.dumps(plan, ensure_ascii=False, indent=1))
    else:
        print("\n".join(plan_lines(plan)))
    if args.out:
        print(f"onestop: plan for {plan['day']} written to {args.out}")
    return 0


def plan_lines(p: dict) -> list[str]:
    kind = "payout day" if p["payout_day"] else "ordinary day"
    out = [f"plan for {p['day']} ({kind}; from {len(p['history_days'])} past days)"]
    if not p["hours"]:
        return [*out, "the centre is closed that day"]
    if not p["history_days"]:
        out.append("no ticket on the days it reads yet: the counters as they are")
    groups = p["groups"]
    out.append("expected tickets  " + "  ".join(f"{g} {p['arrivals_by_group'][g]:g}"
                                                for g in groups))
    out.append(f"expected mean wait {p['expected_wait_min']:g} min (target "
               f"{p['target_wait_min']:g}; without the plan {p['static_wait_min']:g}); "
               f"reserve hours {p['reserve_hours']:g}; moves {p['moves']}")
    for h in p["hours"]:
        arrivals = p["arrivals"].get(str(h), {})
        seats = "  ".join(f"#{n if int(n) > 0 else 'R' + str(-int(n))}:{s[0]}"
                          for n, s in p["skills"][str(h)].items())
        out.append(f"{h:>2}h  {sum(arrivals.values()):5.1f} tickets  {seats}")
    for r in p["reserves"]:
        out.append(f"reserve R{r['reserve'] + 1}: call at {r['call_at']}, at the front "
                   f"{r['from_hour']}h-{r['to_hour']}h on {','.join(r['groups'])}")
    return out
