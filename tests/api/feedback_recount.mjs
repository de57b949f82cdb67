// R17 recounted in the tests from the inbox's own rows (GET /feedback), as of a date: each count and ratio the
// server's figures must equal, written here independently of the server's code. Shared by the tests of the
// feedback figures and of the indicators computed from them (R19).
export function recount(items, asOf) {
  const known = items.filter((i) => i.received_on <= asOf);
  const out = (i) => ['not_accepted', 'merged', 'forwarded'].includes(i.state) && i.classified_on <= asOf;
  const within = known.filter((i) => !out(i));
  const due = (i) => (i.extended_due ?? i.answer_due);
  const answered = within.filter((i) => i.first_published_on && i.first_published_on <= asOf);
  const onTime = answered.filter((i) => i.first_published_on <= due(i));
  const overdue = within.filter((i) => !(i.first_published_on && i.first_published_on <= asOf) && asOf > due(i));
  const rated = within.filter((i) => i.rating && i.rated_on <= asOf);
  const complaints = within.filter((i) => (i.rating === 'chua_hai_long' && i.rated_on <= asOf) || (i.reopen_late && i.reopened_on <= asOf));
  const good = rated.filter((i) => i.rating !== 'chua_hai_long');
  return { received: known.length, within_competence: within.length, left_competence: known.length - within.length,
    answered: answered.length, answered_on_time: onTime.length, overdue: overdue.length, complaints: complaints.length,
    ratings: rated.length, r1: answered.length + overdue.length ? 100 * onTime.length / (answered.length + overdue.length) : null,
    r2: within.length ? 100 * (within.length - complaints.length) / within.length : null,
    rated_share: rated.length ? 100 * good.length / rated.length : null, rated_good: good.length };
}
