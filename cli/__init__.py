"""The command-line front end: the command grammar, administration and report commands, the
call simulator, and the demo-data generator. Beside ui/, over console/."""
