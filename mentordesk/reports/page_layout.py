"""Blocks placed on pages, and pages painted: running header, "Page X of Y", no block split.

The blocks are laid out once on the writer (its resolution and font metrics) and can then be
painted onto the PDF or, scaled, onto preview images: both show the same pages. A block
taller than a page (a goal with very many milestones) is cut between two lines of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPainter,
    QPalette,
    QTextDocument,
)

from mentordesk.reports.chart import paint_bar_chart
from mentordesk.reports.summary_blocks import (
    ACCENT,
    DONE,
    INK,
    MUTED,
    TRACK,
    Block,
    ChartBlock,
    px,
)

COLOURS = {"ink": INK, "muted": MUTED, "bar": ACCENT, "track": TRACK}
GAP = px(7)  # between blocks: a goal from the next
_BAR = re.compile(r"src='bar:(\d+)'")


@dataclass(slots=True)
class Slice:
    """Part of a laid-out block on a page: ``height`` of it from ``offset``, drawn at ``y``."""

    item: LaidOut
    y: float
    offset: float
    height: float


@dataclass(slots=True)
class LaidOut:
    block: Block
    height: float
    document: QTextDocument | None = None
    cuts: list[float] = field(default_factory=list)  # line bottoms: where it may be cut


@dataclass(slots=True)
class Frame:
    """The page's parts in device pixels."""

    page: QRectF
    body: QRectF
    header_y: float
    footer_y: float


def frame(device: QPagedPaintDevice) -> Frame:
    paint = device.pageLayout().paintRectPixels(device.resolution())
    page = QRectF(0, 0, paint.width(), paint.height())
    band = px(22)
    body = page.adjusted(0, band, 0, -band)
    return Frame(page, body, 0, page.bottom() - px(10))


def _bar_image(percent: int) -> QImage:
    image = QImage(px(90), px(6), QImage.Format.Format_RGB32)
    image.fill(QColor(TRACK))
    painter = QPainter(image)
    painter.fillRect(QRectF(0, 0, image.width() * percent / 100, image.height()), QColor(DONE))
    painter.end()
    return image


def _lay_out(block: Block, width: float, font: QFont, device: QPagedPaintDevice) -> LaidOut:
    if isinstance(block, ChartBlock):
        return LaidOut(block, px(110))
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    for percent in {int(n) for n in _BAR.findall(block.html)}:
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"bar:{percent}"), _bar_image(percent)
        )
    doc.setHtml(block.html)
    doc.setTextWidth(width)
    cuts = []
    text_block = doc.begin()
    layout = doc.documentLayout()
    while text_block.isValid():
        top = layout.blockBoundingRect(text_block).top()
        lines = text_block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            cuts.append(top + line.y() + line.height())
        text_block = text_block.next()
    return LaidOut(block, doc.size().height(), doc, sorted(cuts))


def paginate(
    blocks: list[Block], font: QFont, device: QPagedPaintDevice
) -> tuple[Frame, list[list[Slice]]]:
    f = frame(device)
    pages: list[list[Slice]] = [[]]
    y = 0.0
    room = f.body.height()
    for block in blocks:
        item = _lay_out(block, f.body.width(), font, device)
        if y and y + item.height > room:
            pages.append([])
            y = 0.0
        offset = 0.0
        while item.height - offset > room - y:  # taller than a page: cut between lines
            cut = max((c for c in item.cuts if offset < c <= offset + room - y), default=0.0)
            if cut <= offset:
                cut = offset + room - y
            pages[-1].append(Slice(item, y, offset, cut - offset))
            pages.append([])
            offset, y = cut, 0.0
        pages[-1].append(Slice(item, y, offset, item.height - offset))
        y += item.height - offset + GAP
    return f, pages


def _print_palette() -> QPalette:
    """Black on white whatever the screen's theme: a dark palette would print white text."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    return palette


def paint_page(
    painter: QPainter,
    f: Frame,
    slices: list[Slice],
    running: tuple[str, str],
    number: int,
    count: int,
    font: QFont,
) -> None:
    painter.fillRect(f.page, QColor("white"))
    small = QFont(font)
    small.setPixelSize(px(8))
    painter.setFont(small)
    painter.setPen(QColor(MUTED))
    line = painter.fontMetrics().height()
    head = QRectF(f.page.left(), f.header_y, f.page.width(), line)
    painter.drawText(head, Qt.AlignmentFlag.AlignLeft, running[0])
    painter.drawText(head, Qt.AlignmentFlag.AlignRight, running[1])
    painter.setPen(QColor(TRACK))
    painter.drawLine(QPointF(f.page.left(), line * 1.3), QPointF(f.page.right(), line * 1.3))
    painter.setPen(QColor(MUTED))
    foot = QRectF(f.page.left(), f.footer_y, f.page.width(), line)
    painter.drawText(foot, Qt.AlignmentFlag.AlignRight, f"Page {number} of {count}")
    painter.drawText(foot, Qt.AlignmentFlag.AlignLeft, "MentorDesk progress summary")
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette = _print_palette()
    for s in slices:
        top = f.body.top() + s.y
        if isinstance(s.item.block, ChartBlock):
            _paint_chart(painter, QRectF(f.body.left(), top, f.body.width(), s.height),
                         s.item.block, font)  # fmt: skip
            continue
        painter.save()
        painter.translate(f.body.left(), top - s.offset)
        clip = QRectF(QPointF(0, s.offset), QSizeF(f.body.width(), s.height))
        painter.setClipRect(clip)
        context.clip = clip
        assert s.item.document is not None
        s.item.document.documentLayout().draw(painter, context)
        painter.restore()


def _paint_chart(painter: QPainter, rect: QRectF, block: ChartBlock, font: QFont) -> None:
    title = QFont(font)
    title.setPixelSize(px(10))
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(QColor(INK))
    line = painter.fontMetrics().height()
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line),
                     Qt.AlignmentFlag.AlignLeft, block.heading)  # fmt: skip
    small = QFont(font)
    small.setPixelSize(px(8))
    chart = rect.adjusted(0, line * 1.3, -rect.width() * 0.4, 0)
    paint_bar_chart(painter, chart, block.bars, small, COLOURS)
