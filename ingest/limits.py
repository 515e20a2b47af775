"""The caps applied while a file is read and parsed: one value, built from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsetl.settings import Settings


@dataclass(frozen=True)
class ReadLimits:
    """Caps applied while reading (defaults: the settings' defaults)."""

    max_file_bytes: int
    max_decompressed_bytes: int
    max_csv_columns: int = 1000
    max_text_chars: int = 500_000
    allow_hardlinks: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        """The caps the settings name."""
        return cls(
            max_file_bytes=settings.max_file_bytes,
            max_decompressed_bytes=settings.max_decompressed_bytes,
            max_csv_columns=settings.max_csv_columns,
            max_text_chars=settings.max_text_chars,
            allow_hardlinks=settings.allow_hardlinks,
        )
