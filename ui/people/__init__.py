"""Signing in and staying signed in: the login dialog, password change, the lock screen and
idle detection, and the administrator's people and seats dialog."""
