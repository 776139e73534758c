"""A progress summary as blocks of HTML (and one chart) that the page layout never splits.

Each goal is one block, so a goal and its milestones stay on one page; long tables are cut
into blocks of a few rows, each with its header row. A section's heading travels with its
first block. Sections with nothing in them are left out. Colours are fixed print colours,
whatever the screen's palette.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from mentordesk.domain.models import ActionItem, Feedback
from mentordesk.services.summary_content import GoalSection, MonthCount, ProgressSummary

DPI = 300
INK, MUTED, ACCENT, TRACK, DONE = "#1a1a1a", "#5a5a5a", "#1f5fa8", "#dde3ea", "#2e7d4f"
ROWS_PER_TABLE_BLOCK = 8
BAR_WIDTH, BAR_HEIGHT = 120, 7  # 90 x 5 points


def px(points: float) -> int:
    """Points at the report's resolution (fonts are set in pixels so that the preview and
    the PDF lay out the same)."""
    return round(points * DPI / 72)


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    html: str


@dataclass(frozen=True, slots=True)
class ChartBlock:
    bars: tuple[MonthCount, ...]
    heading: str


Block = HtmlBlock | ChartBlock


def _day(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""  # %-d is not portable


def _h2(text: str) -> str:
    return (
        f"<p style='font-size:{px(14)}px; font-weight:600; color:{ACCENT};"
        f" margin-top:{px(6)}px; margin-bottom:{px(1)}px'>{escape(text)}</p>"
    )


def _muted(text: str) -> str:
    return f"<span style='color:{MUTED}'>{text}</span>"


def _title(s: ProgressSummary) -> str:
    h = s.header
    mentor = f"Mentor: {escape(h.mentor_name)} · " if h.mentor_name else ""
    return (
        f"<p style='font-size:{px(11)}px; color:{MUTED}; margin:0'>Progress summary</p>"
        f"<p style='font-size:{px(22)}px; font-weight:700; margin:0'>{escape(h.mentee_name)}</p>"
        f"<p style='font-size:{px(12)}px; margin-top:{px(2)}px'>{escape(h.period.label)}</p>"
        f"<p>{_muted(f'{mentor}Generated on {_day(h.generated_on)}')}<br>"
        + _muted(
            f"Times for {escape(h.mentee_name)} in {escape(h.mentee_zone)};"
            f" for the mentor in {escape(h.mentor_zone)}"
        )
        + "</p>"
    )


def _figures(s: ProgressSummary) -> str:
    f = s.figures
    hours, minutes = divmod(f.minutes_held, 60)
    cells = [
        (str(f.meetings_held), "meetings held"),
        (f"{hours}:{minutes:02d}", "hours together"),
        (str(f.milestones_completed), "milestones completed"),
        (f"{f.goals_active} / {f.goals_done}", "goals active / done"),
        (str(f.wins), "wins"),
        (f"{f.feedback_given} / {f.feedback_received}", "feedback given / received"),
    ]
    tds = "".join(
        f"<td width='16%' style='padding:{px(4)}px'>"
        f"<span style='font-size:{px(16)}px; font-weight:700'>{escape(v)}</span><br>"
        f"<span style='font-size:{px(8)}px; color:{MUTED}'>{escape(label)}</span></td>"
        for v, label in cells
    )
    return f"<table width='100%' cellspacing='0'><tr>{tds}</tr></table>"


def _bar(percent: int) -> str:
    """An image the page layout draws (``bar:N``): a print-clean progress bar."""
    return (
        # QTextDocument reads an image's size in 96-dpi pixels and scales it to the device.
        f"<img src='bar:{max(0, min(100, percent))}' width='{BAR_WIDTH}' height='{BAR_HEIGHT}'"
        " style='vertical-align:middle'>"
    )


def _goal(g: GoalSection) -> str:
    target = f" · target {_day(g.target_date)}" if g.target_date else ""
    parts = [
        f"<p style='font-size:{px(12)}px; font-weight:600; margin-top:{px(2)}px;"
        f" margin-bottom:0'>{escape(g.title)}</p>",
        f"<p style='margin:0'>{_bar(g.percent)}&nbsp;&nbsp;"
        f"{_muted(f'{g.percent}% · {escape(g.status)}{target}')}</p>",
    ]
    if g.description:
        parts.append(f"<p style='margin-top:{px(3)}px'>{escape(g.description)}</p>")
    for m in g.milestones:
        mark = f"<span style='color:{DONE}'>✓</span>" if m.done else "○"
        when = (f"done {_day(m.on)}" if m.done else f"due {_day(m.on)}") if m.on else ""
        new = " <b>(this period)</b>" if m.done_in_period else ""
        parts.append(
            f"<p style='margin:0; margin-left:{px(10)}px'>{mark} {escape(m.title)}"
            f" {_muted(escape(when))}{new}</p>"
        )
    return "".join(parts)


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterable[str]:
    """The rows in blocks of a few, each with the header row (already escaped cells)."""
    th = "".join(
        f"<td style='color:{MUTED}; font-size:{px(8)}px; padding:{px(1)}px'>{h}</td>" for h in head
    )
    for i in range(0, len(rows), ROWS_PER_TABLE_BLOCK):
        body = "".join(
            "<tr>" + "".join(f"<td style='padding:{px(1)}px'>{c}</td>" for c in row) + "</tr>"
            for row in rows[i : i + ROWS_PER_TABLE_BLOCK]
        )
        yield f"<table width='100%' cellspacing='0'><tr>{th}</tr>{body}</table>"


def _items(texts: Iterable[str]) -> str:
    return "".join(f"<p style='margin:0; margin-left:{px(10)}px'>• {t}</p>" for t in texts)


def _feedback(items: Sequence[Feedback]) -> list[str]:
    texts = []
    for f in items:
        line = f"{escape(f.body)} {_muted(_day(f.given_on))}"
        if f.why_it_matters.strip():
            line += f"<br>Why it matters: {escape(f.why_it_matters)}"
        if f.suggested_action.strip():
            line += f"<br>Suggested: {escape(f.suggested_action)}"
        texts.append(line)
    return texts


def _actions(items: Sequence[ActionItem]) -> list[str]:
    return [
        escape(a.text) + (" " + _muted(f"due {_day(a.due_date)}") if a.due_date else "")
        for a in items
    ]


def _section(title: str, bodies: Sequence[str]) -> list[Block]:
    """The section's blocks, its heading on the first; none when ``bodies`` is empty."""
    if not bodies:
        return []
    return [HtmlBlock(_h2(title) + bodies[0]), *(HtmlBlock(b) for b in bodies[1:])]


