"""Printed and exported reports (R6): gathering each kind with the asking agent's rights,
the print registry's serials, and the whole job from request to registered PDF."""
