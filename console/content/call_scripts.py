"""What the call screen speaks from — the dialogue script, the special-situation quick
scripts and the intent forms — as they are in force in the console's content library
(console/content/content.py): an administrator's saved version reaches the call screen when the
console takes it in, and a version that does not validate is reported while the last
good one stays in use (R2.11).
"""

from __future__ import annotations

from console.content import content
from console.content.content import DIALOGUE, INTENTS, SPECIAL, Library
from console.content.dialogue import DialogueScript
from console.content.intent_forms import IntentDef
from console.content.special_scripts import SpecialScripts
from console.core.datafiles import ResourceError


class CallScripts:
    def __init__(self, library: Library | None = None) -> None:
        self.library = library or content.shipped()

    @property
    def errors(self) -> list[tuple[ResourceError, bool]]:
        """Why the newest version of a kind was not taken in, each with whether a good
        version of it stays in use."""
        errors = self.library.errors
        return [
            (errors[k.name], self.library.in_force(k.name))
            for k in (DIALOGUE, SPECIAL, INTENTS)
            if k.name in errors
        ]

    @property
    def dialogue(self) -> DialogueScript | None:
        return self.library.value(DIALOGUE)

    @property
    def specials(self) -> SpecialScripts | None:
        return self.library.value(SPECIAL)

    @property
    def intents(self) -> dict[str, IntentDef]:
        return self.library.intents
