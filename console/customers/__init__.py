"""Customers: the card with its confidentiality rules (R2.13, R2.14), their recent
contacts, look-ups outside a call, and nuisance marks on numbers (R2.18)."""
