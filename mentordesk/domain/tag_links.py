"""The link between a tagged line and the item it made, kept across edits around it.

Each save compares the tagged lines of the last parse (stored with their item ids) with
the lines now (difflib's SequenceMatcher over what each line says: kind, text, owner, due,
done, privacy; two identical lines that differ only in being done stay told apart):
- lines matched unchanged keep their item;
- then a line removed and inserted with the same (kind, text) keeps its item, updated when
  owner, due, done or privacy changed: a line cut and pasted elsewhere, lines swapped, a
  checkbox ticked, a line moved under ``## Private``;
- then within a changed stretch, and last across them, lines of the same kind pair up in
  order: an edited line updates its item; a line whose tag changed kind deletes the old item
  and creates a new one;
- what is left is created or deleted.
Only what changed in the line since the last parse is pushed to the item, so a change made
to the item elsewhere (done on the Today page, say) is not undone by typing in the note.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from mentordesk.domain.models import Owner
from mentordesk.domain.note_tags import TaggedLine, TagKind


@dataclass(frozen=True, slots=True)
class LinkedLine:
    """A tagged line as it was last parsed, and the id of the item it made."""

    kind: TagKind
    text: str
    item_id: int
    owner: Owner = Owner.MENTOR
    due: date | None = None
    done: bool = False
    private: bool = False
    #: The line's 0-based number in the note when last parsed.
    position: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.text)

    @property
    def state(self) -> tuple[object, ...]:
        return (self.kind, self.text, self.owner, self.due, self.done, self.private)

    def same_as(self, line: TaggedLine) -> bool:
        """True when ``line`` says nothing new about the item (its position aside)."""
        return self.state == line.state

    @classmethod
    def of(cls, line: TaggedLine, item_id: int) -> LinkedLine:
        return cls(
            line.kind, line.text, item_id, line.owner, line.due, line.done, line.private,
            line.line_no,
        )  # fmt: skip


@dataclass(slots=True)
class LinkPlan:
    create: list[TaggedLine] = field(default_factory=list)
    update: list[tuple[int, TaggedLine]] = field(default_factory=list)
    delete: list[LinkedLine] = field(default_factory=list)
    keep: list[tuple[int, TaggedLine]] = field(default_factory=list)
    #: The stored line each kept or updated item had, by (kind, item id).
    before: dict[tuple[str, int], LinkedLine] = field(default_factory=dict)

    @property
    def items_change(self) -> bool:
        """Whether any item is created, changed or deleted."""
        return bool(self.create or self.update or self.delete)

    def linked(self, created_ids: Sequence[int]) -> list[LinkedLine]:
        """The links to store, in document order; ``created_ids`` follow ``create``."""
        if len(created_ids) != len(self.create):
            raise ValueError("one id is needed for each created line")
        pairs = [*self.keep, *self.update, *zip(created_ids, self.create, strict=True)]
        return [LinkedLine.of(line, item_id) for item_id, line in sorted(pairs, key=_line_no)]


def _line_no(pair: tuple[int, TaggedLine]) -> int:
    return pair[1].line_no


def reconcile(previous: Sequence[LinkedLine], current: Sequence[TaggedLine]) -> LinkPlan:
    """What to do to the items so that they follow ``current``, given the last parse."""
    plan = LinkPlan()
    old_keys = [link.state for link in previous]
    new_keys = [line.state for line in current]
    # Changed stretches: (old links, new lines) between lines that matched unchanged.
    stretches: list[tuple[list[LinkedLine], list[TaggedLine]]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for link, line in zip(previous[i1:i2], current[j1:j2], strict=True):
                _pair(plan, link, line)
        else:
            stretches.append((list(previous[i1:i2]), list(current[j1:j2])))
    _match_moved(plan, stretches)
    left_old: list[LinkedLine] = []
    left_new: list[TaggedLine] = []
    for olds, news in stretches:
        rest_old, rest_new = _pair_by_kind(plan, olds, news)
        left_old += rest_old
        left_new += rest_new
    # Identical lines can fool the matcher into a delete here and an insert there.
    plan.delete, plan.create = _pair_by_kind(plan, left_old, left_new)
    plan.delete.sort(key=lambda link: link.position)
    plan.create.sort(key=lambda line: line.line_no)
    return plan


def _pair_by_kind(
    plan: LinkPlan, olds: list[LinkedLine], news: list[TaggedLine]
) -> tuple[list[LinkedLine], list[TaggedLine]]:
    """Pairs lines of the same kind in order; returns those left unpaired."""
    by_kind: dict[str, list[LinkedLine]] = defaultdict(list)
    for link in olds:
        by_kind[link.kind].append(link)
    unpaired: list[TaggedLine] = []
    for line in news:
        same_kind = by_kind.get(line.kind)
        if same_kind:
            _pair(plan, same_kind.pop(0), line)
        else:
            unpaired.append(line)
    return [link for link in olds if link in by_kind[link.kind]], unpaired


def _pair(plan: LinkPlan, link: LinkedLine, line: TaggedLine) -> None:
    plan.before[(link.kind, link.item_id)] = link
    if link.same_as(line):
        plan.keep.append((link.item_id, line))
    else:
        plan.update.append((link.item_id, line))


def _match_moved(
    plan: LinkPlan, stretches: list[tuple[list[LinkedLine], list[TaggedLine]]]
) -> None:
    """Pairs lines removed and inserted with the same (kind, text), wherever they are."""
    removed: dict[tuple[str, str], list[tuple[int, LinkedLine]]] = defaultdict(list)
    for s, (olds, _news) in enumerate(stretches):
        for link in olds:
            removed[link.key].append((s, link))
    if not removed:
        return
    for _olds, news in stretches:
        for line in list(news):
            candidates = removed.get(line.key)
            if not candidates:
                continue
            s, link = candidates.pop(0)
            stretches[s][0].remove(link)
            news.remove(line)
            _pair(plan, link, line)
