"""What the global options of one run asked for (-q/--quiet, --color).

Set by those options' callbacks (treatytrack.cli.options), reset by the app at the start of
every run (treatytrack.cli.app), read where notes and colour are decided (exits, emit).
"""

from __future__ import annotations

import enum


class ColorMode(enum.StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Settings:
    """What the global options of one run asked for (reset at the start of every run)."""

    quiet = False
    color: ColorMode = ColorMode.AUTO


settings = Settings()
