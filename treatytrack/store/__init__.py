"""The one door to data: strict YAML, loading (whole and in chunks), overlays, the cache, the
bundled paths and the JSON Schema. Reads files; hands the core validated records."""
