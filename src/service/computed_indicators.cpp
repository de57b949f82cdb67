#include "service/computed_indicators.h"

#include "service/feedback_figures.h"
#include "service/st_figures.h"

namespace tiendo::service {

// The same figures as the feedback pages', kept between readers (service::feedback_figures_kept).
domain::ComputedFigure computed_figure(store::Connection& c, domain::IndicatorSource source, domain::Date as_of) {
  if (source == domain::IndicatorSource::st_tracking)
    return domain::computed_from_st_tracking(st_task_figures(c, std::nullopt, as_of).figures.tracking, as_of);
  return domain::computed_from_feedback(source, feedback_figures_kept(c, {}, as_of, std::nullopt)->total, as_of);
}

std::map<store::Id, domain::Ratio> feedback_on_time_by_lead(store::Connection& c, domain::Date from,
                                                            domain::Date as_of) {
  store::FeedbackFilter filter;
  filter.received_from = domain::iso(from);
  filter.received_to = domain::iso(as_of);
  std::map<store::Id, domain::Ratio> out;
  for (const auto& u : feedback_figures_kept(c, filter, as_of, std::nullopt)->units)
    if (u.unit_id)
      out[*u.unit_id] = domain::Ratio{static_cast<int>(u.figures.answered_on_time),
                                      static_cast<int>(u.figures.answered + u.figures.overdue)};
  return out;
}

}  // namespace tiendo::service
