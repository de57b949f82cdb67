-- Issue 14, item 13: a group defined by rule holds every unit of the kinds it names (comma-separated unit kinds,
-- e.g. "commune,ward,special_zone" for "UBND cấp xã"); NULL is a hand-made group. The rule decides who joins, the
-- joining itself is kept as before in unit_group_member_history (R15): a unit created or changed to such a kind
-- joins from that moment and is assigned the group's live tasks from then on.
ALTER TABLE unit_groups ADD COLUMN member_kinds TEXT;
