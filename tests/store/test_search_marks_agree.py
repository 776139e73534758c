"""A note the search lists is a note in which the reader marks every word searched, and the
other way round: the index and the marks read the search one way."""

from __future__ import annotations

import pytest

from mentordesk.domain.models import Mentee, Note
from mentordesk.domain.search_query import parse_search
from mentordesk.domain.search_terms import match_spans, search_terms
from mentordesk.services import Workspace

BODIES = (
    "Planning the ledger migration with Zoë.",
    "The plan: ledger first, then the API.",
    "Café visit; live critique of the deck.",
    "Critique was live and the deck got better. AND then nothing.",
    "Straße names and c++ code review.",
)
SEARCHES = ("plan", "plan ", "ledger pla", "zoe", "cafe ", '"live critique"', "critique live ",
            "and", "AND ", "strasse", "straße ", "c++", "deck mentee:ada", "revie")  # fmt: skip


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace.open(tmp_path_factory.mktemp("s") / "m.db")
    mentee = ws.save_mentee(Mentee("Ada", "UTC"))
    for body in BODIES:
        ws.save_note(Note(mentee.id or 0, body))
    return ws


@pytest.mark.parametrize("search", SEARCHES)
def test_listed_notes_are_the_ones_with_every_word_marked(ws: Workspace, search: str) -> None:
    listed = {ws.note(i).body for i in ws.note_search.find(search).ids}
    terms = search_terms(parse_search(search).terms)
    marked = {b for b in BODIES if all(match_spans(b, [term]) for term in terms)}
    assert listed == marked
