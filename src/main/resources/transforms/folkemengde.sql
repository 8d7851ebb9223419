-- folkemengde: population per sub-district, district and Oslo, its change since the previous year and over ten
-- years.
create temp table population as
select * from population_by_age('befolkning_etter_kjonn_og_alder');

-- change: the difference from the previous row of the same sub-district (so a missing year is spanned)
create temp table change as
select date, bydel_id, delbydel_id,
       (population - lag(population) over (partition by delbydel_id order by date))::double as change
from population;

-- change_10y: at the latest year, the difference from ten years before (which must be there)
select case when not exists (select 1 from population where date = (select max(date) - 10 from population))
            then error('Dataset does not contain 10 year before ' || (select max(date) from population) || ': '
                       || (select max(date) - 10 from population)) end;

create temp table change_10y as
select date, bydel_id, delbydel_id,
       (population - lag(population) over (partition by delbydel_id order by date))::double as change_10y
from population
where date in ((select max(date) from population), (select max(date) - 10 from population));

create temp table joined as
select p.*, c.change, t.change_10y
from population p
left join change c using (date, bydel_id, delbydel_id)
left join change_10y t using (date, bydel_id, delbydel_id);

create temp table levels as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       sum(population)      as population,
       sum_nans(change)     as change,
       sum_nans(change_10y) as change_10y
from at_every_level('joined')
group by all;

-- the ratios divide by the population one and ten ROWS earlier in (bydel_id, delbydel_id, date) order, as the
-- original did: right for contiguous yearly rows
create temp table folkemengde as
select *,
       change / lag(population, 1) over w     as change_ratio,
       change_10y / lag(population, 10) over w as change_10y_ratio
from levels
window w as (order by bydel_id, delbydel_id nulls last, date);

-- nokkeltall: the latest year's rows beside the population of the last ten years, one column per year
create temp table keynumbers as
select s.*, g.* exclude (bydel_id, delbydel_id)
from (select * from folkemengde where date = (select max(date) from folkemengde)) s
full outer join (
    pivot (select bydel_id, delbydel_id, date, population::double as population
           from folkemengde where date > (select max(date) - 10 from folkemengde))
    on date using first(population) group by bydel_id, delbydel_id
) g on s.bydel_id = g.bydel_id and s.delbydel_id is not distinct from g.delbydel_id;

select * from folkemengde;
