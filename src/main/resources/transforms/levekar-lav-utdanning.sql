-- levekar-lav-utdanning: people aged 30-59 with at most primary school (or no education given), summed to
-- sub-district, district and Oslo, as a share of all five education levels (library: low_education).
select * from low_education('lav_utdanning');
