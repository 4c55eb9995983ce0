"""Importers: depositary status lists read into a treaty's per-state participation table.

`untc` reads a UN Treaty Collection status page, `verdragenbank` a party page of the Dutch
treaty database (names mapped by `dutch_names`); `table` holds what an importer read (and the
rule that a continuing state's acts before its predecessor ended are the predecessor's);
`yamledit` writes a table into a treaty file in place (ruamel.yaml's round-trip mode, imported
only by the `import` command); `names` maps depositaries' state names to ISO codes.

Pure: text in, text out. Reading and writing files is the command line's job.
"""
