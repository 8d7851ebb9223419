-- eieform: households by tenure (percent) as the input has them at every level. The original dropped the rows with
-- the 5-digit district ids 15000 and 20000 and duplicate rows (keeping the first, in input order); each ratio is
-- the percentage / 100 rounded to 2 decimals (the value stays the percentage).
create temp table tenure as
select row_number() over () as input_row,
       date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       selveier_alle         as selveier,
       borettslag_andel_alle as andel,
       leier_alle            as leier
from at_given_levels('eieform')
where bydel_id is distinct from '15000' and bydel_id is distinct from '20000';

select * exclude (input_row),
       round(percent_as_ratio(selveier), 2) as selveier_ratio,
       round(percent_as_ratio(andel), 2)    as andel_ratio,
       round(percent_as_ratio(leier), 2)    as leier_ratio
from tenure
qualify input_row = min(input_row) over (partition by date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, selveier, andel, leier)
order by input_row;
