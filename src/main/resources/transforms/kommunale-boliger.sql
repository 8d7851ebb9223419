-- kommunale-boliger: municipal dwellings as a share of all dwellings (the five building types, library:
-- dwellings_by_type). The two inputs are joined row by row first (on date and the four ids and names; empty
-- sub-district cells match each other, as in pandas' merge), then summed to sub-district, district and Oslo.
create temp table municipal as
select m.date, m.bydel_id, m.bydel_navn, m.delbydel_id, m.delbydel_navn, m.antall_boliger, d.total
from kommunale_boliger m
join dwellings_by_type('boligmengde_etter_boligtype') d
  on m.date = d.date and m.bydel_id is not distinct from d.bydel_id and m.bydel_navn is not distinct from d.bydel_navn
 and m.delbydel_id is not distinct from d.delbydel_id and m.delbydel_navn is not distinct from d.delbydel_navn;

select *, antall_boliger / total as antall_boliger_ratio
from aggregate_sum('municipal');
