"""Rule: demonyms ("Egyptian", "Palestinians", NORP) are their own entity, linked to their
country, so analysts can count a country's presence while the mention keeps its own name.

The demonym entity's name is the singular adjective from the country list (`Palestinians`
→ `Palestinian`); its `linked_entity_key` is the key of the country's canonical name.
"""

import polars as pl

from newsetl.transforms.entities.keys import entity_key
from newsetl.transforms.entities.reference import ReferenceData, RefHit, fold

LINKED_COUNTRY_TYPE = "GPE"  # type of a country row that exists only as a demonym's link


def demonym_hit(reference: ReferenceData, name: str) -> RefHit | None:
    """The demonym `name` is (any case, singular or -s plural), if any."""
    hit = reference.name_index.get(fold(name))
    return hit if hit is not None and hit.entity_class == "demonym" else None


def linked_country_rows(entities: pl.DataFrame, linked_names: dict[int, str]) -> pl.DataFrame:
    """Rows for countries that demonyms link to but no mention named in this batch.

    `linked_names`: linked_entity_key → the country's canonical name.
    """
    present = set(entities["entity_key"].to_list())
    missing = sorted((k, n) for k, n in linked_names.items() if k not in present)
    return pl.DataFrame(
        {
            "entity_key": [k for k, _ in missing],
            "canonical_name": [n for _, n in missing],
            "entity_type": [LINKED_COUNTRY_TYPE] * len(missing),
            "linked_entity_key": [None] * len(missing),
        },
        schema=entities.schema,
    )


def link_key(linked_name: str | None) -> int | None:
    """Key of a demonym's country (null for anything else)."""
    return None if linked_name is None else entity_key(linked_name)
