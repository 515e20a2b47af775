-- Adds the place entities this batch names for the first time, and rewrites a stored row
-- whose map facts differ from this batch's (the gazetteer or the place rules changed since
-- it was written: the newest derivation wins, as for any type-1 dimension attribute).
-- Unchanged rows are left alone, so a rerun writes nothing. Input view: staged_dim_place.
-- A merge, not `insert or replace`: DuckLake has no primary key to conflict on, and the same
-- file runs on both backends.
merge into dim_place
using (
    select staged.*
    from staged_dim_place as staged
    where not exists (
        select 1
        from dim_place as stored
        where stored.entity_key = staged.entity_key
          and stored.geonames_id is not distinct from staged.geonames_id
          and stored.feature_class is not distinct from staged.feature_class
          and stored.country_code is not distinct from staged.country_code
          and stored.country_name is not distinct from staged.country_name
          and stored.admin1_code is not distinct from staged.admin1_code
          and stored.admin1_name is not distinct from staged.admin1_name
          and stored.latitude is not distinct from staged.latitude
          and stored.longitude is not distinct from staged.longitude
          and stored.unlinked_reason is not distinct from staged.unlinked_reason
    )
) as changed
on dim_place.entity_key = changed.entity_key
when matched then update by name
when not matched then insert by name;
