"""What every screen shares: the background worker, the calls into services, text and
messages, translations, the style sheet and small widgets."""
