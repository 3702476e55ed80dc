"""The data files the call screen speaks from — the dialogue script, the special-
situation quick scripts and the intent forms — each kept at its last good version
(R2.11): a broken edit is reported (file, line, field) and the console carries on with
what it had; a copy of the last good text in ``keep_dir`` even survives a restart.
"""

from __future__ import annotations

from pathlib import Path

from console import dialogue, intent_forms, special_scripts
from console.datafiles import ResourceError, Validated
from console.dialogue import DialogueScript
from console.intent_forms import IntentDef, IntentForms
from console.special_scripts import SpecialScripts


class CallScripts:
    def __init__(
        self,
        language: str = "zh_CN",
        keep_dir: Path | None = None,
        directory: Path | None = None,
    ) -> None:
        """``directory``: read ``dialogue.yaml``, ``special.yaml`` and ``intents.yaml``
        from there instead of the shipped resources (an administrator's copy)."""

        def path(name: str, shipped: Path) -> Path:
            return directory / name if directory is not None else shipped

        self.dialogue_file = Validated(
            path("dialogue.yaml", dialogue.script_path(language)), DialogueScript, keep_dir
        )
        self.special_file = Validated(
            path("special.yaml", special_scripts.special_path(language)),
            SpecialScripts,
            keep_dir,
        )
        self.intents_file = Validated(
            path("intents.yaml", intent_forms.forms_path(language)), IntentForms, keep_dir
        )

    @property
    def _files(
        self,
    ) -> tuple[Validated[DialogueScript], Validated[SpecialScripts], Validated[IntentForms]]:
        return (self.dialogue_file, self.special_file, self.intents_file)

    @property
    def errors(self) -> list[ResourceError]:
        return [f.error for f in self._files if f.error is not None]

    def reload_if_changed(self) -> list[ResourceError]:
        for f in self._files:
            f.reload_if_changed()
        return self.errors

    @property
    def dialogue(self) -> DialogueScript | None:
        return self.dialogue_file.value

    @property
    def specials(self) -> SpecialScripts | None:
        return self.special_file.value

    @property
    def intents(self) -> dict[str, IntentDef]:
        data = self.intents_file.value
        return intent_forms.definitions(data) if data is not None else {}
