#include "store/change_feed.h"

#include <string_view>

namespace tiendo::store {

namespace {
// Writes that leave every figure of the dashboard and of the risks as they were: a draft's edit (only submitted data
// counts, R5: its submission is audited apart), a reopen request (its grant reopens the report, audited as the
// report's), and what concerns people, documents and the exchange with other systems.
bool figure_neutral(std::string_view entity, std::string_view action) {
  if (entity == "report") return action == "edit";
  for (std::string_view e :
       {"evidence", "explanation", "escalation", "overdue_review", "synthesis_report", "user", "reopen_request",
        "delegation", "reminder", "ranking_publication", "issued_document", "external_system", "external_code",
        "event_subscription", "event_delivery", "outbox", "outbox_item", "outbox_template"}) {
    if (entity == e) return true;
  }
  return false;
}

// Writes whose only effect on the figures is through what the system computes from feedback and S&T tasks.
bool computed_only(std::string_view entity) {
  for (std::string_view e : {"feedback_item", "st_task", "st_task_import", "st_rules"}) {
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
      "SELECT l.id, l.entity, l.action, CASE l.entity "
      "WHEN 'report' THEN (SELECT r.unit_id FROM reports r WHERE r.id = CAST(l.entity_id AS BIGINT)) "
      "WHEN 'escalation' THEN (SELECT r.unit_id FROM reports r WHERE r.id = CAST(l.entity_id AS BIGINT)) "
      "WHEN 'assignment' THEN (SELECT a.unit_id FROM assignments a WHERE a.id = CAST(l.entity_id AS BIGINT)) "
      "WHEN 'extension' THEN (SELECT a.unit_id FROM extensions e JOIN assignments a ON a.id = e.assignment_id "
      "WHERE e.id = CAST(l.entity_id AS BIGINT)) END FROM audit_log l WHERE l.id > $1 ORDER BY l.id",
      {seq}, [&](const RowView& r) {
        out.last_seq = r.i64(0);
        const std::string_view entity = r.view(1);
        if (figure_neutral(entity, r.view(2)) && !(escalations && entity == "escalation")) return;
        if (computed_only(entity)) {
          out.computed = true;
        } else if (r.null(3)) {
          out.structural = true;
        } else {
          out.units.insert(r.i64(3));
        }
      });
  return out;
}

}  // namespace tiendo::store
