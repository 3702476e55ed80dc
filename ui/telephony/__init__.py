"""The line as Qt signals (the switchboard) and the dial bar of the outbound desks."""
