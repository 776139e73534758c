"""The benchmark harness runs end to end on the small demo set and reports every figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentordesk.bench import main

# Pages are shown as top-level windows on the offscreen platform, which has no window manager
# to pass size hints to; on a real screen the same code is silent.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")

EXPECTED = {
    "startup_ratio",
    "import_floor_ratio",
    "startup_paint_ratio",
    "peak_rss_mib",
    "today_load_ms",
    "today_agenda_ms",
    "today_agenda_after_meeting_change_ms",
    "dashboard_load_ms",
    "search_rare_word_ms",
    "search_common_word_ms",
    "search_common_word_typed_ms",
    "search_phrase_ms",
    "search_prefix_2_ms",
    "search_prefix_3_ms",
    "search_mentee_common_ms",
    "search_first_name_common_ms",
    "search_after_rare_ms",
    "page_switch_ms",
    "mentees_filter_ms",
    "mentees_sort_organisation_ms",
    "mentees_sort_check_in_ms",
    "notes_filter_ms",
    "notes_sort_title_ms",
    "notes_sort_mentee_ms",
    "overlap_3x14_ms",
    "grid_3x14_ms",
    "series_5y_expand_ms",
    "roadmap_open_ms",
    "roadmap_move_ms",
    "timeline_repaint_ms",
    "timeline_zoom_ms",
    "summary_pdf_ms",
    "summary_batch_s",
    "summary_batch_stall_ms",
    "snippet_1mb_note_ms",
    "contact_log_delete_ms",
    "check_ins_with_contacts_ms",
    "today_with_contacts_ms",
    "timeline_switch_ms",
    "timeline_longest_ms",
    "timeline_more_ms",
    "timeline_page_ms",
}


def test_every_figure_is_measured_and_reported(
    tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results.json"
    cache = tmp_path / "cache"
    argv = ["--size", "small", "--runs", "2", "--json", str(results), "--cache-dir", str(cache)]

    assert main(argv) == 0

    document = json.loads(results.read_text(encoding="utf-8"))
    by_key = {r["key"]: r for r in document["results"]}
    assert EXPECTED - by_key.keys() == set()
    for row in document["results"]:
        assert row["runs"] == 2, row["key"]
        assert 0 < row["min"] <= row["median"] <= row["max"], row["key"]
        assert row["met"] is (None if row["target"] is None else row["median"] <= row["target"])
    machine = document["machine"]
    for field in ("cpu", "cores", "ram_gib", "python", "qt", "pyside6", "sqlite"):
        assert machine[field], field
    assert document["date"]
    assert document["dataset"]["counts"]["notes"] > 0

    table = capsys.readouterr().out
    for row in document["results"]:
        assert row["name"] in table
    assert "Target" in table and "Met" in table


def test_the_database_is_written_once_and_reused(tmp_path: Path, qapp: object) -> None:
    cache = tmp_path / "cache"
    argv = ["--size", "small", "--runs", "1", "--only", "loads", "--cache-dir", str(cache)]

    assert main([*argv, "--json", str(tmp_path / "first.json")]) == 0
    # The stamp beside the file is written with it, and only then.
    stamp = cache / "small.db.json"
    written = stamp.stat().st_mtime_ns
    assert main([*argv, "--json", str(tmp_path / "second.json")]) == 0

    assert stamp.stat().st_mtime_ns == written
    second = json.loads((tmp_path / "second.json").read_text(encoding="utf-8"))
    assert [r["key"] for r in second["results"]] == [
        "today_load_ms",
        "today_agenda_ms",
        "today_agenda_after_meeting_change_ms",
        "dashboard_load_ms",
    ]
