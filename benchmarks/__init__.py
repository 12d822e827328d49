"""Scripts that print speed figures against the baselines named in the issues; never asserts."""
