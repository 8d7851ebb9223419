-- levekar-lav-utdanning: people aged 30-59 with at most primary school (or no education given), summed to
-- sub-district, district and Oslo, as a share of all five education levels.
create temp table education as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       coalesce(ingen_utdanning_uoppgitt, 0) + coalesce(grunnskole, 0) as lav_utdanning,
       coalesce(ingen_utdanning_uoppgitt, 0) + coalesce(grunnskole, 0) + coalesce(videregaende, 0)
           + coalesce(universitet_hogskole_kort, 0) + coalesce(universitet_hogskole_lang, 0) as total
from lav_utdanning;

select *, lav_utdanning / total as lav_utdanning_ratio
from aggregate_sum('education');
