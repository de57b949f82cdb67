// The audit anchor against each way a log can be cut or rewritten by someone who writes the database but
// does not hold the key.
#include "store/audit_anchor.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "store/user_store.h"

namespace tiendo::store {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  fs::path dir;
  std::unique_ptr<Database> db;
  std::unique_ptr<AuditAnchor> anchor;

  Fixture() {
    EXPECT_GE(sodium_init(), 0);
    dir = fs::temp_directory_path() /
          ("tiendo-anchor-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir);
    const std::string path = (dir / "t.db").string();
    db = Database::open(path, 2);
    db->migrate();
    anchor = std::make_unique<AuditAnchor>(audit_files(path, path + ".audit-key"), true);
    db->set_after_audited_write([this] { anchor->refresh(*db); });
    for (int i = 0; i < 6; ++i) append(i);
  }
  ~Fixture() { fs::remove_all(dir); }
  void append(int i) {
    db->write([&](Connection& c) {
      append_audit(c, false,
                   {0, "2026-11-24T03:00:0" + std::to_string(i) + "Z", std::nullopt, "cli", "cli", "report",
                    std::to_string(i), "edit", "", "{\"n\":" + std::to_string(i) + "}", "", ""});
    });
  }
  void sql(const std::string& s) {
    db->write([&](Connection& c) { c.script(s); });
  }
};

TEST(AuditAnchor, KeyIsCreatedOwnerOnlyBesideTheSqliteFile) {
  Fixture f;
  EXPECT_TRUE(f.anchor->key_created());
  EXPECT_EQ(f.anchor->files().key, (f.dir / "t.db.audit-key").string());
  EXPECT_EQ(f.anchor->files().anchor, (f.dir / "t.db.audit-anchor").string());
  struct stat st {};
  ASSERT_EQ(::stat(f.anchor->files().key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  {
    // Without the option, the environment may name the key: a PostgreSQL database with neither has none.
    const char* env = std::getenv("TIENDO_AUDIT_KEY_FILE");
    const std::optional<std::string> saved = env ? std::optional<std::string>(env) : std::nullopt;
    ::unsetenv("TIENDO_AUDIT_KEY_FILE");
    EXPECT_THROW(audit_files("postgresql://u@h/db", ""), std::runtime_error) << "PostgreSQL needs a key named";
    if (saved) ::setenv("TIENDO_AUDIT_KEY_FILE", saved->c_str(), 1);
  }
  EXPECT_EQ(audit_files("postgresql://u@h:5/tiendo?sslmode=require", "/k/audit.key").anchor, "/k/tiendo.audit-anchor");
}

TEST(AuditAnchor, EachTamperingHasItsOwnVerdict) {
  struct Case {
    const char* name;
    std::function<void(Fixture&)> tamper;
    int status;
    const char* words;
  };
  const std::vector<Case> cases = {
      {"untouched", [](Fixture&) {}, 0, "khớp điểm neo đã ký (6 mục"},
      {"tail deleted", [](Fixture& f) { f.sql("DELETE FROM audit_log WHERE id > 4"); }, 4, "bị cắt cụt ở cuối"},
      {"everything deleted", [](Fixture& f) { f.sql("DELETE FROM audit_log"); }, 4, "bị cắt cụt ở cuối"},
      {"last hash replaced",
       [](Fixture& f) { f.sql("UPDATE audit_log SET hash = 'ab' || substr(hash, 3) WHERE id = 6"); }, 5, "bị viết lại"},
      {"anchor removed", [](Fixture& f) { fs::remove(f.anchor->files().anchor); }, 3, "Thiếu tệp neo"},
      {"anchor edited",
       [](Fixture& f) {
         std::ifstream in(f.anchor->files().anchor);
         std::stringstream text;
         text << in.rdbuf();
         std::string s = text.str();
         s.replace(s.find("count 6"), 7, "count 4");
         std::ofstream(f.anchor->files().anchor, std::ios::trunc) << s;
       },
       3, "không khớp"},
      {"newer entries are named, not judged",
       [](Fixture& f) {
         f.db->set_after_audited_write([] {});
         f.append(7);
       },
       0, "1 mục mới hơn điểm neo"},
  };
  for (const auto& c : cases) {
    Fixture f;
    c.tamper(f);
    const auto v = f.anchor->verify(*f.db);
    EXPECT_EQ(v.status, c.status) << c.name << ": " << v.message;
    EXPECT_NE(v.message.find(c.words), std::string::npos) << c.name << ": " << v.message;
  }
}

TEST(AuditAnchor, RefreshOnlyMovesForwardAndNeverRecreatesADeletedAnchor) {
  Fixture f;
  const auto first = f.anchor->read(f.anchor->files().anchor);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->count, 6);
  // Signing an older checkpoint after a newer one changes nothing.
  f.sql("DELETE FROM audit_log WHERE id = 6");
  f.anchor->refresh(*f.db);
  EXPECT_EQ(f.anchor->read(f.anchor->files().anchor)->count, 6);
  fs::remove(f.anchor->files().anchor);
  f.anchor->refresh(*f.db);
  EXPECT_FALSE(fs::exists(f.anchor->files().anchor));
}

}  // namespace
}  // namespace tiendo::store
