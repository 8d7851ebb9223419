-- levekar-ikke-sysselsatte: people aged 30-59 who are not employed (the population of 1 January after the
-- sysselsatte count minus the employed; library: not_employed_30_59, shared with levekar-totalt), summed to
-- sub-district, district and Oslo without 16/17/99, as a share of that population. Each row has the year of the
-- sysselsatte count (the original shifts the population year by -1 here).
select * from not_employed_30_59('sysselsatte', 'befolkning_etter_kjonn_og_alder', date_shift := 0);
