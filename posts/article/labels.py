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


# what a recipe or a project adds after its steps: "Tip", "Cook's Notes", "Make-Ahead Tip"
_AFTER_STEPS = re.compile(
    r"^(?:(?:cook['’]?s|chef['’]?s|make[- ]ahead|test\s+kitchen|kitchen)\s+)?"
    r"(?:tips?|notes?|hints?|variations?|storage)\s*:?$",
    re.IGNORECASE,
)


def is_after_steps_label(text: str | None) -> bool:
    """Does ``text`` head what a recipe adds after its steps (a tip, notes, variations)? Only
    after a procedure is it one: elsewhere "Tips" may head an article's advice."""
    return bool(text and _AFTER_STEPS.match(text.strip()))


def is_procedure_label(text: str | None) -> bool:
    """``text`` names a list of materials or steps ("Instructions:", "You'll need")."""
    return bool(text and _PROCEDURE.match(text.strip()))


# a recipe's ingredient line: a quantity, then a measure or the thing ("8 ounces sharp cheddar
# cheese, shredded (2 cups)", "2 EL Olivenöl", "8 eggs")
_QUANTITY = r"(?:\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+)?(?:\s+\d/\d)?|\d/\d|\d*\s*[½¼¾⅓⅔⅛])"
_MEASURE = re.compile(
    rf"^{_QUANTITY}\s*(?:cups?|c\.|tablespoons?|tbsps?\.?|tbs\.?|teaspoons?|tsps?\.?|ounces?"
    r"|oz\.?|pounds?|lbs?\.?|grams?|g|kg|ml|cl|dl|l|lit(?:er|re)s?|quarts?|pints?|cloves?"
    r"|slices?|pinch(?:es)?|dash(?:es)?|cans?|packages?|sticks?|bunch(?:es)?|sprigs?|stalks?"
    r"|el|tl|msp\.?|prisen?|becher|bund|zehen?|scheiben?|päckchen|pck\.?|dosen?|cuillères?"
    r"|pincées?|gousses?|tranches?|cucharadas?|cucharaditas?|tazas?|dientes?|cucchiai[on]?)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(rf"^{_QUANTITY}\s+\w")
_LINE_WORDS = 14  # an ingredient is a line, not a sentence about the dish
_RUN = 3  # lines in a row, at least two with a measure
_INGREDIENTS = {"de": "Zutaten", "fr": "Ingrédients", "es": "Ingredientes", "it": "Ingredienti"}


def _ingredient(line: str) -> bool:
    return (
        bool(_COUNTED.match(line))
        and len(line.split()) <= _LINE_WORDS
        and not line.rstrip().endswith((".", "!", "?", ":"))
    )


def ingredients_start(paragraphs: tuple[str, ...]) -> int | None:
    """Where a run of ingredient lines begins, when the page's "Ingredients" label was a styled
    box that extraction dropped: the list and the steps after it are the recipe's procedure."""
    for start in range(len(paragraphs) - _RUN + 1):
        run = paragraphs[start : start + _RUN]
        if all(map(_ingredient, run)) and sum(bool(_MEASURE.match(p)) for p in run) >= 2:
            return start
    return None


def ingredients_label(lang: str | None) -> str:
    """The label a recipe in ``lang`` heads its ingredients with."""
    return _INGREDIENTS.get((lang or "en")[:2].casefold(), "Ingredients")
