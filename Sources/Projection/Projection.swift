// Multi-year projection and scenario comparison. See docs/ARCHITECTURE.md.