def summary_blocks(s: ProgressSummary) -> list[Block]:
    blocks: list[Block] = [HtmlBlock(_title(s) + _figures(s))]
    if s.is_empty:
        nothing = "Nothing was recorded for this period: no goals, meetings held or shared records."
        blocks.append(HtmlBlock(f"<p>{_muted(nothing)}</p>"))
    if any(b.count for b in s.chart):
        blocks.append(ChartBlock(s.chart, "Milestones completed per month"))
    blocks += _section("Goals", [_goal(g) for g in s.goals])
    meetings = [
        (f"{m.mentee_start:%a} {_day(m.mentee_start.date())}", f"{m.mentee_start:%H:%M}",
         f"{m.mentor_start:%H:%M}", f"{m.minutes} min", escape(m.title))
        for m in s.meetings
    ]  # fmt: skip
    head = ("Date", escape(s.header.mentee_name), "Mentor", "Length", "Meeting")
    blocks += _section("Meetings held", list(_table(head, meetings)))
    blocks += _section("Wins", [_items(f"{escape(w.title)} {_muted(_day(w.happened_on))}"
                                       for w in s.wins)] if s.wins else [])  # fmt: skip
    feedback = []
    if s.feedback_given:
        feedback.append("<p style='margin:0'><b>From the mentor</b></p>"
                        + _items(_feedback(s.feedback_given)))  # fmt: skip
    if s.feedback_received:
        feedback.append("<p style='margin:0'><b>About the mentoring</b></p>"
                        + _items(_feedback(s.feedback_received)))  # fmt: skip
    blocks += _section("Feedback", feedback)
    steps = []
    if s.next_session:
        steps.append(f"<p style='margin:0'>Next session: <b>{s.next_session:%a} "
                     f"{_day(s.next_session.date())}, {s.next_session:%H:%M}"
                     f"</b> {_muted(escape(s.header.mentee_zone))}</p>")  # fmt: skip
    if s.mentee_actions:
        steps.append(f"<p style='margin:0'><b>For {escape(s.header.mentee_name)}</b></p>"
                     + _items(_actions(s.mentee_actions)))  # fmt: skip
    if s.mentor_actions:
        steps.append("<p style='margin:0'><b>For the mentor</b></p>"
                     + _items(_actions(s.mentor_actions)))  # fmt: skip
    blocks += _section("Next steps", steps)
    resources = [
        f"{escape(r.title)} {_muted(escape(str(r.kind)))}<br>"
        f"<span style='color:{ACCENT}; font-size:{px(8)}px'>{escape(r.url)}</span>"
        for r in s.resources
    ]
    blocks += _section("Resources shared", [_items(resources)] if resources else [])
    return blocks
