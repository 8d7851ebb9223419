-- alder-distribusjon-status: the latest year's population by single-year age (0..120) and sex, summed to
-- sub-district, district and Oslo; total = everybody aged 0..120.
create temp table latest as
select * rename (age_total as total)
from with_age_total('befolkning_etter_kjonn_og_alder', min_age := 0, max_age := 120)
where date = (select max(date) from befolkning_etter_kjonn_og_alder);

select * from aggregate_sum('latest', extra := ['kjonn']);
