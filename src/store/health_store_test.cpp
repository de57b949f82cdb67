// The health check's round trip answers on an open database. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one.
#include "store/health_store.h"

#include "store/test_database.h"

namespace tiendo::store {
namespace {

using HealthStore = StoreTest;

TEST_F(HealthStore, PingAnswers) {
  EXPECT_NO_THROW(db_->read([](Connection& c) { ping(c); }));
}

}  // namespace
}  // namespace tiendo::store
