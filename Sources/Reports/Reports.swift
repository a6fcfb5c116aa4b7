// Tables, charts and reports. See docs/ARCHITECTURE.md.
