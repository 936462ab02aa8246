"""Alt text as given is kept exactly, or refused with a reason; never cut or altered silently."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from posts.app.images import MAX_ALT, checked_alt
from posts.errors import InputError


@given(st.text(max_size=1200))
def test_alt_text_is_kept_as_given_or_refused(text: str) -> None:
    try:
        kept = checked_alt(text)
    except InputError as exc:
        assert "control characters" in str(exc) or f"the most is {MAX_ALT:,}" in str(exc)
        return
    assert kept == text.strip() and len(kept) <= MAX_ALT
