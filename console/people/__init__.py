"""People and their job numbers (工号): sign-in, sessions and passwords, delegation, the
administrator's register of agents and seats."""
