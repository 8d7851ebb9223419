-- ikke-fullfort-vgs: people who did not complete upper secondary school within 5 years, as the input has them at
-- every level; ratio = andel / 100.
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       antall_personer_ikke_fullfort_i_lopet_av_5_aar,
       percent_as_ratio(andelen_som_ikke_har_fullfort_i_lopet_av_5_aar) as antall_personer_ikke_fullfort_i_lopet_av_5_aar_ratio
from at_given_levels('ikke_fullfort_vgs');
