"""The application: start-up and the flow between windows, the main window shell and the
per-seat preferences."""
