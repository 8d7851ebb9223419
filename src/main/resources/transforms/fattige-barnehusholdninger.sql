-- fattige-barnehusholdninger: low-income households with children (EU scale) as the input has them at every level;
-- rows without the count or the share are left out; ratio = andel / 100.
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       husholdninger_med_barn_under_18_aar_eu_skala_antall as antall_fattige_barnehusholdninger,
       percent_as_ratio(husholdninger_med_barn_under_18_aar_eu_skala_andel) as antall_fattige_barnehusholdninger_ratio
from at_given_levels('fattige_husholdninger')
where husholdninger_med_barn_under_18_aar_eu_skala_antall is not null
  and husholdninger_med_barn_under_18_aar_eu_skala_andel is not null;
