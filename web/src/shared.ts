// What several pages share: the one way to show a failed request, and the lists most forms choose from.
// No antd component here beyond `message`, so a page that needs a helper does not fetch a heavy widget with it.
import { useEffect, useState } from 'react';
import { message } from 'antd';
import type { FormInstance } from 'antd';
import { get, ApiError, Schemas } from './api';

// "le chan" finds "Lê Chân": text compared without diacritics or case.
export const fold = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

export const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

// A refused field's message beside that field of `form`; anything else as a message at the top of the screen.
export function fail(e: unknown, form?: FormInstance) {
  if (e instanceof ApiError && e.field && form) form.setFields([{ name: e.field, errors: [e.message] }]);
  else message.error(errorText(e));
}

// Every unit (the choosers of the admin forms and the dashboard); `version` reloads them after a change.
export function useUnits(version = 0) {
  const [units, setUnits] = useState<Schemas['Unit'][]>([]);
  useEffect(() => { get<Schemas['UnitList']>('/units?limit=1000').then((r) => setUnits(r.items)).catch(fail); }, [version]);
  return units;
}

// The documents that carry a plan to report on.
export function usePlans() {
  const [plans, setPlans] = useState<Schemas['Directive'][]>([]);
  useEffect(() => { get<Schemas['DirectiveList']>('/directives?has_plan=true&limit=200').then((r) => setPlans(r.items)).catch(fail); }, []);
  return plans;
}
