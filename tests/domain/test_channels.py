"""Channels: which link opens each kind, and the check of each value at the field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.channels import CHAT_SCHEMES, KINDS, channel_url
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Channel, Mentee
from mentordesk.domain.validation import validate_channels, validate_mentee


@pytest.mark.parametrize(
    ("kind", "value", "url"),
    [
        ("email", "priya.raman@example.in", "mailto:priya.raman@example.in"),
        ("phone", "+44 7700 900412", "tel:+447700900412"),
        ("phone", "(020) 7946-0958", "tel:02079460958"),
        ("video", "https://meet.example.com/priya-sam", "https://meet.example.com/priya-sam"),
        ("chat", "slack://user?team=T123&id=U456", "slack://user?team=T123&id=U456"),
        ("chat", "https://discord.com/users/1234", "https://discord.com/users/1234"),
        ("chat", "@ravi_k on Telegram", "tg://resolve?domain=ravi_k"),
        ("chat", "+91 98765 43210 on WhatsApp", "https://wa.me/919876543210"),
        ("chat", "@maya:matrix.org", "https://matrix.to/#/@maya:matrix.org"),
        ("chat", "@liamn@mastodon.social", "https://mastodon.social/@liamn"),
        ("other", "https://www.linkedin.com/in/liam", "https://www.linkedin.com/in/liam"),
        # Nothing opens a Slack or Discord handle without its workspace: copied instead.
        ("chat", "@priya.r on the Rust India Slack", None),
        ("chat", "maya.chen on Discord (ADPList server)", None),
        ("other", "12 Harbour Road, St. John's", None),
        ("email", "  ", None),
    ],
)
def test_each_channel_maps_to_the_link_its_app_opens(
    kind: str, value: str, url: str | None
) -> None:
    assert channel_url(Channel(kind, value)) == url


def test_each_kind_is_checked_and_the_message_names_the_row() -> None:
    good = validate_channels(
        [
            Channel("email", " ravi@example.org "),
            Channel("phone", ""),  # a blank row is dropped, not refused
            Channel("phone", "+91 98765 43210"),
            Channel("video", "https://meet.example.com/ravi"),
            Channel("chat", "@ravi"),
        ]
    )
    assert good == (
        Channel("email", "ravi@example.org"),
        Channel("phone", "+91 98765 43210"),
        Channel("video", "https://meet.example.com/ravi"),
        Channel("chat", "@ravi"),
    )
    cases = [
        (Channel("email", "ravi@example"), "Channel 2 (Email): Email 'ravi@example' is not"),
        (Channel("phone", "call me"), "Channel 2 (Phone): 'call me' is not a phone number"),
        (Channel("phone", "12"), "is not a phone number"),
        (Channel("video", "meet.example.com/r"), "Channel 2 (Video link): Link"),
        (Channel("fax", "0123"), "unknown kind 'fax' — choose one of email, phone"),
    ]
    for bad, message in cases:
        with pytest.raises(ValidationError) as err:
            validate_channels([Channel("chat", "@ravi"), bad])
        assert err.value.field == "channels"
        assert message in err.value.message


def test_the_mentee_s_address_is_the_first_email_channel() -> None:
    mentee = Mentee(
        "Ravi",
        "Asia/Kolkata",
        channels=(
            Channel("chat", "@ravi"),
            Channel("email", "r@a.org"),
            Channel("email", "r@b.org"),
        ),
    )
    assert mentee.email == "r@a.org"
    assert Mentee("Ana", "Europe/Lisbon").email == ""
    with pytest.raises(ValidationError) as err:
        validate_mentee(Mentee("Ana", "Europe/Lisbon", channels=(Channel("email", "ana"),)))
    assert err.value.field == "channels"


@given(kind=st.sampled_from([*KINDS, "fax", ""]), value=st.text(max_size=80))
def test_any_typed_value_is_mapped_or_refused_with_the_field_named(kind: str, value: str) -> None:
    url = channel_url(Channel(kind, value))
    assert url is None or url.split(":", 1)[0] in {
        "mailto",
        "tel",
        "http",
        "https",
        "tg",
        *CHAT_SCHEMES,
    }
    try:
        validate_channels([Channel(kind, value)])
    except ValidationError as err:
        assert err.field == "channels" and err.message.startswith("Channel 1")
