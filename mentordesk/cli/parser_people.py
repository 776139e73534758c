"""The parsers of the commands about people and their records: ``today``, ``mentees``,
``mentee show``, ``contact add``, ``meeting held|not-held`` (cli/people.py) and ``feedback``,
``win``, ``resource`` add, ``action done|reopen`` (cli/records.py)."""

from __future__ import annotations

import argparse

from mentordesk.cli.options import MENTEE_HELP as _MENTEE_HELP
from mentordesk.cli.options import store_options as _store_options


def add_people_parsers(sub: argparse._SubParsersAction) -> None:
    mentee_help = _MENTEE_HELP
    today = sub.add_parser(
        "today",
        help="what is due: check-ins, mentees with no next session, upcoming meetings, goals to"
        " revisit, open action items, recent wins",
    )
    _store_options(today)
    today.add_argument("--json", action="store_true", help="print one JSON object of lists")
    mentees = sub.add_parser("mentees", help="list mentees with their last contact and check-in")
    _store_options(mentees)
    mentees.add_argument("--json", action="store_true", help="print the list as JSON")

    mentee = sub.add_parser("mentee", help="show a mentee's dashboard")
    shows = mentee.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = shows.add_parser("show", help="profile, check-in, goals, meetings, actions, records")
    _store_options(show)
    show.add_argument("mentee", metavar="NAME_OR_ID", help=mentee_help)
    show.add_argument("--json", action="store_true", help="print the dashboard as JSON")

    contact = sub.add_parser("contact", help="log a contact with a mentee (moves the check-in)")
    logs = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = logs.add_parser("add", help="log an email, chat, phone call or meeting in person")
    _store_options(add)
    add.add_argument("--mentee", required=True, metavar="NAME_OR_ID", help=mentee_help)
    add.add_argument(
        "--channel",
        default="other",
        metavar="CHANNEL",
        help="email, chat, phone, in person or other (default: %(default)s)",
    )
    add.add_argument(
        "--at",
        metavar="'YYYY-MM-DD HH:MM'",
        help="when, in your time zone (default: now); a date alone means its midday",
    )
    add.add_argument("--summary", default="", help="one line: what it was about")

    meeting = sub.add_parser("meeting", help="mark a meeting's occurrence held, or not held")
    marks = meeting.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, what in (
        ("held", "mark it held (from the start of its day in your zone; counts as contact)"),
        ("not-held", "undo a wrong 'held' (the last contact moves back)"),
    ):
        mark = marks.add_parser(name, help=what)
        _store_options(mark)
        mark.add_argument("id", type=int, metavar="ID", help="the meeting's id")
        mark.add_argument(
            "--start",
            metavar="'YYYY-MM-DD HH:MM'",
            help="which occurrence, in the meeting's zone (default: the one nearest now)",
        )


def add_record_parsers(sub: argparse._SubParsersAction) -> None:
    """``feedback add``, ``win add``, ``resource add``, ``action done|reopen`` (cli/records.py)."""

    def adder(name: str, help_text: str) -> argparse.ArgumentParser:
        group = sub.add_parser(name, help=help_text)
        actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
        add = actions.add_parser("add", help=help_text + " (prints its id)")
        _store_options(add)
        add.add_argument("--mentee", required=True, metavar="NAME_OR_ID", help=_MENTEE_HELP)
        add.add_argument(
            "--in-summaries",
            choices=("yes", "no"),
            help="include it in progress summaries (default: yes; no for feedback from the mentee)",
        )
        return add

    fb = adder("feedback", "record feedback to or from a mentee")
    fb.add_argument("--direction", choices=("to", "from"), default="to",
                    help="to the mentee (default) or from them, about the mentoring")  # fmt: skip
    fb.add_argument("--text", required=True, help="what happened")
    fb.add_argument("--why", default="", help="why it matters (optional)")
    fb.add_argument("--suggest", default="", help="a suggested action (optional)")
    fb.add_argument("--on", metavar="YYYY-MM-DD", help="the day it was given (default today)")

    win = adder("win", "record a mentee's win")
    win.add_argument("--text", required=True, help="what they achieved")
    win.add_argument("--on", metavar="YYYY-MM-DD", help="the day it happened (default today)")
    win.add_argument("--goal", type=int, metavar="ID", help="the goal it belongs to")

    res = adder("resource", "share a resource (article, video, course, …) with a mentee")
    res.add_argument("--title", required=True, help="its title")
    res.add_argument("--url", required=True, metavar="URL_OR_FILE",
                     help="https://…, mailto:…, or the path of a file")  # fmt: skip
    res.add_argument(
        "--kind",
        choices=("article", "video", "podcast", "course", "book", "other"),
        default="article",
    )
    res.add_argument("--goal", type=int, metavar="ID", help="the goal it serves")
    res.add_argument("--shared-on", metavar="YYYY-MM-DD", help="when you shared it (default today)")
    res.add_argument("--note", default="", help="a note for yourself (never in summaries)")

    action = sub.add_parser("action", help="tick off or reopen an action item")
    steps = action.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text in (("done", "tick off an action item"), ("reopen", "reopen one")):
        step = steps.add_parser(name, help=help_text)
        _store_options(step)
        step.add_argument("id", type=int, metavar="ID", help="the action item's id")
