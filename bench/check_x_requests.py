"""Check the requests Herald's X adapter sends against X's official OpenAPI document.

A development check, not a test: the document lives outside the repository (../shared/x-api, see
its README). The real adapter (tweepy's session, Herald's v2 media calls) runs against a faked
transport (``responses``); every request it sends is matched to its operation in the document,
its content type checked against the operation's, and its body validated (``jsonschema``, every
``$ref`` resolved inside the document) against the request schema. The canned answers are checked
against the response schemas too, and a control body (``media_type``, which the document does not
allow) must be refused, so a check that cannot fail would show. The document is OpenAPI 3.0, whose
schemas are JSON Schema draft 4 with extensions, so bodies are validated as draft 4. Usage:

    .venv/bin/python bench/check_x_requests.py [OPENAPI_JSON]
"""

from __future__ import annotations

import email
import email.message
import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import responses
from jsonschema import Draft4Validator

from posts.clock import system_clock
from posts.config import Account
from scheduler.adapters.base import OutgoingImage, OutgoingPart, PublishedRef
from scheduler.adapters.x import XAdapter

DEFAULT_DOCUMENT = Path(__file__).resolve().parents[2] / "shared" / "x-api" / "openapi.json"
MEDIA_ID = "1880000000000000001"
TWEET_ID = "1850000000000000001"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(62))
CREDENTIALS = {"CK": "consumer-key", "CS": "consumer-secret", "AT": "token", "ATS": "secret"}
ANSWERS = {
    "/2/media/upload": {
        "data": {
            "id": MEDIA_ID,
            "media_key": f"3_{MEDIA_ID}",
            "size": len(PNG),
            "expires_after_secs": 86400,
            "image": {"image_type": "image/png", "w": 1200, "h": 800},
        }
    },
    "/2/media/metadata": {"data": {"id": MEDIA_ID, "associated_metadata": {}}},
    "/2/tweets": {"data": {"id": TWEET_ID, "text": "…"}},
}


def main() -> int:
    document = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DOCUMENT).read_text())
    print(f"X API OpenAPI {document['info']['version']} ({document['openapi']})")
    sent = _record_requests()
    failures = sum(_check_request(document, request) for request in sent)
    failures += sum(_check_answer(document, path, body) for path, body in ANSWERS.items())
    failures += _control(document)
    print(f"{len(sent)} requests, {failures} problems")
    return 1 if failures else 0


def _record_requests() -> list[Any]:
    """Run the adapter: two uploads (with and without alt text), a post with both, a reply."""
    for name, value in CREDENTIALS.items():
        os.environ[f"CHECK_X_{name}"] = value
    keys = (
        "consumer_key_env",
        "consumer_secret_env",
        "access_token_env",
        "access_token_secret_env",
    )
    settings = {key: f"CHECK_X_{name}" for key, name in zip(keys, CREDENTIALS, strict=True)}
    account = Account("check-x", "x", settings={"handle": "lab", **settings})
    with responses.RequestsMock() as mock:
        for path, body in ANSWERS.items():
            host = "https://api.twitter.com" if path == "/2/tweets" else "https://api.x.com"
            status = 201 if path == "/2/tweets" else 200
            mock.post(f"{host}{path}", json=body, status=status)
        adapter = XAdapter.from_account(account, data_dir=Path("/nonexistent"), clock=system_clock)
        with_alt = adapter.upload_image(OutgoingImage(PNG, "image/png", 1200, 800, "Tide pools"))
        without = adapter.upload_image(OutgoingImage(PNG, "image/png", 1200, 800, ""))
        first = adapter.publish(
            OutgoingPart("d", 0, 2, "Low tide", "k1", media=(with_alt, without))
        )
        reply = PublishedRef(first.remote_id, first.url)
        adapter.publish(OutgoingPart("d", 1, 2, "Part 2", "k2", reply_to=reply, root=reply))
        return [call.request for call in mock.calls]


def _check_request(document: dict[str, Any], request: Any) -> int:
    path = urlsplit(request.url).path
    operation = document["paths"][path][request.method.lower()]
    content_type = request.headers["Content-Type"].split(";")[0]
    allowed = operation["requestBody"]["content"]
    if content_type not in allowed:
        print(f"FAIL {request.method} {path}: {content_type} not in {sorted(allowed)}")
        return 1
    body, shown = _body(request, content_type)
    schema = allowed[content_type]["schema"]
    errors = _errors(document, schema, body)
    signed = request.headers["Authorization"].startswith("OAuth ")
    verdict = "ok" if not errors and signed else "FAIL"
    print(f"{verdict} {request.method} {path} [{content_type}] {_name(schema)}: {shown}")
    for error in errors:
        print(f"     {error}")
    return 0 if verdict == "ok" else 1


def _body(request: Any, content_type: str) -> tuple[Any, str]:
    """The body as the schema sees it (a multipart file as its bytes in a string), and a summary."""
    if content_type == "application/json":
        body = json.loads(request.body)
        return body, json.dumps(body, ensure_ascii=False)
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.message_from_bytes(head + request.body)
    fields: dict[str, str] = {}
    shown = []
    for part in message.get_payload():
        assert isinstance(part, email.message.Message)
        name = str(part.get_param("name", header="content-disposition"))
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        fields[name] = data.decode("latin-1")
        is_file = part.get_filename() is not None
        value = f"<{part.get_content_type()}, {len(data)} bytes>" if is_file else data.decode()
        shown.append(f"{name}={value}")
    return fields, ", ".join(shown)


def _check_answer(document: dict[str, Any], path: str, body: dict[str, Any]) -> int:
    responses_ = document["paths"][path]["post"]["responses"]
    schema = next(iter(responses_.values()))["content"]["application/json"]["schema"]
    errors = _errors(document, schema, body)
    print(f"{'ok' if not errors else 'FAIL'} canned answer of POST {path} {_name(schema)}")
    return 1 if errors else 0


def _control(document: dict[str, Any]) -> int:
    """A body the document refuses must be refused here too."""
    schema = {"$ref": "#/components/schemas/MediaUploadRequest"}
    bad = {"media": "…", "media_category": "tweet_image", "media_type": "image/png"}
    refused = bool(_errors(document, schema, bad))
    print(f"{'ok' if refused else 'FAIL'} control: an upload with media_type is refused")
    return 0 if refused else 1


def _errors(document: dict[str, Any], schema: dict[str, Any], body: Any) -> list[str]:
    rooted = {**schema, "components": document["components"]}
    validator = Draft4Validator(rooted)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]


def _name(schema: dict[str, Any]) -> str:
    return str(schema.get("$ref", "inline")).rsplit("/", 1)[-1]


if __name__ == "__main__":
    sys.exit(main())
