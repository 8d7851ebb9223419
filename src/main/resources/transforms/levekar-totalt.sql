-- levekar-totalt: eight living-conditions indicators, each geography's ratio relative to its district's and to
-- Oslo's (the original's add_relative_ratio), for the geographies and years every indicator has.

-- the population at every level: trangbodde's rows count only where it exists (the original joined it in for a
-- count it never wrote)
create temp table population as
select * from population_by_age('befolkning_etter_kjonn_og_alder');
create temp table population_levels as
select * from aggregate_sum('population');

-- each indicator's ratio, one row per geography and year; the indicator is the series name
create temp table indicator_ratios as
select 'antall_redusert_funksjonsevne' as indicator, date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       percent_as_ratio(andel_personer_med_redusert_funksjonsevne) as ratio
from at_given_levels('redusert_funksjonsevne')
union all
select 'ikke_vestlig_kort', date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, ikke_vestlig_kort_ratio
from non_western_short_stay('botid_ikke_vestlige', 'befolkning_etter_kjonn_og_alder')
union all
select 'lav_utdanning', date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, lav_utdanning_ratio
from low_education('lav_utdanning')
union all
select 'antall_fattige_barnehusholdninger', date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       percent_as_ratio(husholdninger_med_barn_under_18_aar_eu_skala_andel)
from at_given_levels('fattige_husholdninger')
union all
-- dated one year later than levekar-ikke-sysselsatte does (the original's +1 on the sysselsatte year here)
select 'antall_ikke_sysselsatte', date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, antall_ikke_sysselsatte_ratio
from not_employed_30_59('sysselsatte', 'befolkning_etter_kjonn_og_alder', date_shift := 1)
union all
select 'ikke_fullfort_vgs', date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       percent_as_ratio(andelen_som_ikke_har_fullfort_i_lopet_av_5_aar)
from at_given_levels('ikke_fullfort_vgs')
union all
select 'dodsrate', date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, percent_as_ratio(dodsrate)
from at_given_levels('dodsrater')
union all
select 'antall_trangbodde', t.date, t.bydel_id, t.bydel_navn, t.delbydel_id, t.delbydel_navn, percent_as_ratio(t.andel_som_bor_trangt)
from at_given_levels('trangbodde') t
where exists (select 1 from population_levels p
              where p.date = t.date and p.bydel_id = t.bydel_id and p.delbydel_id is not distinct from t.delbydel_id);

-- without 16/17/99: each ratio divided by its district's own ratio (the row without a sub-district) and by Oslo's
-- ('00') of the same indicator and year
create temp table relative as
select *,
       ratio / max(ratio) filter (where delbydel_id is null) over (partition by indicator, date, bydel_id) as ratio_district,
       ratio / max(ratio) filter (where bydel_id = '00' and delbydel_id is null) over (partition by indicator, date) as ratio_oslo
from indicator_ratios
where not_16_17_99(bydel_id) and bydel_id is not null and date is not null;

-- the inner join of the eight: only geographies and years every indicator has, one column pair per indicator
create temp table complete as
select * from relative
qualify count(distinct indicator) over (partition by date, bydel_id, bydel_navn, delbydel_id, delbydel_navn) = 8;

pivot complete
on indicator in ('antall_redusert_funksjonsevne', 'ikke_vestlig_kort', 'lav_utdanning', 'antall_fattige_barnehusholdninger',
                 'antall_ikke_sysselsatte', 'ikke_fullfort_vgs', 'dodsrate', 'antall_trangbodde')
using first(ratio_district) as ratio_district, first(ratio_oslo) as ratio_oslo
group by date, bydel_id, bydel_navn, delbydel_id, delbydel_navn;
