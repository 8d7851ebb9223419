-- The shared library of the dataset transforms (DuckDB SQL), loaded once per process. Function scripts
-- (<function>.sql beside this file) use these macros on their input tables.
--
-- Meta columns of every input: date (the CSV's aar), bydel_id / bydel_navn (district), delbydel_id / delbydel_navn
-- (sub-district). Ids are text, so leading zeros stay ('01', '0101').

-- The meta columns plus a function's extra grouping columns (such as kjonn).
create macro meta_columns(extra) as ['date', 'bydel_id', 'bydel_navn', 'delbydel_id', 'delbydel_navn'] || extra;

-- Every input row at the three levels of the original's Aggregate, ready for "group by all":
--   sub-district rows: the rows with a date, district and sub-district (rows missing any of these keys are left out,
--                      as pandas' group-by drops missing keys);
--   district rows:     ALL rows with a date and district, sub-district columns empty (an input that already holds
--                      district totals is counted twice, as in the original);
--   Oslo rows:         the same rows as one district '00' "Oslo i alt" (so Sentrum 16, Marka 17 and
--                      "Uten registrert adresse" 99 are part of Oslo).
create macro at_every_level(tbl) as table
    select * from query_table(tbl)
    where date is not null and bydel_id is not null and bydel_navn is not null
      and delbydel_id is not null and delbydel_navn is not null
    union all by name
    select * replace (null::varchar as delbydel_id, null::varchar as delbydel_navn) from query_table(tbl)
    where date is not null and bydel_id is not null and bydel_navn is not null
    union all by name
    select * replace (null::varchar as delbydel_id, null::varchar as delbydel_navn, '00' as bydel_id, 'Oslo i alt' as bydel_navn)
    from query_table(tbl)
    where date is not null and bydel_id is not null and bydel_navn is not null;

-- The original's Aggregate("sum"): every non-meta column summed at sub-district, district and Oslo level
-- (missing values count as nothing; a group of only missing values sums to 0, as in pandas).
create macro aggregate_sum(tbl, extra := []) as table
    select columns(lambda c: list_contains(meta_columns(extra), c)),
           coalesce(sum(columns(lambda c: not list_contains(meta_columns(extra), c))), 0)
    from at_every_level(tbl)
    group by all;

-- The original's sum_nans: the sum when no value is missing, missing when all are, an error for a mix.
create macro sum_nans(x) as
    case when count(x) = 0 then null
         when count(x) = count(*) then sum(x)
         else error('Mix of NaN and values') end;

-- The years of a table, for the original's historic() (keep the years every input has) and status() (keep the
-- latest of those): where date in (from years_of('a') intersect from years_of('b')).
create macro years_of(tbl) as table select distinct date from query_table(tbl) where date is not null;

-- The latest of the given years, or the original's error when there is none in common.
create macro latest_of(years) as coalesce(years, error('No overlapping years in dataframes'));

-- Every row of tbl plus age_total: the sum of its age columns ("0", "1", ...) from min_age to max_age.
create macro with_age_total(tbl, min_age := 0, max_age := 200) as table
    select *, coalesce(list_sum(list_value(*columns(lambda c: try_cast(c as integer) between min_age and max_age))), 0) as age_total
    from query_table(tbl);

-- The original's generate_population_df: population aged min_age..max_age per sub-district and year, both sexes
-- together; rows without a sub-district are left out.
create macro population_by_age(tbl, min_age := 0, max_age := 200) as table
    select date, delbydel_id, delbydel_navn, bydel_id, bydel_navn, sum(age_total) as population
    from with_age_total(tbl, min_age := min_age, max_age := max_age)
    where date is not null and delbydel_id is not null and delbydel_navn is not null and bydel_id is not null and bydel_navn is not null
    group by all;

-- Inputs that already hold every level (sub-district rows, district rows without a sub-district, and an Oslo row
-- named "Oslo i alt" whose district id is empty or the 5-digit '10000'): the Oslo row becomes district '00'.
create macro district_id_of(bydel_id, bydel_navn) as
    case when bydel_navn = 'Oslo i alt' or bydel_id = '10000' then '00' else bydel_id end;

-- The original's "ratio of andel": a percentage column as a ratio (12.5 -> 0.125).
create macro percent_as_ratio(percent) as percent / 100;

-- The rows of an input that already holds every level, with the Oslo row as district '00' and its sub-district
-- name emptied (so it is the Oslo total, not a sub-district); nothing is aggregated.
create macro at_given_levels(tbl) as table
    select * replace (district_id_of(bydel_id, bydel_navn) as bydel_id,
                      case when delbydel_navn = 'Oslo i alt' then null else delbydel_navn end as delbydel_navn)
    from query_table(tbl);

-- Sentrum (16), Marka (17) and "Uten registrert adresse" (99) left out; a row without a district id stays (as
-- pandas' ~isin keeps it).
create macro not_16_17_99(bydel_id) as coalesce(bydel_id not in ('16', '17', '99'), true);

-- The original's pivot_table for one value column and category: the sum of the value over the group's rows of that
-- category, 0 when there are none, as a decimal (the pivot's empty cells made pandas' columns float).
create macro of_category(value, category, wanted) as coalesce(sum(value) filter (where category = wanted), 0)::double;

-- The botid categories: rows of tbl (meta columns, botid, value) summed per sub-district and year into short
-- ("Innvandrer, kort botid (<=5 år)"), long ("Innvandrer, lang botid (>5 år)") and two_parents ("Øvrige
-- befolkning"); a category a sub-district lacks is 0; rows missing a meta key are left out (pandas' group-by). The
-- counts are decimals, as the original's pivot makes them (so they are written 12.0).
create macro botid_categories(tbl) as table
    select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
           of_category(value, botid, 'Innvandrer, kort botid (<=5 år)') as short,
           of_category(value, botid, 'Innvandrer, lang botid (>5 år)') as long,
           of_category(value, botid, 'Øvrige befolkning') as two_parents
    from query_table(tbl)
    where date is not null and bydel_id is not null and bydel_navn is not null
      and delbydel_id is not null and delbydel_navn is not null
    group by all;

-- Non-western immigrants with a short stay (botid-ikke-vestlige, and levekar-totalt's indicator): the column
-- asia_afrika_latin_amerika_og_ost_europa_utenfor_eu of the short-stay category, and the whole population, each
-- summed to every level, joined on date, district and sub-district (the district and Oslo rows on their empty
-- sub-district); ikke_vestlig_kort_ratio = ikke_vestlig_kort / population.
create macro non_western_short_stay(botid_tbl, befolkning_tbl) as table
    with nwss_by_botid as (
        select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, botid,
               asia_afrika_latin_amerika_og_ost_europa_utenfor_eu as value
        from query_table(botid_tbl)),
    nwss_short as (
        select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, short as ikke_vestlig_kort
        from botid_categories('nwss_by_botid')),
    nwss_population as (from population_by_age(befolkning_tbl)),
    nwss_short_levels as (from aggregate_sum('nwss_short')),
    nwss_population_levels as (from aggregate_sum('nwss_population'))
    select k.*, p.population, k.ikke_vestlig_kort / p.population as ikke_vestlig_kort_ratio
    from nwss_short_levels k
    join nwss_population_levels p
      on k.date = p.date and k.bydel_id = p.bydel_id and k.delbydel_id is not distinct from p.delbydel_id;

-- Dwellings by building type (boligmengde-etter-boligtype): enebolig, rekkehus (horizontally divided + chain/terrace
-- houses), blokk (blocks + commercial/communal buildings) and total, the sum of the five building columns.
create macro dwellings_by_type(tbl) as table
    select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
           frittliggende_enebolig_eller_vaaningshus as enebolig,
           horisontaldelt_tomannsbolig_eller_annet_boligbygg_med_mindre_enn_3_etasjer
               + hus_i_kjede_rekkehus_terrasse_hus_vertikaldelt_tomannsbolig as rekkehus,
           blokk_leiegaard_el + forretningsgaard_bygg_for_felleshusholdning_el as blokk,
           enebolig + rekkehus + blokk as total
    from query_table(tbl);

-- People aged 30-59 who are not employed (levekar-ikke-sysselsatte, and levekar-totalt's indicator). sysselsatte is
-- counted in the 4th quarter of a year, the population on 1 January of the next: the population aged 30-59 of year
-- Y+1 is joined with the sysselsatte of year Y (on date and sub-district; sysselsatte rows of sub-districts the
-- population never has are left out), 16/17/99 dropped, antall_ikke_sysselsatte = population - antall_sysselsatte,
-- summed to every level, ratio of the population. The original labels the rows differently in its two functions:
-- levekar-ikke-sysselsatte with Y (date_shift 0), levekar-totalt with Y+1 (date_shift 1).
create macro not_employed_30_59(sysselsatte_tbl, befolkning_tbl, date_shift := 0) as table
    with ne_population as (
        select date - 1 as date, delbydel_id, population
        from population_by_age(befolkning_tbl, min_age := 30, max_age := 59)),
    ne_joined as (
        select s.date + date_shift as date, s.bydel_id, s.bydel_navn, s.delbydel_id, s.delbydel_navn,
               p.population, p.population - s.antall_sysselsatte as antall_ikke_sysselsatte
        from query_table(sysselsatte_tbl) s
        join ne_population p on s.date = p.date and s.delbydel_id = p.delbydel_id
        where not_16_17_99(s.bydel_id)),
    ne_levels as (from aggregate_sum('ne_joined'))
    select *, antall_ikke_sysselsatte / population as antall_ikke_sysselsatte_ratio from ne_levels;

-- People aged 30-59 with low education (levekar-lav-utdanning, and levekar-totalt's indicator): lav_utdanning =
-- ingen_utdanning_uoppgitt + grunnskole, total = all five levels (a missing cell counts as 0), summed to every
-- level; lav_utdanning_ratio = lav_utdanning / total.
create macro low_education(tbl) as table
    with le_rows as (
        select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
               coalesce(ingen_utdanning_uoppgitt, 0) + coalesce(grunnskole, 0) as lav_utdanning,
               coalesce(ingen_utdanning_uoppgitt, 0) + coalesce(grunnskole, 0) + coalesce(videregaende, 0)
                   + coalesce(universitet_hogskole_kort, 0) + coalesce(universitet_hogskole_lang, 0) as total
        from query_table(tbl)),
    le_levels as (from aggregate_sum('le_rows'))
    select *, lav_utdanning / total as lav_utdanning_ratio from le_levels;
