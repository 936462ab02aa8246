"""Labels that head a recipe's or a project's lists, written as a paragraph ("Instructions:",
"Zutaten:", "Préparation :").

A page often sets "Materials:" or "Instructions:" as a line of its own rather than a heading;
read as a heading, what follows is known for a list of things or steps, which a thread does not
cherry-pick from (a step is no news).
"""

from __future__ import annotations

import re

_PROCEDURE = re.compile(
    r"^(?:instructions|directions|steps|method|materials|ingredients|supplies|tools|equipment"
    r"|what\s+you(?:['’]ll|\s+will)?\s+need|you(?:['’]ll|\s+will)\s+need"
    r"|zutaten|zubereitung|anleitung|materiali?e?n?|(?:was\s+)?(?:du|ihr)\s+(?:brauchst|braucht)"
    r"|ingrédients|préparation|étapes|matériel|ingredientes|preparación|elaboración|pasos"
    r"|materiales|ingredienti|preparazione|procedimento)\s*:?$",
    re.IGNORECASE,
)


def is_procedure_label(text: str | None) -> bool:
    """``text`` names a list of materials or steps ("Instructions:", "You'll need")."""
    return bool(text and _PROCEDURE.match(text.strip()))
