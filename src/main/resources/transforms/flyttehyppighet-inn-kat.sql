-- flyttehyppighet-inn-kat: as flyttehyppighet-totalt, each flow split by immigration category: from and to joined on
-- every column they share (missing keys match, as in pandas' merge), the categories Innvandrer, "Norskfødte med
-- innv.foreldre" and Øvrige spread into one column per flow and category (<flow>_innvandrer, _norskfodt, _ovrige;
-- decimals, as pandas' pivot left them), summed to district and Oslo level per age group, plus <flow>_totalt = the
-- three categories' sum.
create temp table moves as
select fra.date, fra.bydel_id, fra.bydel_navn, fra.aldersgruppe_5_aar, fra.innvandringskategori as category,
       innflytting_til_oslo, innflytting_mellom_bydeler, innflytting_innenfor_bydelen,
       utflytting_fra_oslo, utflytting_mellom_bydeler, utflytting_innenfor_bydelen
from flytting_fra_etter_inn_kat fra
join flytting_til_etter_inn_kat til
  on fra.date is not distinct from til.date and fra.bydel_id is not distinct from til.bydel_id
 and fra.bydel_navn is not distinct from til.bydel_navn and fra.aldersgruppe_5_aar is not distinct from til.aldersgruppe_5_aar
 and fra.innvandringskategori is not distinct from til.innvandringskategori;

create temp table by_category as
select date, bydel_id, bydel_navn, aldersgruppe_5_aar, null::varchar as delbydel_id, null::varchar as delbydel_navn,
       of_category(innflytting_til_oslo, category, 'Innvandrer')                     as innflytting_til_oslo_innvandrer,
       of_category(innflytting_til_oslo, category, 'Norskfødte med innv.foreldre')   as innflytting_til_oslo_norskfodt,
       of_category(innflytting_til_oslo, category, 'Øvrige')                         as innflytting_til_oslo_ovrige,
       of_category(innflytting_mellom_bydeler, category, 'Innvandrer')                   as innflytting_mellom_bydeler_innvandrer,
       of_category(innflytting_mellom_bydeler, category, 'Norskfødte med innv.foreldre') as innflytting_mellom_bydeler_norskfodt,
       of_category(innflytting_mellom_bydeler, category, 'Øvrige')                       as innflytting_mellom_bydeler_ovrige,
       of_category(innflytting_innenfor_bydelen, category, 'Innvandrer')                   as innflytting_innenfor_bydelen_innvandrer,
       of_category(innflytting_innenfor_bydelen, category, 'Norskfødte med innv.foreldre') as innflytting_innenfor_bydelen_norskfodt,
       of_category(innflytting_innenfor_bydelen, category, 'Øvrige')                       as innflytting_innenfor_bydelen_ovrige,
       of_category(utflytting_fra_oslo, category, 'Innvandrer')                     as utflytting_fra_oslo_innvandrer,
       of_category(utflytting_fra_oslo, category, 'Norskfødte med innv.foreldre')   as utflytting_fra_oslo_norskfodt,
       of_category(utflytting_fra_oslo, category, 'Øvrige')                         as utflytting_fra_oslo_ovrige,
       of_category(utflytting_mellom_bydeler, category, 'Innvandrer')                   as utflytting_mellom_bydeler_innvandrer,
       of_category(utflytting_mellom_bydeler, category, 'Norskfødte med innv.foreldre') as utflytting_mellom_bydeler_norskfodt,
       of_category(utflytting_mellom_bydeler, category, 'Øvrige')                       as utflytting_mellom_bydeler_ovrige,
       of_category(utflytting_innenfor_bydelen, category, 'Innvandrer')                   as utflytting_innenfor_bydelen_innvandrer,
       of_category(utflytting_innenfor_bydelen, category, 'Norskfødte med innv.foreldre') as utflytting_innenfor_bydelen_norskfodt,
       of_category(utflytting_innenfor_bydelen, category, 'Øvrige')                       as utflytting_innenfor_bydelen_ovrige
from moves
where date is not null and bydel_id is not null and bydel_navn is not null and aldersgruppe_5_aar is not null
group by all;

select *,
       innflytting_til_oslo_innvandrer + innflytting_til_oslo_norskfodt + innflytting_til_oslo_ovrige                         as innflytting_til_oslo_totalt,
       innflytting_mellom_bydeler_innvandrer + innflytting_mellom_bydeler_norskfodt + innflytting_mellom_bydeler_ovrige       as innflytting_mellom_bydeler_totalt,
       innflytting_innenfor_bydelen_innvandrer + innflytting_innenfor_bydelen_norskfodt + innflytting_innenfor_bydelen_ovrige as innflytting_innenfor_bydelen_totalt,
       utflytting_fra_oslo_innvandrer + utflytting_fra_oslo_norskfodt + utflytting_fra_oslo_ovrige                         as utflytting_fra_oslo_totalt,
       utflytting_mellom_bydeler_innvandrer + utflytting_mellom_bydeler_norskfodt + utflytting_mellom_bydeler_ovrige       as utflytting_mellom_bydeler_totalt,
       utflytting_innenfor_bydelen_innvandrer + utflytting_innenfor_bydelen_norskfodt + utflytting_innenfor_bydelen_ovrige as utflytting_innenfor_bydelen_totalt
from aggregate_sum('by_category', extra := ['aldersgruppe_5_aar'])
order by date, bydel_id, aldersgruppe_5_aar;
