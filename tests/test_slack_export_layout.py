"""Slack exports as users zip or choose them, and the content of their messages."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from pir_desktop.importers.slack_export import parse_slack_export

SLACK = Path(__file__).parent / "fixtures" / "timeline" / "slack"


def zip_folder(folder: Path, archive: Path, top: str = "") -> Path:
    """Zip every file of `folder`, inside the folder `top` when it is given."""
    with zipfile.ZipFile(archive, "w") as output:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            output.write(path, f"{top}/{name}" if top else name)
    return archive


def keys(path: Path) -> set[str]:
    return {event.source_key for _, event in parse_slack_export(path).records}


def test_zip_with_top_folder_imports(tmp_path: Path) -> None:
    flat = keys(zip_folder(SLACK, tmp_path / "flat.zip"))
    nested = keys(zip_folder(SLACK, tmp_path / "nested.zip", top="export"))
    assert len(flat) == 4
    assert nested == flat


def test_parent_folder_imports(tmp_path: Path) -> None:
    shutil.copytree(SLACK, tmp_path / "export")
    assert keys(tmp_path) == keys(SLACK)


def test_nested_export_names_files_from_root(tmp_path: Path) -> None:
    archive = zip_folder(SLACK, tmp_path / "nested.zip", top="export")
    result = parse_slack_export(archive)
    assert {error.file for error in result.errors} == {
        "incident/2024-05-02.json",
        "incident/2024-05-03.json",
    }
    assert {event.source_file for _, event in result.records} == {
        "incident/2024-05-02.json"
    }


def test_nested_zip_ignores_macos_metadata(tmp_path: Path) -> None:
    archive = zip_folder(SLACK, tmp_path / "mac.zip", top="export")
    with zipfile.ZipFile(archive, "a") as output:
        output.writestr("__MACOSX/export/._users.json", b"\x00\x05")
        output.writestr("__MACOSX/export/incident/._2024-05-02.json", b"\x00")
    assert keys(archive) == keys(SLACK)


@pytest.mark.parametrize(
    "files",
    [
        {"readme.txt": "notes", "x.json": "{}"},
        {"users.json": "[]", "channels.json": "[]"},
        {"general/notes.json": "[]"},
        {},
    ],
    ids=["other files", "no channel folders", "no day files", "empty"],
)
def test_folder_without_day_files_rejected(
    tmp_path: Path, files: dict[str, str]
) -> None:
    folder = tmp_path / "notexport"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    with pytest.raises(ValueError) as raised:
        parse_slack_export(folder)
    message = str(raised.value)
    assert str(folder) in message
    assert "not a Slack export" in message
    assert "users.json and one folder per channel with YYYY-MM-DD.json" in message


def test_empty_zip_rejected(tmp_path: Path) -> None:
    archive = tmp_path / "empty.zip"
    zipfile.ZipFile(archive, "w").close()
    with pytest.raises(ValueError, match="not a Slack export") as raised:
        parse_slack_export(archive)
    assert str(archive) in str(raised.value)


def test_two_exports_in_one_zip_rejected(tmp_path: Path) -> None:
    archive = zip_folder(SLACK, tmp_path / "two.zip", top="may")
    with zipfile.ZipFile(archive, "a") as output:
        output.write(SLACK / "users.json", "june/users.json")
    with pytest.raises(ValueError, match=r"several Slack exports \(june, may\)"):
        parse_slack_export(archive)


def write_export(folder: Path, messages: list[object]) -> Path:
    (folder / "incident").mkdir(parents=True)
    day = folder / "incident" / "2024-05-01.json"
    day.write_text(json.dumps(messages, indent=1))
    (folder / "users.json").write_text('[{"id": "U1", "real_name": "Dana Reyes"}]')
    return folder


@pytest.mark.parametrize("profile", ["PagerDuty", 5, ["name"], True])
def test_bot_profile_not_object_rejected(tmp_path: Path, profile: object) -> None:
    export = write_export(
        tmp_path,
        [
            {"ts": "1714557600.000100", "user": "U1", "text": "Paging on-call"},
            {
                "ts": "1714557700.000300",
                "bot_id": "B1",
                "bot_profile": profile,
                "text": "Triggered: high CPU",
            },
            {"ts": "1714557800.000400", "user": "U1", "text": "Acknowledged"},
        ],
    )
    result = parse_slack_export(export)
    descriptions = [event.description for _, event in result.records]
    assert descriptions == ["Dana Reyes: Paging on-call", "Dana Reyes: Acknowledged"]
    [error] = result.errors
    assert error.file == "incident/2024-05-01.json"
    assert "Triggered: high CPU" in error.text
    assert error.message.startswith("bot_profile is ")
    assert error.message.endswith(", not an object")


def test_user_profile_not_object_ignored(tmp_path: Path) -> None:
    export = write_export(
        tmp_path, [{"ts": "1714557600.000100", "user": "U1", "text": "Paging"}]
    )
    (export / "users.json").write_text(
        json.dumps(
            [
                {"id": "U1", "name": "dana", "profile": "Dana"},
                {"id": ["U2"], "name": "list id"},
                {"id": "U3", "real_name": 7},
            ]
        )
    )
    result = parse_slack_export(export)
    assert result.errors == []
    [(_, event)] = result.records
    assert event.description == "dana: Paging"


CONTENT_CASES = [
    (
        {
            "bot_id": "B2",
            "text": "",
            "attachments": [
                {"fallback": "Alert: disk full", "text": "Disk full on <@U1>'s db1"}
            ],
        },
        "bot: Disk full on @Dana Reyes's db1",
    ),
    (
        {"bot_id": "B2", "attachments": [{"fallback": "Alert: disk full"}]},
        "bot: Alert: disk full",
    ),
    (
        {
            "subtype": "bot_message",
            "username": "Grafana",
            "attachments": [
                {"title": "CPU &gt; 95%", "color": "danger"},
                {"text": "db2 also high"},
            ],
        },
        "Grafana: CPU > 95%; db2 also high",
    ),
    (
        {"user": "U1", "text": "", "files": [{"name": "screenshot.png"}]},
        "Dana Reyes: Shared file: screenshot.png",
    ),
    (
        {
            "user": "U1",
            "files": [
                {"title": "Firewall log", "name": "fw.log"},
                {"name": "capture.pcap"},
            ],
        },
        "Dana Reyes: Shared files: Firewall log, capture.pcap",
    ),
    (
        {"user": "U1", "text": "see graph", "files": [{"name": "cpu.png"}]},
        "Dana Reyes: see graph — shared file: cpu.png",
    ),
    (
        {
            "user": "U1",
            "text": "here are the logs",
            "files": [{"name": "a.log", "title": "Auth log"}, {"name": "b.log"}],
        },
        "Dana Reyes: here are the logs — shared files: Auth log, b.log",
    ),
    (
        {
            "subtype": "file_share",
            "user": "U1",
            "text": "",
            "files": [{"id": "F1", "mode": "hidden_by_limit"}],
        },
        "Dana Reyes: Shared a file that the workspace's plan hides",
    ),
    (
        {
            "user": "U1",
            "files": [
                {"id": "F1", "mode": "hidden_by_limit"},
                {"id": "F2", "mode": "hidden_by_limit"},
                {"id": "F3", "mode": "tombstone"},
            ],
        },
        "Dana Reyes: Shared 2 files that the workspace's plan hides, a deleted file",
    ),
    (
        {
            "user": "U1",
            "text": "before the reboot",
            "files": [{"name": "dmesg.txt"}, {"id": "F2", "mode": "hidden_by_limit"}],
        },
        "Dana Reyes: before the reboot — shared files: dmesg.txt, "
        "a file that the workspace's plan hides",
    ),
    (
        {"user": "U1", "files": [{"id": "F1", "mode": ["odd"]}]},
        "Dana Reyes: Shared a file without a name",
    ),
    (
        {
            "bot_id": "B2",
            "username": "Grafana",
            "text": "",
            "attachments": [
                {
                    "title": "Disk alert",
                    "text": "db1 at 98%",
                    "fields": [
                        {"title": "host", "value": "db1"},
                        {"title": "env", "value": "prod &amp; dr"},
                        {"title": "empty", "value": ""},
                        "not a field",
                    ],
                },
                {"pretext": "second", "text": "db2 at 97%"},
                {"title": "Same", "fallback": "Same"},
                {"fields": [{"value": "only a value"}]},
            ],
        },
        "Grafana: Disk alert: db1 at 98% (host: db1, env: prod & dr); db2 at 97%; "
        "Same; only a value",
    ),
]

BLOCKS = [
    {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_section",
                "elements": [
                    {"type": "user", "user_id": "U1"},
                    {"type": "text", "text": " rotated the keys, see "},
                    {
                        "type": "link",
                        "url": "https://runbook.example",
                        "text": "runbook",
                    },
                    {"type": "text", "text": " "},
                    {"type": "emoji", "name": "white_check_mark"},
                    {"type": "future_element", "text": "skipped"},
                    {"type": "text", "text": 7},
                    {"type": ["text"], "text": "type not a string"},
                    "not an element",
                ],
            },
            {
                "type": "rich_text_list",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [
                            {"type": "text", "text": "ask "},
                            {"type": "usergroup", "usergroup_id": "S1"},
                            {"type": "text", "text": " in "},
                            {"type": "channel", "channel_id": "C1"},
                        ],
                    },
                    {
                        "type": "rich_text_section",
                        "elements": [{"type": "link", "url": "https://a.example"}],
                    },
                ],
            },
        ],
    },
    {"type": "divider"},
]


def test_message_content_from_blocks(tmp_path: Path) -> None:
    message = {"user": "U1", "text": "", "blocks": BLOCKS, "ts": "1714557600.0"}
    result = parse_slack_export(write_export(tmp_path, [message]))
    assert result.errors == []
    [(_, event)] = result.records
    assert event.description == (
        "Dana Reyes: @Dana Reyes rotated the keys, see runbook "
        "(https://runbook.example) :white_check_mark:\n"
        "ask @S1 in #C1\n"
        "https://a.example"
    )


def test_message_text_preferred_to_blocks(tmp_path: Path) -> None:
    message = {"user": "U1", "text": "from text", "blocks": BLOCKS, "ts": "1.0"}
    [(_, event)] = parse_slack_export(write_export(tmp_path, [message])).records
    assert event.description == "Dana Reyes: from text"


@pytest.mark.parametrize(
    "blocks", ["text", 5, [None], [{"type": "rich_text", "elements": "x"}]]
)
def test_blocks_of_wrong_type_add_nothing(tmp_path: Path, blocks: object) -> None:
    message = {"user": "U1", "text": "", "blocks": blocks, "ts": "1.0"}
    result = parse_slack_export(write_export(tmp_path, [message]))
    assert result.records == []
    [warning] = result.errors
    assert warning.warning


@pytest.mark.parametrize(("message", "description"), CONTENT_CASES)
def test_message_content_without_text(
    tmp_path: Path, message: dict[str, object], description: str
) -> None:
    export = write_export(tmp_path, [dict(message, ts="1714557600.000100")])
    result = parse_slack_export(export)
    assert result.errors == []
    [(_, event)] = result.records
    assert event.description == description


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ({"user": "U1", "attachments": "Disk full"}, "attachments is str, not a list"),
        ({"user": "U1", "files": [None]}, "files item 1 is NoneType, not an object"),
        ({"user": "U1", "text": 5}, "text is int, not a string"),
        (
            {"user": "U1", "text": "see log", "files": "log.txt"},
            "files is str, not a list",
        ),
    ],
)
def test_malformed_content_rejected(
    tmp_path: Path, message: dict[str, object], reason: str
) -> None:
    messages = [
        dict(message, ts="1714557600.000100"),
        {"user": "U1", "text": "Bridge opened", "ts": "1714557700.000100"},
    ]
    result = parse_slack_export(write_export(tmp_path, messages))
    [(_, event)] = result.records
    assert event.description == "Dana Reyes: Bridge opened"
    [error] = result.errors
    assert reason in error.message
    assert not error.warning


@pytest.mark.parametrize(
    "message",
    [
        {"user": "U1", "text": ""},
        {"user": "U1"},
        {"user": "U1", "text": " ", "attachments": [{"color": "good"}], "files": []},
        {"user": "U1", "text": "", "blocks": [{"type": "divider"}]},
    ],
    ids=["empty text", "no text", "empty attachment", "no rich text"],
)
def test_empty_message_is_warning(tmp_path: Path, message: dict[str, object]) -> None:
    messages = [
        {"user": "U1", "text": "Paging on-call", "ts": "1714557600.000100"},
        dict(message, ts="1714557700.000100"),
    ]
    result = parse_slack_export(write_export(tmp_path, messages))
    [(_, event)] = result.records
    assert event.description == "Dana Reyes: Paging on-call"
    [warning] = result.errors
    assert warning.warning
    assert warning.item == "message 2"
    assert warning.file == "incident/2024-05-01.json"
    assert "no text, rich text, attachment or file" in warning.message


def test_reply_note_gives_thread_time(tmp_path: Path) -> None:
    messages = [
        {"ts": "1714557600.000100", "user": "U1", "text": "Paging on-call"},
        {
            "ts": "1714557660.000200",
            "user": "U1",
            "text": "ack",
            "thread_ts": "1714557600.000100",
        },
        {
            "ts": "1714557720.000300",
            "user": "U1",
            "text": "odd thread",
            "thread_ts": "not-a-ts",
        },
    ]
    result = parse_slack_export(write_export(tmp_path, messages))
    assert result.errors == []
    notes = [event.time_note for _, event in result.records]
    assert notes == [
        "",
        "Reply in the thread started at 2024-05-01 10:00:00 UTC "
        "(Slack ts 1714557600.000100)",
        "Reply in the thread started at Slack ts not-a-ts",
    ]


def test_invalid_users_warning_names_file_once(tmp_path: Path) -> None:
    messages = [{"ts": "1714557600.000100", "user": "U1", "text": "Paging"}]
    export = write_export(tmp_path, messages)
    (export / "users.json").write_text("[{")
    [warning] = parse_slack_export(export).errors
    assert warning.warning
    assert warning.file == "users.json"
    assert warning.message.startswith("not valid UTF-8 JSON (")
    assert warning.report_line().startswith("warning: users.json: not valid")
