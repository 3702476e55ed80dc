"""The shift around the calls: agent states, sign-in check and handover (交接班), the boards
and the KPIs the supervisor trusts."""
