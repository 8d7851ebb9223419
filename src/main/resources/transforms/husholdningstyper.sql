-- husholdningstyper: households by type. The input's rows of one sub-district and year (one per category) are added
-- up first (rows without a sub-district are left out there, as pandas' group-by drops missing keys), then summed to
-- sub-district, district and Oslo; each type as a share of all households (total_ratio = 1).
create temp table households as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       coalesce(sum(aleneboende), 0) as aleneboende,
       coalesce(sum(par_uten_barn), 0) as par_uten_barn,
       coalesce(sum(par_med_barn), 0) as par_med_barn,
       coalesce(sum(mor_far_med_barn), 0) as mor_far_med_barn,
       coalesce(sum(flerfamiliehusholdninger), 0) as flerfamiliehusholdninger,
       coalesce(sum(total), 0) as total
from (select *,
             par_uten_hjemmeboende_barn as par_uten_barn,
             par_med_smaa_barn + par_med_store_barn as par_med_barn,
             mor_eller_far_med_smaa_barn + mor_eller_far_med_store_barn as mor_far_med_barn,
             enfamiliehusholdninger_med_voksne_barn + flerfamiliehusholdninger_med_smaa_barn
                 + flerfamiliehusholdninger_med_store_barn + flerfamiliehusholdninger_uten_barn_0_til_17_aar as flerfamiliehusholdninger,
             par_uten_barn + par_med_barn + mor_far_med_barn + flerfamiliehusholdninger + aleneboende as total
      from husholdningstyper)
where date is not null and bydel_id is not null and bydel_navn is not null and delbydel_id is not null and delbydel_navn is not null
group by all;

select *,
       aleneboende / total              as aleneboende_ratio,
       par_uten_barn / total            as par_uten_barn_ratio,
       par_med_barn / total             as par_med_barn_ratio,
       mor_far_med_barn / total         as mor_far_med_barn_ratio,
       flerfamiliehusholdninger / total as flerfamiliehusholdninger_ratio,
       total / total                    as total_ratio
from aggregate_sum('households');
