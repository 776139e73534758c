"""A progress summary as a PDF (written atomically) or as preview images of the same pages.

QPdfWriter embeds the fonts it draws with (subsets, with their Unicode maps, so the text can
be copied out); metadata is the title and the mentor as author, nothing else of theirs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSaveFile
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from mentordesk.reports.fonts import families, uncovered
from mentordesk.reports.page_layout import Frame, Slice, paginate, paint_page
from mentordesk.reports.paper import Paper
from mentordesk.reports.summary_blocks import DPI, px, summary_blocks
from mentordesk.services.summary_content import ProgressSummary

_PAGE_SIZES = {Paper.A4: QPageSize.PageSizeId.A4, Paper.LETTER: QPageSize.PageSizeId.Letter}
MARGIN_MM = 18


class ExportCancelled(Exception):
    """The caller's ``cancelled`` said stop: nothing was written."""


def ensure_gui() -> None:
    """Qt's fonts need a QGuiApplication; the command line has none, and no screen either."""
    if QGuiApplication.instance() is None:
        # Only Linux tells "no screen" by these variables (as app._no_display does); macOS
        # and Windows always have their own platform plugin.
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        ensure_gui.app = QGuiApplication(["mentordesk"])  # type: ignore[attr-defined]


def _writer(device: QIODevice, paper: Paper, summary: ProgressSummary) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(_PAGE_SIZES[paper]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM - 6, MARGIN_MM, MARGIN_MM - 6),
            QPageLayout.Unit.Millimeter,
        )
    )
    h = summary.header
    writer.setTitle(f"Progress summary: {h.mentee_name}, {h.period.label}")
    writer.setAuthor(h.mentor_name)
    writer.setCreator("MentorDesk")
    return writer


@dataclass(slots=True)
class SummaryPages:
    """The summary laid out on a writer: ``pages`` hold what each page shows."""

    summary: ProgressSummary
    writer: QPdfWriter
    font: QFont
    frame: Frame
    pages: list[list[Slice]]
    warnings: list[str]

    @property
    def running(self) -> tuple[str, str]:
        h = self.summary.header
        return (f"{h.mentee_name} · progress summary", h.period.label)

    def paint(self, painter: QPainter, index: int) -> None:
        paint_page(painter, self.frame, self.pages[index], self.running, index + 1,
                   len(self.pages), self.font)  # fmt: skip


def lay_out(summary: ProgressSummary, paper: Paper, device: QIODevice) -> SummaryPages:
    ensure_gui()
    writer = _writer(device, paper, summary)
    h = summary.header
    names = [h.mentee_name, h.mentor_name, *(g.title for g in summary.goals)]
    font = QFont()
    font.setFamilies(families(" ".join(names)))
    font.setPixelSize(px(10))
    # Ligatures ("ff" as one glyph) would come out of a copy or a search as "ﬀ".
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    frame, pages = paginate(summary_blocks(summary), font, writer)
    return SummaryPages(summary, writer, font, frame, pages, uncovered(names, font.families()))


def write_summary_pdf(
    summary: ProgressSummary,
    path: Path,
    paper: Paper = Paper.A4,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[str]:
    """Writes ``path`` whole or not at all (QSaveFile: a temporary file renamed at the end);
    returns warnings (a name no installed font can draw). Raises OSError when it cannot be
    written, ExportCancelled when ``cancelled()`` said so between pages."""
    out = QSaveFile(str(path))
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {out.errorString()}")
    laid = lay_out(summary, paper, out)
    painter = QPainter(laid.writer)
    try:
        for index in range(len(laid.pages)):
            if cancelled():
                raise ExportCancelled
            if index:
                laid.writer.newPage()
            laid.paint(painter, index)
    except BaseException:
        painter.end()
        out.cancelWriting()
        out.commit()  # with writing cancelled, this removes the temporary file
        raise
    painter.end()
    if not out.commit():
        raise OSError(f"cannot write {path}: {out.errorString()}")
    return laid.warnings


def preview_images(summary: ProgressSummary, paper: Paper, width: int) -> list[QImage]:
    """Each page as an image ``width`` pixels wide, painted as the PDF's pages are."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    laid = lay_out(summary, paper, buffer)
    full = laid.writer.pageLayout().fullRectPixels(DPI)
    margins = laid.writer.pageLayout().marginsPixels(DPI)
    scale = width / full.width()
    images = []
    for index in range(len(laid.pages)):
        image = QImage(width, round(full.height() * scale), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(margins.left(), margins.top())
        laid.paint(painter, index)
        painter.end()
        images.append(image)
    return images
