-- innvandrer-befolkning: immigrants and Norwegian-born children of immigrants (innvandrer +
-- norskfodt_med_innvandrerforeldre) by botid category (library: botid_categories; short stay, long stay, the
-- rest), beside the whole population, summed to sub-district, district and Oslo; total_cat = the three
-- categories; every ratio is of the population (total). Sub-district rows only, as the original.
create temp table by_botid as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, botid,
       coalesce(innvandrer, 0) + coalesce(norskfodt_med_innvandrerforeldre, 0) as value
from botid
where delbydel_id is not null;

create temp table population as
select date, bydel_id, delbydel_id, sum(age_total) as total
from with_age_total('befolkning_etter_kjonn_og_alder')
where delbydel_id is not null
group by all;

create temp table categories as
select c.*, p.total
from botid_categories('by_botid') c
join population p using (date, bydel_id, delbydel_id);

create temp table levels as
select *, short + long + two_parents as total_cat from aggregate_sum('categories');

select *,
       two_parents / total as two_parents_ratio,
       short / total       as short_ratio,
       long / total        as long_ratio,
       total_cat / total   as total_cat_ratio
from levels;
