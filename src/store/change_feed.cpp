#include "store/change_feed.h"

#include <string_view>

namespace tiendo::store {

namespace {
// Writes that leave every figure of the dashboard as it was.
bool figure_neutral(std::string_view entity) {
  for (std::string_view e : {"evidence", "explanation", "escalation", "overdue_review", "synthesis_report", "user"}) {
    if (entity == e) return true;
  }
  return false;
}
}  // namespace

long long current_seq(Connection& c) {
  auto rows = c.query("SELECT COALESCE(MAX(id), 0) FROM audit_log");
  return rows.empty() ? 0 : rows[0].i64(0);
}

Changes changes_since(Connection& c, long long seq, bool escalations) {
  Changes out;
  out.last_seq = seq;
  // The unit each entry touches, found through the entity it names.
  c.each(
      "SELECT l.id, l.entity, CASE l.entity "
      "WHEN 'report' THEN (SELECT r.unit_id FROM reports r WHERE r.id = CAST(l.entity_id AS BIGINT)) "
      "WHEN 'escalation' THEN (SELECT r.unit_id FROM reports r WHERE r.id = CAST(l.entity_id AS BIGINT)) "
      "WHEN 'assignment' THEN (SELECT a.unit_id FROM assignments a WHERE a.id = CAST(l.entity_id AS BIGINT)) "
      "WHEN 'extension' THEN (SELECT a.unit_id FROM extensions e JOIN assignments a ON a.id = e.assignment_id "
      "WHERE e.id = CAST(l.entity_id AS BIGINT)) END FROM audit_log l WHERE l.id > $1 ORDER BY l.id",
      {seq}, [&](const RowView& r) {
        out.last_seq = r.i64(0);
        const std::string_view entity = r.view(1);
        if (figure_neutral(entity) && !(escalations && entity == "escalation")) return;
        if (r.null(2)) {
          out.structural = true;
        } else {
          out.units.insert(r.i64(2));
        }
      });
  return out;
}

}  // namespace tiendo::store
