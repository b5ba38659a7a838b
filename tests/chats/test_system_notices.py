"""WhatsApp system notices, placeholders and markers recognised by their text, in every supported language.

iOS writes notices under the chat's or a contact's name, with or without a
U+200E mark, so neither the sender nor the mark may decide. Each fixture
(``whatsapp_ios_notices_<locale>__chat.txt``, written for these tests) has the
same shape: four notices (under the group name with and without the mark, and
under a contact), a typed message, a deleted marker, a media placeholder, an
edited message, a renamed group, and a typed message that starts like a notice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.chats import EVENT_KINDS, open_chat, whatsapp
from nlp.chats.whatsapp import is_notice, phrases

FIXTURES = Path(__file__).with_name("fixtures")
LOCALES = ("en", "de", "fr", "es", "pt", "it", "nl", "fi", "id", "zh")
SHAPE = ["system", "system", "system", "system", "text", "deleted", "media", "text", "system", "text"]


@pytest.mark.parametrize("locale", LOCALES)
def test_notices_are_system_events_whatever_sender_or_mark(locale: str) -> None:
    messages = list(open_chat(FIXTURES / f"whatsapp_ios_notices_{locale}__chat.txt"))
    assert [m.kind for m in messages] == SHAPE
    assert {m.sender for m in messages if m.kind not in EVENT_KINDS} == {"Ana", "Ben"}  # never the group "Club"
    assert all(m.sender is None and m.text for m in messages if m.kind == "system")
    assert all(m.text == "" for m in messages if m.kind in ("deleted", "media"))
    edited = messages[7]
    assert edited.edited and "<" not in edited.text and edited.text == edited.text.strip()
    assert not messages[9].edited and messages[9].text  # looks like "You added ...", typed by Ben


@pytest.mark.parametrize(
    "text",
    [
        "You added too much salt again",
        "The meeting changed to 10",
        "Meta AI is everywhere now",
        "Waiting for this message is killing me",
        "your security code is 1234",
        "Messages are piling up, call me",
        "I changed the group description yesterday, did you see it?",
        "Anda mengubah rencana lagi?",
        "你更改了计划吗？",
    ],
)
def test_typed_look_alikes_are_not_notices(text: str) -> None:
    assert not is_notice(text)


def test_every_notice_keyword_is_found_where_a_word_starts() -> None:
    data = json.loads(Path(whatsapp.__file__).with_name("whatsapp_locales.json").read_text(encoding="utf-8"))
    search = phrases().notice_keywords.search
    for entry in data["notices"]:
        for keyword in entry["keywords"]:
            assert search(f"x {keyword} y"), keyword
            assert search(keyword), keyword
