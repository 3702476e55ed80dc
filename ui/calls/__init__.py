"""The call screen and its parts (dialogue panel, verification and intent forms, taboo
marks), and the call log view."""
