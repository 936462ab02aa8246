"""Bad input, one class at a time, through the real CLI: every case ends in exit 2 and exactly one
stderr line ``Error: …`` naming the problem, with no traceback, within the time limit, and the
queue database byte-identical to before (it already holds a scheduled draft).

``CASES`` is the table the issue's closing note summarises: class, case, and what Herald says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.cli_bad_input.conftest import Home, invoke, invoke_subprocess

FIFO = object()  # a named pipe: reading it would wait forever for a writer
DIR = object()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
# An editor that saves bytes which are not UTF-8 (Latin-1 "café" and a stray 0xff).
LATIN1_EDITOR = "#!/bin/sh\nprintf 'caf\\351 \\377\\n' > \"$1\"\n"
NUL_EDITOR = "#!/bin/sh\nprintf 'one\\000two\\n' > \"$1\"\n"


@dataclass(frozen=True)
class Case:
    """One bad input: the command, the files it needs, and words its error line must contain."""

    cls: str
    name: str
    args: tuple[str, ...]
    says: str
    files: Mapping[str, object] = field(default_factory=dict)
    config: str = ""
    env: Mapping[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    subprocess: bool = False  # could block a whole process if Herald regressed: run it apart

    @property
    def id(self) -> str:
        return f"{self.cls}: {self.name}"


def case(cls: str, name: str, *args: str, says: str, **more: object) -> Case:
    return Case(cls, name, args, says, **more)  # type: ignore[arg-type]


BERLIN = 'timezone = "Europe/Berlin"\n'
ADD = ("queue", "add", "{home}/article.md", "--to", "demo-x")

CASES = [
    # -- times: every reader must be able to show what is stored ----------------------------------
    case("times", "year 9999 (Berlin)", *ADD, "--at", "9999-12-31T23:59:59Z",
         says="is more than 10 years ahead", config=BERLIN),
    case("times", "relative overflow", *ADD, "--at", "in 100000000000000000000h",
         says="is more than 10 years ahead"),
    case("times", "year 1", *ADD, "--at", "0001-01-01T00:00", says="within 10 years of now"),
    case("times", "11 years ahead", *ADD, "--at", "in 4100d", says="more than 10 years ahead"),
    case("times", "bare number 1200", *ADD, "--at", "1200", says="is a bare number"),
    case("times", "bare number 1900000000", *ADD, "--at", "1900000000", says="Unix timestamp"),
    case("times", "no unit", *ADD, "--at", "in 5", says="has no unit"),
    case("times", "month 13", *ADD, "--at", "2026-13-01 09:00", says="month must be in 1..12"),
    case("times", "February 30", *ADD, "--at", "2030-02-30 10:00", says="not a valid date"),
    case("times", "25 o'clock", *ADD, "--at", "tomorrow 25:00", says="not a time of day"),
    case("times", "nonsense", *ADD, "--at", "whenever you like", says="cannot understand"),
    case("times", "over-long text", *ADD, "--at", "tomorrow " * 40, says="too long to be a time"),
    case("times", "line break", *ADD, "--at", "in 2h\nrm -rf /", says="cannot understand"),
    case("times", "past without --now", *ADD, "--at", "2020-01-01 09:00", says="in the past"),
    case("times", "reschedule to year 99999", "queue", "reschedule", "{id}", "--at", "99999-01-01",
         says="cannot understand"),
    case("times", "reschedule bare number", "queue", "reschedule", "{id}", "--at", "930",
         says="is a bare number"),
    case("times", "preview window overflow", "preview", "--due-within", "99999999999999d",
         says="over 10 years"),
    case("times", "preview window nonsense", "preview", "--due-within", "soon",
         says="cannot read duration"),
    # -- unbounded work: every number has a range --------------------------------------------------
    case("numbers", "--max-posts 1000000000", "format", "{home}/article.md", "--max-posts",
         "1000000000", says="from 1 to 100"),
    case("numbers", "--max-posts -1", "format", "{home}/article.md", "--max-posts", "-1",
         says="from 1 to 100"),
    case("numbers", "--max-posts 1e3", "format", "{home}/article.md", "--max-posts", "1e3",
         says="whole number"),
    case("numbers", "--limit 10**20", "queue", "list", "--limit", "100000000000000000000",
         says="--limit"),
    case("numbers", "--offset 10**23", "queue", "list", "--offset", "99999999999999999999999",
         says="--offset"),
    case("numbers", "max_posts = 1000000000", *ADD, "--at", "in 1h",
         config="[accounts.demo-x]\nplatform = 'x'\nmock = true\nmax_posts = 1000000000\n",
         says="'accounts.demo-x.max_posts' = 1000000000; expected a whole number from 1 to 100"),
    case("numbers", "backoff_base_seconds = 1e308", "run", "--once",
         config="[scheduler]\nbackoff_base_seconds = 1e308\n", says="from 0 to 86400"),
    case("numbers", "backoff_max_seconds = inf", "run", "--once",
         config="[scheduler]\nbackoff_max_seconds = inf\n", says="'scheduler.backoff_max_seconds'"),
    case("numbers", "lease_seconds = nan", "run", "--once",
         config="[scheduler]\nlease_seconds = nan\n", says="'scheduler.lease_seconds' = nan"),
    case("numbers", "poll_seconds = 0 (a busy loop)", "run", "--once",
         config="[scheduler]\npoll_seconds = 0\n", says="from 0.01 to 3600"),
    case("numbers", "max_attempts = 10**9", "run", "--once",
         config="[scheduler]\nmax_attempts = 1000000000\n", says="from 1 to 100"),
    case("numbers", "database_timeout = 1e12", "queue", "list",
         config="database_timeout = 1e12\n", says="'database_timeout'"),
    case("numbers", "hourly_cap = 0", "queue", "list",
         config="[accounts.a]\nplatform = 'x'\nhourly_cap = 0\n", says="from 1 to 1000"),
    case("numbers", "min_gap_seconds = 1e300", "queue", "list",
         config="[accounts.a]\nplatform = 'x'\nmin_gap_seconds = 1e300\n", says="from 0 to 604800"),
    case("numbers", "hashtag_cap = -1", "queue", "list",
         config="[accounts.a]\nplatform = 'x'\nhashtag_cap = -1\n", says="from 0 to 100"),
    case("numbers", "daily_quota = 10**15", "queue", "list",
         config="[accounts.a]\nplatform = 'x'\ndaily_quota = 1000000000000000\n",
         says="from 1 to 1000"),
    case("numbers", "720 posting slots", "queue", "list",
         config="[accounts.a]\nplatform = 'x'\nslots = '" + ", ".join(
             f"{h:02d}:{m:02d}" for h in range(24) for m in range(0, 60, 2)) + "'\n",
         says="names 720 posting times; expected at most 500"),
    # -- files that are not files ----------------------------------------------------------------
    case("not a file", "format a FIFO", "format", "{home}/pipe.md", files={"pipe.md": FIFO},
         says="is a named pipe (FIFO)", subprocess=True),
    case("not a file", "queue add a FIFO", "queue", "add", "{home}/pipe.md", "--to", "demo-x",
         "--at", "in 1h", files={"pipe.md": FIFO}, says="is a named pipe (FIFO)", subprocess=True),
    case("not a file", "queue import a FIFO", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": FIFO}, says="is a named pipe (FIFO), not an import file",
         subprocess=True),
    case("not a file", "import row naming a FIFO", "queue", "import", "{home}/plan.csv",
         files={"pipe.md": FIFO, "plan.csv": "path,accounts\npipe.md,demo-x\n"},
         says="line 2: pipe.md is a named pipe (FIFO)", subprocess=True),
    case("not a file", "preview a FIFO", "preview", "{home}/pipe.md", files={"pipe.md": FIFO},
         says="is a named pipe (FIFO)", subprocess=True),
    case("not a file", "HERALD_CONFIG is a FIFO", "queue", "list", files={"pipe.toml": FIFO},
         env={"HERALD_CONFIG": "{home}/pipe.toml"}, says="not a regular file", subprocess=True),
    case("not a file", "--html into a FIFO", "preview", "--html", "{home}/page.html",
         files={"page.html": FIFO}, says="not a regular file", subprocess=True),
    case("not a file", "format a device", "format", "/dev/zero", says="is a device"),
    case("not a file", "format a directory", "format", "{home}", says="is a directory"),
    case("not a file", "queue add a directory", "queue", "add", "{home}", "--to", "demo-x",
         "--at", "in 1h", says="is a directory"),
    case("not a file", "queue import a directory", "queue", "import", "{home}",
         says="is a directory, not an import file"),
    case("not a file", "preview a directory", "preview", "{home}/folder",
         files={"folder": DIR}, says="is a directory"),
    case("not a file", "--html a directory", "preview", "--html", "{home}", says="is a directory"),
    case("not a file", "a 6 MB article", "format", "{home}/big.md",
         files={"big.md": b"word " * (6 * 1024 * 1024 // 5)}, says="up to 5 MB"),
    case("not a file", "a PNG as an article", "format", "{home}/image.md",
         files={"image.md": PNG}, says="is a PNG image"),
    case("not a file", "empty stdin", "format", "-", stdin=b"", says="is empty"),
    # -- decoding and parsing --------------------------------------------------------------------
    case("decoding", "config not UTF-8", "queue", "list", config="timezone = 'caf\udce9'",
         says="is not UTF-8 text"),
    case("decoding", "config not TOML", "queue", "list", config="timezone = [",
         says="not valid TOML"),
    case("decoding", "config value a date", "queue", "list", config="timezone = 2026-01-01",
         says="'timezone' = 2026-01-01 is not a time zone"),
    case("decoding", "config key with a line break", "queue", "list",
         config='"time\\nzone" = "UTC"', says="unknown key"),
    case("decoding", "HERALD_DB postgresql://::::/", "queue", "list",
         env={"HERALD_DB": "postgresql://::::/"}, says="neither a file path nor a database URL"),
    case("decoding", "HERALD_DB mysql", "queue", "list", env={"HERALD_DB": "mysql://h/db"},
         says="unsupported database"),
    case("decoding", "front matter is a YAML list", "format", "{home}/list.md",
         files={"list.md": "---\n- a\n- b\n---\nBody.\n"}, says="front matter is a YAML list"),
    case("decoding", "front matter not YAML", "format", "{home}/bad.md",
         files={"bad.md": "---\ntitle: [unclosed\n---\nBody text.\n"}, says="not valid YAML"),
    case("decoding", "article in no known encoding", "format", "{home}/mixed.txt",
         files={"mixed.txt": "Zażółć gęślą jaźń".encode("iso-8859-2") + b" caf\xc3\xa9"},
         says="neither UTF-8 nor"),
    case("decoding", "queue edit saves Latin-1", "queue", "edit", "{id}",
         files={"editor.sh": LATIN1_EDITOR}, env={"EDITOR": "{home}/editor.sh"},
         says="the edited file is not UTF-8"),
    case("decoding", "queue edit saves a NUL", "queue", "edit", "{id}",
         files={"editor.sh": NUL_EDITOR}, env={"EDITOR": "{home}/editor.sh"},
         says="contains control characters"),
    case("decoding", "init --path into a missing folder", "init", "--path",
         "{home}/no/such/folder/config.toml", says="does not exist"),
    case("decoding", "init --path under a file", "init", "--path", "{home}/article.md/c.toml",
         says="does not exist"),
    case("decoding", "import not UTF-8", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": b"text,accounts\ncaf\xe9,demo-x\n"}, says="is not UTF-8 text"),
    case("decoding", "import JSON nested deeply", "queue", "import", "{home}/plan.jsonl",
         files={"plan.jsonl": "[" * 100_000 + "]" * 100_000 + "\n"}, says="not valid JSON"),
    case("decoding", "import JSON not an object", "queue", "import", "{home}/plan.jsonl",
         files={"plan.jsonl": '["article.md"]\n'}, says="expected a JSON object"),
    case("decoding", "import JSON accounts a number", "queue", "import", "{home}/plan.jsonl",
         files={"plan.jsonl": '{"text": "Tides.", "accounts": 7}\n'}, says="'accounts' must be"),
    case("decoding", "import JSON text an object", "queue", "import", "{home}/plan.jsonl",
         files={"plan.jsonl": '{"text": {"a": 1}, "accounts": "demo-x"}\n'},
         says="'text' must be text"),
    case("decoding", "import CSV with NUL", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": b"text,accounts\nT\x00ides,demo-x\n"}, says="contains NUL bytes"),
    case("decoding", "import CSV with extra cells", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": "text,accounts\nTides, and more,demo-x\n"}, says="more cells"),
    case("decoding", "import CSV unknown column", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": "title,accounts\nTides,demo-x\n"}, says="unknown column 'title'"),
    case("decoding", "import CSV unclosed quote", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": 'text,accounts\n"Tides,demo-x\n'},
         says="line 2: no account given"),
    # -- silent fallbacks ------------------------------------------------------------------------
    case("fallbacks", "HERALD_CONFIG missing", "queue", "list",
         env={"HERALD_CONFIG": "/nonexistent.toml"}, says="which does not exist"),
    case("fallbacks", "HERALD_CONFIG a directory", "queue", "list", env={"HERALD_CONFIG": "{home}"},
         says="is a directory"),
    case("fallbacks", "--html into a missing folder", "preview", "--html",
         "{home}/no/such/dir/p.html", says="the folder"),
    case("fallbacks", "import an empty file", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": ""}, says="has no rows to import"),
    case("fallbacks", "import a header only", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": "path,accounts\n"}, says="has no rows to import"),
    case("fallbacks", "import blank JSON lines", "queue", "import", "{home}/plan.jsonl",
         files={"plan.jsonl": "\n\n  \n"}, says="has no rows to import"),
    case("fallbacks", "import another kind of file", "queue", "import", "{home}/plan.txt",
         files={"plan.txt": "path,accounts\narticle.md,demo-x\n"},
         says="expected a .csv or .jsonl"),
    # -- paths from data files -------------------------------------------------------------------
    case("import paths", "../../../../etc/passwd", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": "path,accounts\n../../../../etc/passwd,demo-x\n"},
         says="outside the import file's folder"),
    case("import paths", "absolute path", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": "path,accounts\n/etc/hostname,demo-x\n"}, says="is an absolute path"),
    case("import paths", "a hidden secrets file", "queue", "import", "{home}/plan.csv",
         files={".env": "API_TOKEN=hunter2 and more words\n",
                "plan.csv": "path,accounts\n.env,demo-x\n"}, says="is a hidden file"),
    case("import paths", "a symlink out of the folder", "queue", "import", "{home}/plans/plan.csv",
         files={"plans/plan.csv": "path,accounts\nlink.md,demo-x\n",
                "plans/link.md": ("symlink", "../article.md")}, says="outside the import file's"),
    case("import paths", "JSON path climbing out", "queue", "import", "{home}/plans/plan.jsonl",
         files={"plans/plan.jsonl": '{"path": "../article.md", "accounts": "demo-x"}\n'},
         says="outside the import file's folder"),
    case("import paths", "a binary file in the folder", "queue", "import", "{home}/plan.csv",
         files={"photo.md": PNG, "plan.csv": "path,accounts\nphoto.md,demo-x\n"},
         says="is a PNG image"),
    case("import paths", "a URL as a path", "queue", "import", "{home}/plan.csv",
         files={"plan.csv": "path,accounts\nhttp://169.254.169.254/latest,demo-x\n"},
         says="no such file"),
    # -- usage: one line, not Click's usage block ----------------------------------------------
    case("usage", "unknown option", "format", "{home}/article.md", "--bogus",
         says="No such option"),
    case("usage", "unknown command", "frobnicate", says="No such command 'frobnicate'"),
    case("usage", "bad choice", "queue", "list", "--status", "lost", says="Invalid value"),
    case("usage", "missing argument", "format", says="Missing argument"),
    case("usage", "unknown draft", "queue", "show", "zzzzzzz", says="no draft with id 'zzzzzzz'"),
    case("usage", "cancel unknown draft", "queue", "cancel", "nope", says="no draft with id"),
    # -- approval and notifications (issue 14) --------------------------------------------------
    case("approval", "approve unknown draft", "queue", "approve", "{id}", "nope",
         says="no draft with id 'nope'"),
    case("approval", "approve a scheduled draft", "queue", "approve", "{id}",
         says="cannot approve draft"),
    case("approval", "approve at a time and the next slot", "queue", "approve", "{id}", "--at",
         "in 1h", "--next-slot", says="cannot be combined"),
    case("approval", "hold an unscheduled draft", *ADD, "--draft", "--hold",
         says="cannot also await approval"),
    case("notify", "webhook not http", "queue", "list", says="'notify.webhook' is not an http",
         config='[notify]\nwebhook = "file:///etc/passwd"\n'),
    case("notify", "unknown event", "queue", "list", says="'notify.events' = 'tweeted'",
         config='[notify]\nevents = ["tweeted"]\n'),
    case("notify", "command with an open quote", "run", "--once",
         says="'notify.command' cannot be split", config="[notify]\ncommand = \"say 'hi\"\n"),
    case("usage", "unknown account", *ADD[:-1], "nobody\nelse", "--at", "in 1h",
         says="unknown account 'nobody?else'"),
]  # fmt: skip


def _fill(text: str, home: Home) -> str:
    return text.replace("{home}", str(home.root)).replace("{id}", home.draft_id)


def _prepare(home: Home, bad: Case) -> None:
    for name, content in bad.files.items():
        path = home.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is FIFO:
            os.mkfifo(path)
        elif content is DIR:
            path.mkdir()
        elif isinstance(content, tuple) and content[0] == "symlink":
            path.symlink_to(content[1])
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            assert isinstance(content, str)
            path.write_text(content, encoding="utf-8")
            if name.endswith(".sh"):
                path.chmod(0o755)
    if bad.config:
        raw = bad.config.encode("utf-8", "surrogateescape")  # lone surrogates: raw bytes
        home.config.write_bytes(raw)


@pytest.mark.parametrize("bad", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_line_exit_2_and_the_queue_is_untouched(home: Home, bad: Case) -> None:
    _prepare(home, bad)
    args = [_fill(a, home) for a in bad.args]
    env = home.env(**{k: _fill(v, home) for k, v in bad.env.items()})
    before = home.snapshot()
    run = invoke_subprocess if bad.subprocess else invoke
    outcome = run(args, env, bad.stdin)
    from tests.cli_bad_input.conftest import assert_refused

    line = assert_refused(outcome, before, home)
    assert bad.says in line, line


def test_the_table_covers_every_class_of_the_issue() -> None:
    classes = {c.cls for c in CASES}
    assert classes == {
        "times", "numbers", "not a file", "decoding", "fallbacks", "import paths", "usage",
        "approval", "notify",
    }  # fmt: skip
    assert len({c.id for c in CASES}) == len(CASES)


def test_html_into_a_missing_folder_creates_no_folder(home: Home) -> None:
    outcome = invoke(["preview", "--html", str(home.root / "no" / "p.html")], home.env())
    assert outcome.exit_code == 2
    assert not (home.root / "no").exists()


def test_a_read_only_folder_refuses_init_in_one_line(home: Home) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = home.root / "locked"
    folder.mkdir(mode=0o555)
    before = home.snapshot()
    outcome = invoke(["init", "--path", str(folder / "config.toml")], home.env())
    from tests.cli_bad_input.conftest import assert_refused

    assert "cannot write" in assert_refused(outcome, before, home)


def test_stdin_still_works(home: Home) -> None:
    outcome = invoke(["format", "-", "--platform", "x"], home.env(), stdin=Path(
        home.root / "article.md").read_bytes())  # fmt: skip
    assert outcome.exit_code == 0, outcome.stderr
    assert "Tide pools at dawn" in outcome.stdout


def test_import_may_read_outside_its_folder_when_allowed(home: Home) -> None:
    plans = home.root / "plans"
    plans.mkdir()
    (plans / "plan.csv").write_text("path,accounts\n../article.md,demo-x\n", encoding="utf-8")
    refused = invoke(["queue", "import", str(plans / "plan.csv")], home.env())
    assert refused.exit_code == 2 and "--allow-outside" in refused.stderr
    allowed = invoke(["queue", "import", str(plans / "plan.csv"), "--allow-outside"], home.env())
    assert allowed.exit_code == 0, allowed.stderr
    assert "Queued 1 draft" in allowed.stdout
