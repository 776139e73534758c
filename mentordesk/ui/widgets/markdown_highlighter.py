"""Light Markdown highlighting for note text: headings, bullets, checkboxes, tags, owners,
due dates and call timestamps.

Patterns are ``QRegularExpression`` rather than ``re``: Qt reports positions in UTF-16 code
units, which is what ``setFormat`` takes, so an emoji earlier in a line cannot shift a colour.
Every colour comes from the palette, and ``set_palette`` recomputes them when the theme flips.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from mentordesk.ui.theme import muted_color

_HEADING = QRegularExpression(r"^#{1,6}\s.*$")
_BULLET = QRegularExpression(r"^\s*(?:[-*+]|\d+[.)])(?=\s)")
_OPEN_BOX = QRegularExpression(r"^\s*[-*+]\s+(\[ \])")
_DONE_BOX = QRegularExpression(r"^\s*[-*+]\s+(\[[xX]\])(.*)$")
_TAG = QRegularExpression(r"(?<![\w#-])#(?:win|feedback|fb-me)(?![\w-])")
_PERSON = QRegularExpression(r"(?<![\w@])@(?:me|them)(?![\w-])")
_DUE = QRegularExpression(r"(?<![\w-])due:\d{4}-\d{2}-\d{2}(?![\w-])")
_STAMP = QRegularExpression(r"\[\d{1,2}:\d{2}(?::\d{2})?\]")

#: How much larger a heading line is drawn than body text.
HEADING_SCALE = 1.15


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights a ``QTextDocument`` as the mentor types; formats follow the palette."""

    def __init__(self, document: QTextDocument, palette: QPalette, font: QFont) -> None:
        super().__init__(document)
        self.formats: dict[str, QTextCharFormat] = {}
        self.set_palette(palette, font)

    def set_palette(self, palette: QPalette, font: QFont) -> None:
        """Recomputes every format (e.g. after a light/dark switch) and redraws."""
        muted = muted_color(palette)
        link = palette.color(QPalette.ColorRole.Link)

        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        size = font.pointSizeF()
        if size > 0:
            heading.setFontPointSize(size * HEADING_SCALE)

        marker = QTextCharFormat()
        marker.setForeground(muted)
        marker.setFontWeight(QFont.Weight.Bold)

        open_box = QTextCharFormat()
        open_box.setForeground(link)
        open_box.setFontWeight(QFont.Weight.Bold)

        done_box = QTextCharFormat()
        done_box.setForeground(muted)
        done_text = QTextCharFormat()
        done_text.setForeground(muted)
        done_text.setFontStrikeOut(True)

        tag = QTextCharFormat()
        tag.setForeground(link)
        tag.setFontWeight(QFont.Weight.Bold)

        person = QTextCharFormat()
        person.setForeground(palette.color(QPalette.ColorRole.LinkVisited))
        person.setFontWeight(QFont.Weight.Bold)

        due = QTextCharFormat()
        due.setForeground(link)
        due.setFontUnderline(True)

        stamp = QTextCharFormat()
        stamp.setForeground(muted)
        stamp.setFontFamilies(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families()
        )

        self.formats = {
            "heading": heading,
            "marker": marker,
            "open_box": open_box,
            "done_box": done_box,
            "done_text": done_text,
            "tag": tag,
            "person": person,
            "due": due,
            "stamp": stamp,
        }
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not text:
            return
        if _HEADING.match(text).hasMatch():
            self.setFormat(0, len(text.encode("utf-16-le")) // 2, self.formats["heading"])
            return
        self._whole(_BULLET, text, "marker")
        self._group(_OPEN_BOX, text, 1, "open_box")
        done = _DONE_BOX.match(text)
        if done.hasMatch():
            self.setFormat(done.capturedStart(1), done.capturedLength(1), self.formats["done_box"])
            self.setFormat(done.capturedStart(2), done.capturedLength(2), self.formats["done_text"])
        for pattern, name in (
            (_TAG, "tag"),
            (_PERSON, "person"),
            (_DUE, "due"),
            (_STAMP, "stamp"),
        ):
            self._all(pattern, text, name)

    def _whole(self, pattern: QRegularExpression, text: str, name: str) -> None:
        self._group(pattern, text, 0, name)

    def _group(self, pattern: QRegularExpression, text: str, group: int, name: str) -> None:
        match = pattern.match(text)
        if match.hasMatch():
            self.setFormat(
                match.capturedStart(group), match.capturedLength(group), self.formats[name]
            )

    def _all(self, pattern: QRegularExpression, text: str, name: str) -> None:
        found = pattern.globalMatch(text)
        while found.hasNext():
            match = found.next()
            fmt = QTextCharFormat(self.format(match.capturedStart()))
            fmt.merge(self.formats[name])
            self.setFormat(match.capturedStart(), match.capturedLength(), fmt)
