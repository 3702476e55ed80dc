"""How calls reach a seat: the telephony boundary every line implements, the call
simulator, and the seat's baresip softphone."""
