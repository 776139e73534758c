"""A tagged line keeps its item while the mentor edits around it, and only its own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.note_tags import parse_tagged_lines
from mentordesk.domain.tag_links import LinkedLine, LinkPlan, reconcile


class Store:
    """What the store does with a plan, kept in memory: ids for new items, the links."""

    def __init__(self) -> None:
        self.ids: Iterator[int] = itertools.count(1)
        self.links: list[LinkedLine] = []

    def save(self, body: str) -> LinkPlan:
        plan = reconcile(self.links, parse_tagged_lines(body))
        self.links = plan.linked([next(self.ids) for _ in plan.create])
        return plan

    def item_ids(self) -> list[int]:
        return [link.item_id for link in self.links]


def _lines(body: str) -> list[str]:
    return body.split("\n")


def test_reparsing_the_same_text_changes_nothing() -> None:
    store = Store()
    body = "- [ ] Send the CV @them\nMaya shipped #win\n- [ ] Send the CV @them"
    first = store.save(body)
    assert len(first.create) == 3
    again = store.save(body)
    assert not again.items_change
    assert [item_id for item_id, _ in again.keep] == [1, 2, 3]


def test_an_edited_line_updates_its_item_and_a_removed_line_deletes_it() -> None:
    store = Store()
    store.save("- [ ] Send the CV\n- [ ] Book a room")
    edited = store.save("- [ ] Send the CV today @them\n- [ ] Book a room")
    assert [(i, line.text) for i, line in edited.update] == [(1, "Send the CV today")]
    removed = store.save("- [ ] Book a room")
    assert [link.item_id for link in removed.delete] == [1]
    assert store.item_ids() == [2]


def test_typing_a_line_character_by_character_keeps_one_item() -> None:
    store = Store()
    text = "- [ ] Send the CV"
    for end in range(len("- [ ] S"), len(text) + 1):
        store.save("Notes\n" + text[:end])
    assert store.item_ids() == [1]
    assert store.links[0].text == "Send the CV"


def test_a_tag_of_another_kind_replaces_the_item() -> None:
    store = Store()
    store.save("Great demo #win")
    plan = store.save("Great demo #feedback")
    assert [link.kind for link in plan.delete] == ["win"]
    assert [line.kind for line in plan.create] == ["feedback_to"]


def test_done_owner_due_and_privacy_changes_update_the_item() -> None:
    store = Store()
    store.save("- [ ] Send the CV")
    for body in (
        "- [x] Send the CV",
        "- [x] Send the CV @them",
        "- [x] Send the CV @them due:2027-01-15",
        "## Private\n- [x] Send the CV @them due:2027-01-15",
    ):
        plan = store.save(body)
        assert [i for i, _ in plan.update] == [1]
        assert not plan.create and not plan.delete


def test_a_line_moved_elsewhere_keeps_its_item() -> None:
    store = Store()
    store.save("- [ ] One\ntext\n- [ ] Two\nmore\n- [ ] Three")
    plan = store.save("- [ ] Three\n- [ ] One\ntext\n- [ ] Two\nmore")
    assert not plan.items_change
    assert store.item_ids() == [3, 1, 2]


_TEXT = st.text(alphabet="abcdefghijklmnop ", min_size=1, max_size=12).filter(str.strip)
_TAGGED = st.builds(
    lambda kind, text: kind.format(text),
    st.sampled_from(["- [ ] {}", "- [x] {} @them", "{} #win", "{} #feedback", "{} #fb-me"]),
    _TEXT,
)
_PLAIN = _TEXT.map(lambda text: "plain " + text)
_BODY = st.lists(st.one_of(_TAGGED, _PLAIN), max_size=15).map("\n".join)


@given(_BODY)
def test_reparsing_unchanged_text_never_duplicates(body: str) -> None:
    store = Store()
    store.save(body)
    before = store.item_ids()
    plan = store.save(body)
    assert not plan.items_change
    assert store.item_ids() == before


@given(_BODY, st.lists(st.tuples(st.integers(0, 20), _PLAIN), max_size=6))
def test_inserting_untagged_lines_anywhere_keeps_every_link(
    body: str, inserts: list[tuple[int, str]]
) -> None:
    store = Store()
    store.save(body)
    before = store.item_ids()
    lines = _lines(body)
    for at, line in inserts:
        lines.insert(min(at, len(lines)), line)
    plan = store.save("\n".join(lines))
    assert not plan.items_change
    assert store.item_ids() == before


_LINE_OF_KIND = {
    "action": "- [ ] {}",
    "win": "{} #win",
    "feedback_to": "{} #feedback",
    "feedback_from": "{} #fb-me",
}


@given(_BODY, st.integers(0, 20), _TEXT)
def test_editing_one_tagged_line_updates_exactly_that_item(
    body: str, pick: int, extra: str
) -> None:
    store = Store()
    store.save(body)
    if not store.links:
        return
    before = store.item_ids()
    target = store.links[pick % len(store.links)]
    lines = _lines(body)
    # A text no other line has, so the edit is unambiguous.
    new_text = " ".join(["edited", *extra.split(), "z" * len(lines)])
    lines[target.position] = _LINE_OF_KIND[target.kind].format(new_text)
    plan = store.save("\n".join(lines))
    assert not plan.create and not plan.delete
    [(updated, line)] = plan.update
    assert line.text == new_text
    twins = [link for link in plan.before.values() if link.state == target.state]
    if len(twins) == 1:  # identical lines are interchangeable; otherwise it is that item
        assert updated == target.item_id
        assert store.item_ids() == before
    assert sorted(store.item_ids()) == sorted(before)


@given(_BODY, st.integers(0, 20))
def test_deleting_one_tagged_line_deletes_exactly_that_item(body: str, pick: int) -> None:
    store = Store()
    store.save(body)
    if not store.links:
        return
    before = store.item_ids()
    target = store.links[pick % len(store.links)]
    lines = _lines(body)
    del lines[target.position]
    plan = store.save("\n".join(lines))
    deleted = [link.item_id for link in plan.delete]
    # Identical lines are interchangeable: one of them goes, the others keep their items.
    assert len(deleted) == 1 and not plan.create and not plan.update
    twins = [link.item_id for link in plan.before.values()] + deleted
    assert sorted(twins) == sorted(before)
    assert any(link.key == target.key for link in plan.delete)
