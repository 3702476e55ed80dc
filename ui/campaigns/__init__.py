"""The outage notices tab: campaigns with live progress, the supervisor's campaign dialog
and the agent's next customer with the notification script."""
