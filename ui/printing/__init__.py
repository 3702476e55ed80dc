"""The reports dialog: preview, print, save as PDF, the registry and reprints."""
