-- boligpriser: average price per m² of flats (kvmpris) at every level, as the input has it.
-- The input's Oslo rows have no district id: they become district '00'.
select date,
       case when bydel_navn = 'Oslo i alt' then '00' else bydel_id end as bydel_id,
       bydel_navn,
       delbydel_id,
       delbydel_navn,
       kvmpris as value
from boligpriser_blokkleiligheter;
