-- flyttehyppighet-totalt: moves into and out of each district per 5-year age group (the inputs are district rows),
-- from and to joined on year, district and age group (missing keys match each other, as in pandas' merge), summed
-- to district and Oslo level per age group; Oslo's totals include the moves between districts, as the original's.
-- Rows in year, district, age-group order (the age groups as text: "0-4", "10-14", ..., "5-9", as pandas sorted them).
create temp table moves as
select fra.date, fra.bydel_id, fra.bydel_navn, fra.aldersgruppe_5_aar,
       null::varchar as delbydel_id, null::varchar as delbydel_navn,
       innflytting_til_oslo, innflytting_mellom_bydeler, innflytting_innenfor_bydelen,
       utflytting_fra_oslo, utflytting_mellom_bydeler, utflytting_innenfor_bydelen
from flytting_fra_etter_alder fra
join flytting_til_etter_alder til
  on fra.date is not distinct from til.date and fra.bydel_id is not distinct from til.bydel_id
 and fra.bydel_navn is not distinct from til.bydel_navn and fra.aldersgruppe_5_aar is not distinct from til.aldersgruppe_5_aar
where fra.aldersgruppe_5_aar is not null;

select * from aggregate_sum('moves', extra := ['aldersgruppe_5_aar'])
order by date, bydel_id, aldersgruppe_5_aar;
