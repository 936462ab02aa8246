"""The CLI's words for a core error's remedy: the core names the concept, the CLI its flags."""

from __future__ import annotations

from posts.errors import HeraldError

REMEDIES = {
    "force": "use --force to go ahead anyway",
    "allow-outside": "pass --allow-outside to read it anyway",
    "post-now": "pass --now to post now",
    "give-time": "use --at WHEN",
    "retry": "use `herald queue retry {id}`",
    "force-retry": "run `herald queue retry {id} --force` to send it again",
    "show": "see `herald queue show {id}`",
    "list-drafts": "see `herald queue list`",
    "approve": "approve it with `herald queue approve {id}`",
    "describe-image": "describe it with `herald queue edit {id} --alt TEXT`, or drop it with "
    "`herald queue edit {id} --no-image`",
}


def explained(exc: HeraldError) -> str:
    """The error's message, with the command or flag that remedies it."""
    hint = REMEDIES.get(exc.remedy or "")
    if hint is None:
        return str(exc)
    return f"{exc}; {hint.format(id=exc.draft_id or 'ID')}"
