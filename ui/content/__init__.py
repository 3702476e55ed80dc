"""Content screens: the administrator's editor for scripts, lists and policies, and the
knowledge panel agents search during a call."""
