// The Vietnamese names of the codes the admin forms choose from, from the one vocabulary (domain/vocabulary).
import { vocabularyVi } from '../../i18n';

export const ROLE_VI = vocabularyVi('role');
export const ROLES = Object.keys(ROLE_VI);
export const PERIOD_TYPE = vocabularyVi('period_type');
// R11: the ranking's components.
export const WEIGHT_VI = vocabularyVi('ranking_component');
export const DIRECTIVE_KIND = vocabularyVi('directive_kind');
export const UNIT_KIND = vocabularyVi('unit_kind');
export const PEER_GROUP = vocabularyVi('peer_group');
export const AGGREGATION = vocabularyVi('aggregation');
// R19: where an indicator's figure comes from.
export const INDICATOR_SOURCE = vocabularyVi('indicator_source');
