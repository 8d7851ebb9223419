-- landbakgrunn-innvandringsgrupper: immigrants and Norwegian-born to immigrant parents per country of origin
-- (district rows), their total, and each as a share of the district's population; Oslo (00) = every district's rows
-- of the country summed (16, 17 and 99 included, as the original), its population that of the districts other than
-- Sentrum (16) and Marka (17).
create temp table country as
select bydel_id, bydel_navn, date, landbakgrunn, innvandrer, norskfodt_med_innvandrerforeldre,
       coalesce(innvandrer, 0) + coalesce(norskfodt_med_innvandrerforeldre, 0) as total
from landbakgrunn_storste_innvandringsgrupper;
insert into country
select '00', 'Oslo i alt', date, landbakgrunn,
       coalesce(sum(innvandrer), 0), coalesce(sum(norskfodt_med_innvandrerforeldre), 0), coalesce(sum(total), 0)
from country
where date is not null and landbakgrunn is not null
group by date, landbakgrunn;

create temp table population_by_sub_district as
select * from population_by_age('befolkning_etter_kjonn_og_alder') where bydel_id not in ('16', '17');
create temp table population as
select bydel_id, bydel_navn, date, population
from aggregate_sum('population_by_sub_district')
where delbydel_id is null;

create temp table countries as
select c.*, p.population,
       c.total / p.population                            as total_ratio,
       c.innvandrer / p.population                       as innvandrer_ratio,
       c.norskfodt_med_innvandrerforeldre / p.population as norskfodt_med_innvandrerforeldre_ratio
from country c join population p using (bydel_id, date, bydel_navn);

-- the ten largest countries of each district by total in that district's latest year (ties by country name; the
-- original took them in its frame's order), each with its place; status: the latest year of all rows only;
-- historisk: every year of those countries
create temp table status_rows as select * from countries where date = (select max(date) from countries);
create temp view status_output as
select *, row_number() over (partition by bydel_id order by total desc, landbakgrunn) as place
from status_rows
qualify place <= 10
order by bydel_id, place;

create temp table historisk_top as
select bydel_id, landbakgrunn, row_number() over (partition by bydel_id order by total desc, landbakgrunn) as place
from (select *, max(date) over (partition by bydel_id) as latest from countries)
where date = latest
qualify place <= 10;
create temp view historisk_output as
select c.*, t.place
from countries c join historisk_top t using (bydel_id, landbakgrunn)
order by bydel_id, place, date;
