"""Images from `queue add` to the mock's outbox, through the real CLI: what goes out is stripped,
a missing image never loses the post, an upload is never repeated, and the account rules hold."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scheduler.adapters.mock import MEDIA_DIR, read_outbox
from scheduler.cli.main import cli
from scheduler.cli.state import State
from tests.conftest import configured_store
from tests.media.images import GPS_IFD, opened, phone_jpeg, write

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
CONFIG = """
[accounts.sky]
platform = "bluesky"
mock = true

[accounts.flaky]
platform = "mastodon"
mock = true
mock_fail = ["timeout"]

[accounts.strict]
platform = "x"
mock = true
require_alt = true
require_image = true
"""
ARTICLE = """---
title: "Herons of the Old Canal"
url: https://example.org/herons
---

![A grey heron standing in shallow water]({image})

A pair of grey herons has nested by the old canal for six years. This spring they raised three
chicks, the most we have counted, and the towpath volunteers kept walkers at a distance.
"""


def herald(*args: str, at: datetime = NOW) -> Result:
    state = State(clock=lambda: at)
    return CliRunner().invoke(cli, list(args), obj=state)


@pytest.fixture
def article(tmp_path: Path, isolated_herald: Path) -> Path:
    (isolated_herald / "config.toml").write_text(CONFIG)
    write(tmp_path / "heron.jpg", phone_jpeg(400, 300))
    path = tmp_path / "herons.md"
    path.write_text(ARTICLE.format(image="heron.jpg"))
    return path


def outbox() -> list[dict[str, Any]]:
    return read_outbox(Path(os.environ["HERALD_DATA_DIR"]) / "outbox.jsonl")


def uploaded() -> list[Path]:
    folder = Path(os.environ["HERALD_DATA_DIR"]) / MEDIA_DIR
    return sorted(p for p in folder.glob("*") if not p.name.endswith(".alt.txt"))


def queue(*args: str) -> str:
    result = herald("queue", "add", *args, "--now", "--json")
    assert result.exit_code == 0, result.output
    (draft,) = json.loads(result.stdout)
    return str(draft["id"])


def test_the_article_image_goes_out_with_its_alt_text_and_without_its_gps(article: Path) -> None:
    draft_id = queue(str(article), "--to", "sky")
    assert herald("run", "--once").exit_code == 0

    (line,) = outbox()
    (media,) = line["media"]
    assert media["alt"] == "A grey heron standing in shallow water"
    (file,) = uploaded()
    assert str(file) == media["file"] and file.with_suffix(".alt.txt").read_text() == media["alt"]
    sent = file.read_bytes()
    assert GPS_IFD not in opened(sent).getexif() and b"SN-4711-SECRET" not in sent
    assert (media["width"], media["height"]) == opened(sent).size == (300, 400)
    shown = herald("queue", "show", draft_id)
    assert "alt: A grey heron standing in shallow water" in shown.output
    assert "uploaded: 300×400 image/jpeg" in shown.output


def test_a_crash_between_upload_and_post_does_not_upload_again(
    article: Path, isolated_herald: Path
) -> None:
    draft_id = queue(str(article), "--to", "flaky")  # its publish call times out

    herald("run", "--once")
    assert outbox() == [] and len(uploaded()) == 1
    part = configured_store().get(draft_id).parts[0]
    assert part.status == "pending" and len(part.media) == 1  # stored before the post

    (isolated_herald / "config.toml").write_text(CONFIG.replace('mock_fail = ["timeout"]', ""))
    assert herald("run", "--once", at=NOW + timedelta(hours=1)).exit_code == 0
    (line,) = outbox()
    assert len(uploaded()) == 1
    assert [m["file"] for m in line["media"]] == [str(uploaded()[0])]


def test_a_missing_image_never_loses_the_post_and_the_reason_is_shown(
    article: Path, tmp_path: Path
) -> None:
    draft_id = queue(str(article), "--to", "sky")
    (tmp_path / "heron.jpg").unlink()

    assert herald("run", "--once").exit_code == 0

    (line,) = outbox()
    assert line["media"] == [] and "grey herons" in str(line["text"])
    shown = herald("queue", "show", draft_id)
    assert "without image: image" in shown.output and "does not exist" in shown.output
    detail = json.loads(herald("queue", "show", draft_id, "--json").stdout)
    assert "does not exist" in detail["parts"][0]["media_note"]


def test_a_file_that_is_not_an_image_is_refused_by_content_at_add_and_at_publish(
    article: Path, tmp_path: Path
) -> None:
    fake = write(tmp_path / "fake.jpg", b"<svg onload=alert(1)></svg>")
    refused = herald("queue", "add", str(article), "--to", "sky", "--now", "--image", str(fake))
    assert refused.exit_code == 2
    assert refused.output.startswith("Error: image ") and "by its content" in refused.output
    assert configured_store().count() == 0

    draft_id = queue(str(article), "--to", "sky")
    write(tmp_path / "heron.jpg", b"not a heron")  # replaced after queueing
    herald("run", "--once")
    assert outbox()[0]["media"] == []
    assert "by its content" in (configured_store().get(draft_id).parts[0].media_note or "")


def test_image_and_alt_given_when_queueing_replace_the_articles(
    article: Path, tmp_path: Path
) -> None:
    write(tmp_path / "chart.jpg", phone_jpeg(200, 100))
    draft_id = queue(
        str(article), "--to", "sky", "--image", str(tmp_path / "chart.jpg"), "--alt", "A chart"
    )
    (image,) = configured_store().get(draft_id).parts[0].images
    assert (image.src, image.alt) == (str(tmp_path / "chart.jpg"), "A chart")
    none = queue(str(article), "--to", "sky", "--no-image")
    assert all(not p.images for p in configured_store().get(none).parts)
    both = herald("queue", "add", str(article), "--to", "sky", "--now", "--no-image", "--alt", "x")
    assert both.exit_code == 2 and both.output.startswith("Error: no image was asked for")


def test_queue_edit_sets_the_alt_text_and_the_image(article: Path, tmp_path: Path) -> None:
    draft_id = queue(str(article), "--to", "sky")
    edited = herald("queue", "edit", draft_id, "--alt", "Two herons on a nest")
    assert edited.exit_code == 0, edited.output
    assert configured_store().get(draft_id).parts[0].images[0].alt == "Two herons on a nest"

    write(tmp_path / "nest.jpg", phone_jpeg(100, 100))
    herald("queue", "edit", draft_id, "--image", str(tmp_path / "nest.jpg"), "--alt", "A nest")
    (image,) = configured_store().get(draft_id).parts[0].images
    assert (image.src, image.alt) == (str(tmp_path / "nest.jpg"), "A nest")
    markup = herald("queue", "edit", draft_id, "--alt", "[bold]Nest[/] :x:")
    assert markup.exit_code == 0 and "(alt: [bold]Nest[/] :x:)" in markup.output
    assert "alt: [bold]Nest[/] :x:" in herald("queue", "show", draft_id).output
    herald("queue", "edit", draft_id, "--alt", "A nest")
    bad = herald("queue", "edit", draft_id, "--alt", "bell\x07")
    assert bad.exit_code == 2 and "control characters" in bad.output
    herald("run", "--once")
    assert outbox()[0]["media"][0]["alt"] == "A nest"
    late = herald("queue", "edit", draft_id, "--alt", "too late")
    assert late.exit_code == 2 and late.output.startswith("Error: cannot edit draft")


def test_require_alt_refuses_to_schedule_an_image_without_alt_text(article: Path) -> None:
    undescribed = ARTICLE.replace("A grey heron standing in shallow water", "")
    article.write_text(undescribed.format(image="heron.jpg"))
    refused = herald("queue", "add", str(article), "--to", "strict", "--now")
    assert refused.exit_code == 2
    assert "require_alt = true" in refused.output and refused.output.startswith("Error: ")
    assert configured_store().count() == 0
    assert queue(str(article), "--to", "strict", "--alt", "A heron")
    preview = json.loads(herald("preview", str(article), "--to", "sky", "--json").stdout)
    assert [w["rule"] for w in preview["drafts"][0]["warnings"]].count("alt-text") == 1


def test_require_image_holds_the_account_instead_of_posting_without(
    article: Path, tmp_path: Path
) -> None:
    draft_id = queue(str(article), "--to", "strict")
    (tmp_path / "heron.jpg").unlink()

    herald("run", "--once")

    assert outbox() == []
    store = configured_store()
    assert store.get(draft_id).status == "scheduled"
    (hold,) = store.holds()
    assert hold.account == "strict" and "does not exist" in hold.reason
    assert "held" in herald("queue", "list").output

    write(tmp_path / "heron.jpg", phone_jpeg())
    herald("run", "--once", at=NOW + timedelta(minutes=5))
    assert len(outbox()) == 1 and store.get(draft_id).status == "published"


def test_preview_json_and_html_show_each_posts_image(article: Path, tmp_path: Path) -> None:
    page = tmp_path / "preview.html"
    result = herald("preview", str(article), "--to", "sky", "--json", "--html", str(page))
    (part, *_rest) = json.loads(result.stdout)["drafts"][0]["parts"]
    assert part["images"] == [
        {"src": str(tmp_path / "heron.jpg"), "alt": "A grey heron standing in shallow water"}
    ]
    html = page.read_text()
    assert 'src="data:image/jpeg;base64,' in html and str(tmp_path) not in html.split("<img")[1]
    assert 'alt="A grey heron standing in shallow water"' in html
    terminal = herald("preview", str(article), "--to", "sky")
    assert "alt: A grey heron standing in shallow water" in terminal.output


def test_format_shows_the_image_with_the_first_post(article: Path) -> None:
    result = herald("format", str(article), "--platform", "x", "--mode", "thread")
    assert result.exit_code == 0, result.output
    line = f"image: {article.parent / 'heron.jpg'} (alt: A grey heron standing in shallow water)"
    assert result.output.count(line) == 1
    assert result.output.index(line) < result.output.index("[2] ")


def test_a_web_image_is_named_in_the_html_preview_not_fetched(
    article: Path, tmp_path: Path
) -> None:
    article.write_text(ARTICLE.format(image="https://img.example.invalid/heron.jpg"))
    page = tmp_path / "preview.html"
    assert herald("preview", str(article), "--to", "sky", "--html", str(page)).exit_code == 0
    html = page.read_text()
    assert "on the web, fetched when published: https://img.example.invalid/heron.jpg" in html
    assert "<img" not in html.split('class="image"')[1].split("</figure>")[0]


def test_an_import_row_names_its_image_and_alt_under_the_path_rules(
    article: Path, tmp_path: Path
) -> None:
    write(tmp_path / "chart.jpg", phone_jpeg(120, 80))
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "path,accounts,at,image,alt\n"
        f"{article.name},sky,,chart.jpg,A bar chart\n"
        f"{article.name},sky,,none,\n"
        f"{article.name},sky,,,\n"
    )
    assert herald("queue", "import", str(plan)).exit_code == 0
    drafts = sorted(configured_store().list(), key=lambda d: d.created_at)
    images = sorted(tuple((i.src, i.alt) for i in d.parts[0].images) for d in drafts)
    assert images == [
        (),
        ((str(tmp_path / "chart.jpg"), "A bar chart"),),
        ((str(tmp_path / "heron.jpg"), "A grey heron standing in shallow water"),),
    ]
    plan.write_text(f"path,accounts,image\n{article.name},sky,../outside.jpg\n")
    refused = herald("queue", "import", str(plan))
    assert refused.exit_code == 2 and "outside the import file's folder" in refused.output


def test_approve_refuses_an_image_that_lost_its_alt_text_on_a_require_alt_account(
    article: Path, tmp_path: Path
) -> None:
    """require_alt at approval (issue 13 follow-up): an awaiting draft given another image
    without --alt is not scheduled, nor is any draft approved with it; described, it is."""
    write(tmp_path / "nest.jpg", phone_jpeg(300, 200))
    good = queue(str(article), "--to", "strict", "--hold")
    bad = queue(str(article), "--to", "strict", "--hold")
    edited = herald("queue", "edit", bad, "--image", str(tmp_path / "nest.jpg"))
    assert edited.exit_code == 0, edited.output
    store = configured_store()
    before = [store.get(good), store.get(bad)]

    refused = herald("queue", "approve", good, bad)

    assert refused.exit_code == 2
    assert refused.output == (
        f"Error: draft {bad} for strict has an image without alt text and the account requires "
        f"it (require_alt = true); describe it with `herald queue edit {bad} --alt TEXT`, or drop "
        f"it with `herald queue edit {bad} --no-image`\n"
    )
    assert [store.get(good), store.get(bad)] == before  # all or none: nothing changed
    assert herald("queue", "edit", bad, "--alt", "A heron's nest").exit_code == 0
    approved = herald("queue", "approve", good, bad)
    assert approved.exit_code == 0, approved.output
    assert {store.get(d).status for d in (good, bad)} == {"scheduled"}


def test_a_focal_point_is_stored_shown_edited_and_sent_with_the_image(
    article: Path, tmp_path: Path
) -> None:
    from posts.queue.model import PartImage
    from scheduler.adapters.base import ImageLimits
    from scheduler.media import outgoing_image

    draft_id = queue(str(article), "--to", "sky", "--focus", "0,0.5")
    (image,) = configured_store().get(draft_id).parts[0].images
    assert image.focus == (0.0, 0.5) and image.alt == "A grey heron standing in shallow water"
    assert "focus 0,0.5" in herald("queue", "show", draft_id).output
    assert herald("queue", "edit", draft_id, "--focus", "-0.25,1").exit_code == 0
    (image,) = configured_store().get(draft_id).parts[0].images
    assert image.focus == (-0.25, 1.0) and image.alt == "A grey heron standing in shallow water"
    for bad in ("2,0", "left", "0,0,0"):
        refused = herald("queue", "add", str(article), "--to", "sky", "--now", "--focus", bad)
        assert refused.exit_code == 2 and refused.output.startswith(f"Error: focus '{bad}'")
    limits = ImageLimits(1_000_000, None, None, ("image/jpeg",), 4)
    sent = outgoing_image(PartImage(image.src, "A heron", (-0.25, 1.0)), limits)
    assert sent.focus == (-0.25, 1.0) and sent.alt == "A heron"
