-- botid-ikke-vestlige: immigrants from Asia, Africa, Latin America and Eastern Europe outside the EU with a short
-- stay (<= 5 years), summed to sub-district, district and Oslo, as a share of the whole population (library:
-- non_western_short_stay, shared with levekar-totalt).
select * from non_western_short_stay('botid_ikke_vestlige', 'befolkning_etter_kjonn_og_alder');
