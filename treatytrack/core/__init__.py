"""The pure core: records, rules and answers. Nothing here reads a file or the clock, or knows of
terminals, Rich or Typer; the layers above hand it records and days."""
