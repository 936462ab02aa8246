"""Herald's configuration: accounts and settings from TOML, with embedded defaults.

The user's file (``HERALD_CONFIG``, else ``config.toml`` in the platform config dir) is read over
``config/default.toml``. Its ``[accounts]`` table, when present, replaces the demo accounts; every
other key overrides one default. Every error names the file, the key and what is expected.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import platformdirs

from posts import platforms
from posts.errors import ConfigError
from posts.model import LinkPlacement
from posts.platforms import Platform
from posts.resources import bundled_dir


@dataclass(frozen=True)
class Account:
    """One publishing identity. Secrets are never here: only the names of env variables."""

    name: str
    platform: str  # a platform's name (posts.platforms)
    mock: bool = False  # publish to the local outbox instead of the network
    timezone: str | None = None  # falls back to the config's time zone
    slots: tuple[str, ...] = ()  # weekly posting slots, e.g. "mon-fri 09:00, 13:00"
    daily_quota: int | None = None  # posts per any 24 h window
    mode: str | None = None  # single | thread | auto (falls back to config)
    max_posts: int | None = None  # thread length cap
    hashtag_cap: int | None = None
    max_length: int | None = None  # Mastodon instance limit override
    min_gap_seconds: float | None = None  # pacing: least time between two drafts going out
    hourly_cap: int | None = None  # pacing: most drafts started in any rolling hour
    link: LinkPlacement | None = None  # which post carries the article link (default last)
    # Platform keys as written in the config (handle, service, instance, *_env names, ...).
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def adapter_name(self) -> str:
        """The ``herald.adapters`` entry point that publishes for this account."""
        return "mock" if self.mock else self.platform


@dataclass(frozen=True)
class SchedulerSettings:
    """How the daemon retries, paces and leases; see config/example.toml for meanings."""

    max_attempts: int = 5
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    stale_after_seconds: int = 6 * 3600
    lease_seconds: int = 60
    poll_seconds: float = 1.0
    lanes: int = 16  # accounts publishing at once (one lane each; a slow one holds only its own)


@dataclass(frozen=True)
class Feed:
    """A feed whose new entries become drafts for the accounts ``to`` (docs/feeds.md)."""

    name: str
    url: str
    to: tuple[str, ...]  # account names, all configured
    mode: str | None = None  # single | thread | auto; None: each account's own
    when: str = "next-slot"  # next-slot | now | hold
    read: str = "page"  # page: read the entry's link; entry: the entry's own content
    every_seconds: int = 900
    max_per_poll: int = 5
    since: str = "new"  # new: the first poll only marks what is there; all: queue the backlog
    tags: tuple[str, ...] = ()  # hashtags added to every draft (without '#')


NOTIFY_EVENTS = (
    "awaiting-approval",  # a draft waits for someone to approve it
    "published",  # every post of a draft is live
    "failed",  # nothing went out, for good
    "partial",  # a thread stopped half-way, for good
    "unconfirmed",  # a post may or may not be live; someone must look
    "account-attention",  # an account's config or credentials need fixing; its drafts wait
    "feed-error",  # a feed could not be read (it is polled again later)
)
# Without `events`: everything that needs a person (every post going out is opt-in).
DEFAULT_NOTIFY_EVENTS = frozenset(NOTIFY_EVENTS) - {"published"}


@dataclass(frozen=True)
class NotifySettings:
    """Whom to tell what happened ([notify]): a webhook URL and/or a command (its argv, split
    like a shell would but never run by one), for the chosen events."""

    webhook: str | None = None
    command: tuple[str, ...] = ()
    events: frozenset[str] = DEFAULT_NOTIFY_EVENTS
    timeout: float = 10.0  # seconds one delivery attempt may take

    @property
    def enabled(self) -> bool:
        """Whether anything is to be sent at all."""
        return bool(self.webhook or self.command) and bool(self.events)


@dataclass(frozen=True)
class Config:
    """Everything Herald reads from configuration, resolved (env vars applied)."""

    path: Path | None  # the file read, None when running on embedded defaults
    data_dir: Path
    database: str  # SQLAlchemy URL
    outbox: Path  # mock adapter's JSON-lines outbox
    timezone: str = "UTC"
    mode: str = "auto"
    accounts: Mapping[str, Account] = field(default_factory=lambda: MappingProxyType({}))
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    templates_dir: Path | None = None  # user template overrides
    database_timeout: float = 5.0  # seconds a writer waits for another process's lock
    date_order: str | None = None  # DMY, MDY or YMD; None: usual in the time zone's country
    feeds: Mapping[str, Feed] = field(default_factory=lambda: MappingProxyType({}))
    notify: NotifySettings = field(default_factory=NotifySettings)


def data_dir() -> Path:
    """HERALD_DATA_DIR, else the platform's user data dir (created on first use by writers)."""
    env = os.environ.get("HERALD_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("herald"))


def config_path() -> Path | None:
    """The user config file to read, or None to run on the embedded defaults.

    ``HERALD_CONFIG`` names the file explicitly: it must exist and be a readable file (``/dev/null``
    means the embedded defaults). The platform's config file is optional, but when something is
    there it must be a file.
    """
    env = os.environ.get("HERALD_CONFIG")
    if env == os.devnull:
        return None
    path = (
        Path(env).expanduser()
        if env
        else Path(platformdirs.user_config_dir("herald")) / "config.toml"
    )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not env:
            return None
        raise ConfigError(
            f"HERALD_CONFIG names {path}, which does not exist; write it with `herald init`, "
            f"or unset HERALD_CONFIG (HERALD_CONFIG={os.devnull} runs on the embedded defaults)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise ConfigError(f"{path} is {what}; the config must be a TOML file")
    return path


def default_config_file() -> Path:
    return bundled_dir("config") / "default.toml"


def load_config(path: Path | None = None) -> Config:
    """Resolve the configuration: defaults, then the user file, then HERALD_* variables."""
    path = path if path is not None else config_path()
    defaults = _read_toml(default_config_file())
    user = _read_toml(path) if path is not None else {}
    where = str(path) if path is not None else str(default_config_file())
    base = path.parent if path is not None else Path.cwd()
    _check_keys(user, _TOP_KEYS, where, "")
    merged = {**defaults, **{k: v for k, v in user.items() if k != "scheduler"}}
    merged["scheduler"] = {**defaults.get("scheduler", {}), **user.get("scheduler", {})}

    timezone = _timezone(merged.get("timezone", "UTC"), where, "timezone")
    mode = _choice(merged.get("mode", "auto"), MODES, where, "mode")
    data, database, outbox = _places(merged, base, where)
    templates = (
        _path(merged["templates"], base, where, "templates") if "templates" in merged else None
    )
    accounts_table = merged.get("accounts", {})
    _require_table(accounts_table, where, "accounts")
    accounts = {
        name: _with_instance_limit(_account(name, table, where, timezone), data)
        for name, table in accounts_table.items()
    }
    return Config(
        path=path,
        data_dir=data,
        database=database,
        outbox=outbox,
        timezone=timezone,
        mode=mode,
        accounts=MappingProxyType(accounts),
        scheduler=_scheduler(merged["scheduler"], where),
        templates_dir=templates,
        database_timeout=_number(merged.get("database_timeout", 5.0), where, "database_timeout"),
        date_order=_date_order(merged.get("date_order"), where),
        feeds=_feeds(merged.get("feeds", {}), accounts, where),
        notify=_notify(merged.get("notify", {}), where),
    )


def _places(merged: dict[str, Any], base: Path, where: str) -> tuple[Path, str, Path]:
    """The data folder, the database and the outbox: HERALD_DATA_DIR / HERALD_DB first, then
    the file's keys (relative to the file), then defaults inside the data folder."""
    env_data = os.environ.get("HERALD_DATA_DIR")
    data = (
        Path(env_data)
        if env_data
        else _path(merged["data_dir"], base, where, "data_dir")
        if "data_dir" in merged
        else data_dir()
    )
    database = os.environ.get("HERALD_DB") or (
        _location(merged["database"], base, where)
        if "database" in merged
        else str(data / "herald.db")
    )
    outbox = (
        _path(merged["outbox"], base, where, "outbox")
        if "outbox" in merged
        else data / "outbox.jsonl"
    )
    return data, database, outbox


def _date_order(value: Any, where: str) -> str | None:
    if value is None:
        return None
    order = value.upper() if isinstance(value, str) else value
    return _choice(order, DATE_ORDERS, where, "date_order")


MODES = ("single", "thread", "auto")
DATE_ORDERS = ("DMY", "MDY", "YMD")
DAY = 86400
# The range of every number a user can put in the config (inclusive; None: no upper bound).
# Generous for any real use, and small enough that no count, delay or size can overflow a time,
# exhaust memory or spin the daemon (docs/configuration.md lists them).
BOUNDS: dict[str, tuple[float, float | None]] = {
    "database_timeout": (0, 3600),
    "daily_quota": (1, 1000),
    "max_posts": (1, 100),
    "hashtag_cap": (0, 100),
    "max_length": (1, 1_000_000),
    "min_gap_seconds": (0, 7 * DAY),
    "hourly_cap": (1, 1000),
    "scheduler.max_attempts": (1, 100),
    "scheduler.backoff_base_seconds": (0, DAY),
    "scheduler.backoff_max_seconds": (0, 7 * DAY),
    "scheduler.stale_after_seconds": (0, 365 * DAY),
    "scheduler.lease_seconds": (1, DAY),
    "scheduler.poll_seconds": (0.01, 3600),
    "scheduler.lanes": (1, 256),
    "max_per_poll": (1, 100),
    "every": (5, 7 * DAY),
    "notify.timeout": (1, 300),
}
MAX_CONFIG_BYTES = 1024 * 1024  # a config file is a few kilobytes
MAX_SLOTS = 500  # posting times per account: more than one an hour, every hour of the week
LINKS = ("last", "first", "reply")
_TOP_KEYS = {
    "timezone": 'an IANA time zone name such as "Europe/London"',
    "mode": "one of single, thread, auto",
    "date_order": "DMY, MDY or YMD: how to read numeric dates such as 05/06/2026",
    "database": "a SQLite file path or a postgresql:// URL",
    "database_timeout": "seconds to wait for a locked database",
    "data_dir": "a directory path",
    "outbox": "a file path for the mock adapter's outbox",
    "templates": "a directory of template overrides",
    "scheduler": "a table of scheduler settings",
    "accounts": "a table of accounts",
    "feeds": "a table of feeds ([feeds.NAME] with url and to)",
    "notify": "a table: webhook, command, events, timeout (docs/notifications.md)",
}
_ACCOUNT_FIELDS = {f.name for f in fields(Account)} - {"name", "settings"}


def instance_cache_path(data: Path, account_name: str) -> Path:
    """Where ``herald accounts check`` keeps a Mastodon account's instance limits."""
    return data / "instances" / f"{account_name}.json"


def cached_instance_limits(data: Path, account: Account) -> dict[str, int] | None:
    """``max_characters`` and ``characters_reserved_per_url`` of the account's instance, as last
    checked, or None when unchecked (or checked for a different instance)."""
    try:
        cached = json.loads(instance_cache_path(data, account.name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    keys = ("max_characters", "characters_reserved_per_url")
    if not isinstance(cached, dict) or cached.get("instance") != account.settings.get("instance"):
        return None
    if not all(isinstance(cached.get(k), int) for k in keys):
        return None
    low, high = BOUNDS["max_length"]  # what an instance says is bounded like the config key
    if not (low <= cached["max_characters"] <= (high or low)) or cached[keys[1]] < 0:
        return None
    return {k: cached[k] for k in keys}


def _with_instance_limit(account: Account, data: Path) -> Account:
    """Without ``max_length``, an account whose server sets the limit (Mastodon) takes the one its
    server reported when it was checked."""
    from_server = platforms.get(account.platform).limit_from_server
    if not from_server or account.mock or account.max_length is not None:
        return account
    cached = cached_instance_limits(data, account)
    return replace(account, max_length=cached["max_characters"]) if cached else account


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file that is a regular file of UTF-8 text up to 1 MB, or one ConfigError line."""
    try:
        # O_NONBLOCK: a FIFO put where the config belongs is refused below instead of hanging.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ConfigError(f"{path} is not a regular file; the config must be a TOML file")
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path} is over 1 MB; a config file is a few kilobytes of TOML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path} is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _check_keys(
    table: Mapping[str, Any], known: Mapping[str, str], where: str, prefix: str
) -> None:
    for key in table:
        if key not in known:
            raise ConfigError(
                f"{where}: unknown key '{prefix}{key}'; expected one of: {', '.join(sorted(known))}"
            )


def _require_table(value: Any, where: str, key: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{key}' must be a table ([{key}]), got {_shown(value)}")


def _timezone(value: Any, where: str, key: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ConfigError(
            f"{where}: '{key}' = {_shown(value)} is not a time zone; expected an IANA name such as "
            '"Europe/London" or "UTC"'
        ) from None
    return str(value)


def _choice(value: Any, choices: tuple[str, ...], where: str, key: str) -> str:
    if value not in choices:
        raise ConfigError(
            f"{where}: '{key}' = {_shown(value)}; expected one of: {', '.join(choices)}"
        )
    return str(value)


def _number(value: Any, where: str, key: str) -> float:
    """A number within the key's bounds (:data:`BOUNDS`; finite, ≥ 0 for any other key)."""
    low, high = _bounds(key, (0, None))
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < low
        or (high is not None and value > high)
    ):
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected {_range(low, high)}")
    return float(value)


def _platform(value: Any, where: str, key: str) -> Platform:
    described = platforms.find(value) if isinstance(value, str) else None
    if described is None:
        known = ", ".join(platforms.names())
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected one of: {known}")
    return described


def _positive_int(value: Any, where: str, key: str) -> int:
    """A whole number within the key's bounds (:data:`BOUNDS`; ≥ 1 for any other key)."""
    low, high = _bounds(key, (1, None))
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        raise ConfigError(
            f"{where}: '{key}' = {_shown(value)}; expected a whole number {_range(low, high)}"
        )
    return value


def _bounds(key: str, default: tuple[float, float | None]) -> tuple[float, float | None]:
    """The bounds of ``key`` (an account's key by its own name, e.g. ``max_posts``)."""
    own = key.startswith(("accounts.", "feeds."))
    return BOUNDS.get(key.rpartition(".")[2] if own else key, default)


def _range(low: float, high: float | None) -> str:
    """``from 1 to 100`` or ``≥ 0``, in the numbers' own words."""
    return f"≥ {_shown(low)}" if high is None else f"from {_shown(low)} to {_shown(high)}"


def _shown(value: Any) -> str:
    """A config value as TOML writes it (not a Python repr), short enough for one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = "".join(c if c.isprintable() else "?" for c in value)
        return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        items = ", ".join(_shown(v) for v in value[:5])
        return f"[{items}{', …' if len(value) > 5 else ''}]"
    if isinstance(value, dict):
        return "a table"
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else type(value).__name__


def _string(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected a non-empty string")
    return value


def _path(value: Any, base: Path, where: str, key: str) -> Path:
    path = Path(_string(value, where, key)).expanduser()
    return path if path.is_absolute() else base / path


def _location(value: Any, base: Path, where: str) -> str:
    text = _string(value, where, "database")
    return text if "://" in text else str(_path(text, base, where, "database"))


def _account(name: str, table: Any, where: str, default_tz: str) -> Account:
    key = f"accounts.{name}"
    _require_table(table, where, key)
    if "platform" not in table:
        raise ConfigError(
            f"{where}: account '{name}' has no 'platform'; "
            f"expected one of: {', '.join(platforms.names())}"
        )
    described = _platform(table["platform"], where, f"{key}.platform")
    settings = _account_settings(table, described, where, key)
    timezone = (
        _timezone(table["timezone"], where, f"{key}.timezone") if "timezone" in table else None
    )

    def opt_int(field_name: str) -> int | None:
        value = table.get(field_name)
        return None if value is None else _positive_int(value, where, f"{key}.{field_name}")

    def opt_number(field_name: str) -> float | None:
        value = table.get(field_name)
        return None if value is None else _number(value, where, f"{key}.{field_name}")

    cap = opt_number("hashtag_cap")
    mode = table.get("mode")
    return Account(
        name=name,
        platform=described.name,
        mock=_flag(table.get("mock", False), where, f"{key}.mock"),
        timezone=timezone or default_tz,
        slots=_account_slots(table.get("slots", ()), where, key),
        daily_quota=opt_int("daily_quota"),
        mode=None if mode is None else _choice(mode, MODES, where, f"{key}.mode"),
        max_posts=opt_int("max_posts"),
        hashtag_cap=None if cap is None else int(cap),
        max_length=opt_int("max_length"),
        min_gap_seconds=opt_number("min_gap_seconds"),
        hourly_cap=opt_int("hourly_cap"),
        link=None if "link" not in table else _link(table["link"], where, f"{key}.link"),
        settings=MappingProxyType(settings),
    )


def _account_settings(table: Any, described: Platform, where: str, key: str) -> dict[str, Any]:
    """The platform's own keys, credential variable names (``*_env``) and mock options; any
    other key that is not a common account field is a typo worth one clear line."""
    known = _ACCOUNT_FIELDS | set(described.settings)
    settings: dict[str, Any] = {}
    for k, v in table.items():
        if k in described.settings or k.endswith("_env") or k.startswith("mock_"):
            settings[k] = _string(v, where, f"{key}.{k}") if k.endswith("_env") else v
        elif k not in known:
            raise ConfigError(
                f"{where}: unknown key '{key}.{k}'; expected one of: "
                f"{', '.join(sorted(known))}, a '*_env' variable name or a 'mock_*' option"
            )
    return settings


def _account_slots(value: Any, where: str, key: str) -> tuple[str, ...]:
    """Posting times as written ("mon-fri 09:00, 13:00", or a list), checked to parse and to
    stay few enough for the slot search."""
    slots = (value,) if isinstance(value, str) else value
    if not isinstance(slots, list | tuple) or not all(isinstance(s, str) for s in slots):
        raise ConfigError(
            f"{where}: '{key}.slots' = {_shown(slots)}; expected a string like "
            '"mon-fri 09:00, 13:00" or a list of them'
        )
    from posts.schedule.slots import parse_slots

    try:
        parsed = parse_slots(slots)
    except ConfigError as exc:
        raise ConfigError(f"{where}: '{key}.slots': {exc}") from None
    if len(set(parsed)) > MAX_SLOTS:  # each is a schedule the slot search steps through
        raise ConfigError(
            f"{where}: '{key}.slots' names {len(set(parsed)):,} posting times; expected at most "
            f'{MAX_SLOTS} (e.g. "mon-fri 09:00, 13:00")'
        )
    return tuple(slots)


def _flag(value: Any, where: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected true or false")
    return value


def _link(value: Any, where: str, key: str) -> LinkPlacement:
    return cast(LinkPlacement, _choice(value, LINKS, where, key))


def _scheduler(table: Any, where: str) -> SchedulerSettings:
    _require_table(table, where, "scheduler")
    defaults = SchedulerSettings()
    known = {
        f.name: f"a value like {_shown(getattr(defaults, f.name))}"
        for f in fields(SchedulerSettings)
    }
    _check_keys(table, known, where, "scheduler.")
    values: dict[str, Any] = {}
    for k, v in table.items():
        default = getattr(defaults, k)
        if isinstance(default, bool):
            values[k] = _flag(v, where, f"scheduler.{k}")
        elif isinstance(default, int | float):
            number = _number(v, where, f"scheduler.{k}")
            values[k] = int(number) if isinstance(default, int) else number
        else:
            values[k] = v
    return SchedulerSettings(**values)


FEED_WHEN = ("next-slot", "now", "hold")
FEED_READ = ("page", "entry")
FEED_SINCE = ("new", "all")
_FEED_KEYS = {f.name for f in fields(Feed)} - {"name", "every_seconds"} | {"every"}
_SPAN = re.compile(r"(\d+)\s*([smhd])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": DAY}


def _feeds(table: Any, accounts: Mapping[str, Account], where: str) -> Mapping[str, Feed]:
    _require_table(table, where, "feeds")
    return MappingProxyType(
        {name: _feed(name, value, accounts, where) for name, value in table.items()}
    )


def _feed(name: str, table: Any, accounts: Mapping[str, Account], where: str) -> Feed:
    key = f"feeds.{name}"
    _require_table(table, where, key)
    _check_keys(table, {k: "" for k in _FEED_KEYS}, where, f"{key}.")
    for required in ("url", "to"):
        if required not in table:
            raise ConfigError(f"{where}: feed '{name}' has no '{required}'")
    when = _choice(table.get("when", "next-slot"), FEED_WHEN, where, f"{key}.when")
    to = _feed_accounts(table["to"], accounts, where, f"{key}.to", when)
    mode = table.get("mode")
    return Feed(
        name=name,
        url=_http_url(table["url"], where, f"{key}.url"),
        to=to,
        mode=None if mode is None else _choice(mode, MODES, where, f"{key}.mode"),
        when=when,
        read=_choice(table.get("read", "page"), FEED_READ, where, f"{key}.read"),
        every_seconds=_every(table.get("every", "15m"), where, f"{key}.every"),
        max_per_poll=_positive_int(table.get("max_per_poll", 5), where, f"{key}.max_per_poll"),
        since=_choice(table.get("since", "new"), FEED_SINCE, where, f"{key}.since"),
        tags=_tags(table.get("tags", []), where, f"{key}.tags"),
    )


def _http_url(value: Any, where: str, key: str) -> str:
    from urllib.parse import urlsplit

    text = _string(value, where, key).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected an http(s) address")
    return text


def _feed_accounts(
    value: Any, accounts: Mapping[str, Account], where: str, key: str, when: str
) -> tuple[str, ...]:
    """Configured accounts, each once; with ``when = "next-slot"`` each must have slots."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected a list of account names")
    for n in names:
        if n not in accounts:
            known = ", ".join(sorted(accounts)) or "none"
            raise ConfigError(f"{where}: '{key}' names unknown account {_shown(n)}; known: {known}")
        if when == "next-slot" and not accounts[n].slots:
            raise ConfigError(
                f"{where}: '{key}' names account {_shown(n)}, which has no posting slots for "
                'when = "next-slot"; give it slots, or set when = "now" or "hold"'
            )
    return tuple(dict.fromkeys(names))


def _every(value: Any, where: str, key: str) -> int:
    """``"15m"``, ``"1h30m"``, ``"90s"``, ``"1d"`` → seconds, within :data:`BOUNDS`."""
    text = value.strip().lower() if isinstance(value, str) else ""
    spans = _SPAN.findall(text)
    seconds = sum(int(n) * _UNIT[unit] for n, unit in spans)
    low, high = BOUNDS["every"]
    if not spans or _SPAN.sub("", text).strip() or not low <= seconds <= (high or low):
        raise ConfigError(
            f'{where}: \'{key}\' = {_shown(value)}; expected a span like "15m", "1h" or '
            f'"1h30m", from {int(low)} seconds to {int((high or low) // DAY)} days'
        )
    return seconds


def _tags(value: Any, where: str, key: str) -> tuple[str, ...]:
    tags = [value] if isinstance(value, str) else value
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip("# ") for t in tags):
        raise ConfigError(f"{where}: '{key}' = {_shown(value)}; expected a list of hashtags")
    return tuple(t.strip().lstrip("#") for t in tags)


_NOTIFY_KEYS = {
    "webhook": "an http:// or https:// URL to POST each event to",
    "command": "a command to run with each event as JSON on stdin",
    "events": f"a list of: {', '.join(NOTIFY_EVENTS)}",
    "timeout": "seconds one delivery may take",
}


def _notify(table: Any, where: str) -> NotifySettings:
    _require_table(table, where, "notify")
    _check_keys(table, _NOTIFY_KEYS, where, "notify.")
    events = table.get("events")
    return NotifySettings(
        webhook=None if "webhook" not in table else _webhook(table["webhook"], where),
        command=() if "command" not in table else _command(table["command"], where),
        events=DEFAULT_NOTIFY_EVENTS if events is None else _events(events, where),
        timeout=_number(table.get("timeout", 10), where, "notify.timeout"),
    )


def _webhook(value: Any, where: str) -> str:
    """An http(s) URL with a host. Never echoed: a webhook URL often carries its own secret."""
    from urllib.parse import urlsplit

    url = _string(value, where, "notify.webhook")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{where}: 'notify.webhook' is not an http:// or https:// URL with a host "
            f"(scheme {_shown(parts.scheme)}); expected e.g. 'https://example.org/hook'"
        )
    return url


