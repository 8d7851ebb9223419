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

-- The original's pivot_table for one value column and category: the sum of the value over the group's rows of that
-- category, 0 when there are none, as a decimal (the pivot's empty cells made pandas' columns float).
create macro of_category(value, category, wanted) as coalesce(sum(value) filter (where category = wanted), 0)::double;
