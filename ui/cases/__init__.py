"""Cases on screen: my cases with countdowns, the case view, the callback desk and the
special-group registration dialog."""
