-- levekar-trangbodde: people living in crowded homes as the input has them at every level; ratio = andel / 100.
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       antall_som_bor_trangt,
       percent_as_ratio(andel_som_bor_trangt) as antall_som_bor_trangt_ratio
from at_given_levels('trangbodde');