def _command(value: Any, where: str) -> tuple[str, ...]:
    """The command's argv, split as a shell would (quotes), though no shell ever runs it."""
    import shlex

    text = _string(value, where, "notify.command")
    try:
        return tuple(shlex.split(text))
    except ValueError as exc:
        raise ConfigError(f"{where}: 'notify.command' cannot be split into words: {exc}") from None


def _events(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"{where}: 'notify.events' = {_shown(value)}; expected a list of event names"
        )
    for name in value:
        _choice(name, NOTIFY_EVENTS, where, "notify.events")
    return frozenset(value)


def user_config_target() -> Path:
    """Where ``herald init`` writes: HERALD_CONFIG, else the platform's config dir."""
    env = os.environ.get("HERALD_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("herald")) / "config.toml"


def write_example_config(target: Path | None = None, text: str | None = None) -> Path:
    """Write the commented example config (``text``: as `herald init` adapts it) for the user;
    an existing file is never touched."""
    explicit = target is not None or bool(os.environ.get("HERALD_CONFIG"))
    target = target or user_config_target()
    bundled = bundled_dir("config") / "example.toml"
    example = bundled.read_bytes() if text is None else text.encode()
    try:
        if not explicit:  # the platform's config folder is made on first use; a named one is not
            target.parent.mkdir(parents=True, exist_ok=True)
        elif not target.parent.is_dir():
            raise ConfigError(
                f"cannot write {target}: the folder {target.parent} does not exist; "
                "create it first or choose another path"
            )
        with target.open("xb") as fh:  # "x": fail rather than overwrite, even in a race
            fh.write(example)
    except FileExistsError:
        raise ConfigError(
            f"{target} already exists; not overwritten (edit it, or remove it first)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
