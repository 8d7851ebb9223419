-- trangboddhet: households by rooms per person. The input's Oslo rows (district id 00) are left out and Oslo is
-- summed again from every row, with sub-district and district; each category as a share of the four categories'
-- sum (not of rom_per_person_i_alt).
create temp table rooms as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       rom_per_person_under_0_5, rom_per_person_0_5_til_0_9, rom_per_person_1_0_til_1_9, rom_per_person_2_0_og_over,
       rom_per_person_i_alt
from husholdninger_etter_rom_per_person
where bydel_id is distinct from '00';

create temp table summed as from aggregate_sum('rooms');

select *,
       rom_per_person_under_0_5 / categories   as rom_per_person_under_0_5_ratio,
       rom_per_person_0_5_til_0_9 / categories as rom_per_person_0_5_til_0_9_ratio,
       rom_per_person_1_0_til_1_9 / categories as rom_per_person_1_0_til_1_9_ratio,
       rom_per_person_2_0_og_over / categories as rom_per_person_2_0_og_over_ratio
from (select *, rom_per_person_under_0_5 + rom_per_person_0_5_til_0_9 + rom_per_person_1_0_til_1_9 + rom_per_person_2_0_og_over as categories
      from summed);
