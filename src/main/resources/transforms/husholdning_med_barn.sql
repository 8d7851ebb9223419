-- husholdning_med_barn: households by number of children, summed to sub-district, district and Oslo,
-- each as a share of all households.
create temp table households as
select date, bydel_id, bydel_navn, delbydel_id, delbydel_navn,
       ett_barn_i_hh                        as one_child,
       to_barn_i_hh                         as two_child,
       tre_barn_i_hh + fire_barn_eller_mer  as three_or_more,
       ingen_barn_i_hh                      as no_children,
       one_child + two_child + three_or_more + no_children as total
from husholdninger_med_barn;

select *,
       one_child / total     as one_child_ratio,
       two_child / total     as two_child_ratio,
       three_or_more / total as three_or_more_ratio,
       no_children / total   as no_children_ratio,
       total / total         as total_ratio
from aggregate_sum('households');
