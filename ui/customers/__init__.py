"""The customer card of the screen pop, and the supervisor's nuisance-number dialog."""
