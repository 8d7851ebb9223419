-- befolkningsutvkl-forv-utvkl: population, its yearly change, deaths, births and migration per year (the years all
-- five inputs have), then the projected population (future years).

create temp table years as
from years_of('befolkning_etter_kjonn_og_alder') intersect from years_of('dode') intersect from years_of('fodte')
intersect from years_of('flytting_til_etter_alder') intersect from years_of('flytting_fra_etter_alder');

-- population: rows with a missing cell left out, summed to every level; change = the yearly percent change of
-- each geography (Oslo, each district, each sub-district)
create temp table complete_population as
select * from befolkning_etter_kjonn_og_alder where columns(*) is not null and date in (from years);
create temp table population_by_sub_district as
select * from population_by_age('complete_population');
create temp table population as
select *, population / lag(population) over (partition by bydel_id, bydel_navn, delbydel_id, delbydel_navn order by date) - 1 as change
from aggregate_sum('population_by_sub_district');

-- deaths and births: rows with a missing cell left out, summed to every level
create temp table complete_dead as select * from dode where columns(*) is not null and date in (from years);
create temp table complete_born as select * from fodte where columns(*) is not null and date in (from years);

-- migration at district level (in + between districts), Oslo = the sum of the districts, which counts the moves
-- between districts too (as the original did)
create temp table immigration as
select date, bydel_id, bydel_navn, coalesce(sum(innflytting_til_oslo), 0) + coalesce(sum(innflytting_mellom_bydeler), 0) as immigration
from flytting_til_etter_alder
where date in (from years) and bydel_id is not null and bydel_navn is not null
group by all;
insert into immigration select date, '00', 'Oslo i alt', sum(immigration) from immigration group by date;

create temp table emigration as
select date, bydel_id, bydel_navn, coalesce(sum(utflytting_fra_oslo), 0) + coalesce(sum(utflytting_mellom_bydeler), 0) as emigration
from flytting_fra_etter_alder
where date in (from years) and bydel_id is not null and bydel_navn is not null
group by all;
insert into emigration select date, '00', 'Oslo i alt', sum(emigration) from emigration group by date;

-- the projection: ages 0..99 of each row, Oslo = the sum per year
create temp table projection as
select date, bydel_id, bydel_navn, age_total as projection
from with_age_total('befolkningsframskrivninger', min_age := 0, max_age := 99);
insert into projection select date, '00', 'Oslo i alt', sum(projection) from projection group by date;

-- the outer join of the five on the meta columns (a geography missing from one input just lacks its fields)
create temp table development as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       max(antall_dode) as deaths, max(antall_fodte) as births, max(emigration) as emigration,
       max(immigration) as immigration, max(population) as population, max(change) as change
from (from population
      union all by name from aggregate_sum('complete_dead')
      union all by name from aggregate_sum('complete_born')
      union all by name select *, null::varchar as delbydel_id, null::varchar as delbydel_navn from immigration
      union all by name select *, null::varchar as delbydel_id, null::varchar as delbydel_navn from emigration)
group by all;

select * from development
union all by name
select *, null::varchar as delbydel_id, null::varchar as delbydel_navn from projection;
