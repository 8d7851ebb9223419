-- bygningstyper: dwellings by building type (library: dwellings_by_type), summed to sub-district, district and
-- Oslo, each type as a share of all dwellings (total_ratio = 1).
create temp table dwellings as
select * from dwellings_by_type('boligmengde_etter_boligtype');

select *,
       rekkehus / total as rekkehus_ratio,
       blokk / total    as blokk_ratio,
       enebolig / total as enebolig_ratio,
       total / total    as total_ratio
from aggregate_sum('dwellings');
