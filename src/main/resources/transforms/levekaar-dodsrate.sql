-- levekaar-dodsrate: the death rate (percent) of people aged 55-79 as the input has it at every level; the ratio is
-- the percentage / 100.
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       dodsrate,
       percent_as_ratio(dodsrate) as dodsrate_ratio
from at_given_levels('dodsrater');
