// The policy rules module: parameters, scenario files and the rules. See docs/ARCHITECTURE.md.
