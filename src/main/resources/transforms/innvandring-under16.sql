-- innvandring-under16: children aged 0-15 (the input's rows with alder "0-15 år") with one or two immigrant parents
-- or immigrants themselves, summed to sub-district, district and Oslo, each as a share of all five categories.
create temp table children as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       norskfodt_med_innvandrerforeldre as to_foreldre,
       norskfodt_med_en_utenlandskfodt_forelder + utenlandsfodt_med_en_norsk_forelder as en_forelder,
       innvandrer,
       fodt_i_utlandet_av_norskfodte_foreldre + innvandrer + uten_innvandringsbakgrunn + to_foreldre + en_forelder as total
from innvandrer_befolkningen_0_15_ar
where alder = '0-15 år';

select *,
       to_foreldre / total as to_foreldre_ratio,
       en_forelder / total as en_forelder_ratio,
       innvandrer / total  as innvandrer_ratio
from aggregate_sum('children');
