"""``herald accounts``: list, check and the X login, through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import responses
from click.testing import CliRunner

from posts.config import load_config
from scheduler.cli.main import cli

CONFIG = """
[accounts.lab-mastodon]
platform = "mastodon"
instance = "https://masto.example"
token_env = "T_MASTO_TOKEN"

[accounts.lab-bluesky]
platform = "bluesky"
handle = "lab.example.com"
password_env = "T_BSKY_PW"
"""


@pytest.fixture
def configured(isolated_herald: Path) -> Path:
    path = isolated_herald / "config.toml"
    path.write_text(CONFIG)
    return path


def test_list_says_which_variables_are_set_never_their_values(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("T_MASTO_TOKEN", "mastodon-token-SECRET")
    monkeypatch.delenv("T_BSKY_PW", raising=False)
    result = CliRunner().invoke(cli, ["accounts", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["lab-mastodon"]["variables"] == {"T_MASTO_TOKEN": True}
    assert rows["lab-bluesky"]["variables"] == {"T_BSKY_PW": False}
    assert rows["lab-bluesky"]["target"] == "https://bsky.social"
    assert "SECRET" not in result.output


def test_check_reads_and_caches_the_mastodon_instance_limits(
    configured: Path, monkeypatch: pytest.MonkeyPatch, requests_mock: responses.RequestsMock
) -> None:
    monkeypatch.setenv("T_MASTO_TOKEN", "mastodon-token-SECRET")
    requests_mock.get(
        "https://masto.example/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"}
    )
    requests_mock.get(
        "https://masto.example/api/v2/instance/",
        json={
            "configuration": {
                "statuses": {"max_characters": 5000, "characters_reserved_per_url": 23}
            }
        },
    )
    result = CliRunner().invoke(cli, ["accounts", "check", "lab-mastodon"])
    assert result.exit_code == 0, result.output
    assert "lab-mastodon: OK" in result.output and "5000 characters" in result.output
    cache = Path(os.environ["HERALD_DATA_DIR"]) / "instances" / "lab-mastodon.json"
    cached = json.loads(cache.read_text())
    assert cached["max_characters"] == 5000
    assert load_config().accounts["lab-mastodon"].max_length == 5000  # what the formatter uses


def test_check_with_a_missing_variable_is_one_clean_line(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("T_BSKY_PW", raising=False)
    result = CliRunner().invoke(cli, ["accounts", "check", "lab-bluesky"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: account 'lab-bluesky': environment variable T_BSKY_PW (from password_env) "
        "is not set"
    )


def test_check_with_a_rejected_token_names_the_variable_not_the_secret(
    configured: Path, monkeypatch: pytest.MonkeyPatch, requests_mock: responses.RequestsMock
) -> None:
    monkeypatch.setenv("T_MASTO_TOKEN", "mastodon-token-SECRET")
    requests_mock.get(
        "https://masto.example/api/v1/accounts/verify_credentials",
        json={"error": "The access token is invalid"},
        status=401,
    )
    result = CliRunner().invoke(cli, ["accounts", "check", "lab-mastodon"])
    assert result.exit_code == 2  # exit 1 is for publish failures only
    assert "T_MASTO_TOKEN" in result.output and "The access token is invalid" in result.output
    assert "SECRET" not in result.output and len(result.output.strip().splitlines()) == 1


def test_check_an_unknown_account_lists_the_configured_ones(configured: Path) -> None:
    result = CliRunner().invoke(cli, ["accounts", "check", "nope"])
    assert result.exit_code == 2
    assert "lab-bluesky, lab-mastodon" in result.output


def test_login_x_walks_through_pkce_and_prints_what_to_store(
    monkeypatch: pytest.MonkeyPatch, requests_mock: responses.RequestsMock
) -> None:
    monkeypatch.setenv("T_X_CLIENT_ID", "client-123")
    monkeypatch.setattr("requests_oauthlib.oauth2_session.generate_token", lambda: "fixedstate")
    requests_mock.post(
        "https://api.twitter.com/2/oauth2/token",
        json={"token_type": "bearer", "access_token": "acc-1", "refresh_token": "ref-1"},
    )
    pasted = "https://127.0.0.1/herald-callback?state=fixedstate&code=abc\n"
    args = ["accounts", "login", "x", "--client-id-env", "T_X_CLIENT_ID", "--account", "news-x"]
    result = CliRunner().invoke(cli, args, input=pasted)
    assert result.exit_code == 0, result.output
    assert "https://twitter.com/i/oauth2/authorize?" in result.output
    assert "code_challenge_method=S256" in result.output and "offline.access" in result.output
    body = str(requests_mock.calls[0].request.body)
    assert "code=abc" in body and "code_verifier=" in body and "client_id=client-123" in body
    assert "NEWS_X_OAUTH2_TOKEN=acc-1" in result.output
    assert 'oauth2_refresh_token_env = "NEWS_X_OAUTH2_REFRESH_TOKEN"' in result.output


def test_login_x_without_the_client_id_says_which_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("T_X_CLIENT_ID", raising=False)
    result = CliRunner().invoke(cli, ["accounts", "login", "x", "--client-id-env", "T_X_CLIENT_ID"])
    assert result.exit_code == 2 and "T_X_CLIENT_ID" in result.output
