"""The roadmap templates as a list (shipped first, then the mentor's own, marked "yours")."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from mentordesk.domain.roadmap_template import RoadmapTemplate

Index = QModelIndex | QPersistentModelIndex


class TemplateListModel(QAbstractListModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.templates: list[RoadmapTemplate] = []

    def set_templates(self, templates: list[RoadmapTemplate]) -> None:
        self.beginResetModel()
        self.templates = templates
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.templates)

    def template(self, row: int) -> RoadmapTemplate | None:
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        template = self.template(index.row()) if index.isValid() else None
        if template is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return template.title if template.shipped else f"{template.title} (yours)"
        if role == Qt.ItemDataRole.ToolTipRole:
            return template.description or template.title
        return None
