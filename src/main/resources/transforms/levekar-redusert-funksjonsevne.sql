-- levekar-redusert-funksjonsevne: people aged 16-66 with reduced functional ability as the input has them at every
-- level; ratio = andel / 100.
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       antall_personer_med_redusert_funksjonsevne,
       percent_as_ratio(andel_personer_med_redusert_funksjonsevne) as antall_personer_med_redusert_funksjonsevne_ratio
from at_given_levels('redusert_funksjonsevne');
