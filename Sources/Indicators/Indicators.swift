// Indicators computed from a population and the rules' results. See docs/ARCHITECTURE.md.
