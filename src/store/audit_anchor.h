#pragma once
// The anchor of the audit chain, kept outside the database: a key file (32 random bytes, hex, mode 0600)
// and a checkpoint file (entry count, last id, last hash) signed with that key by HMAC-SHA-256. The hash
// chain alone shows an entry changed in place; the signed checkpoint also shows entries deleted at the
// tail and a chain rewritten and re-hashed by someone who can write the database but not read the key.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "store/db.h"

namespace tiendo::store {

struct AuditFiles {
  std::string key, anchor;
  std::string feedback_key;  // issue 15: seals feedback contacts, kept beside the audit key
};
// The key: `--audit-key` / TIENDO_AUDIT_KEY_FILE, else `<sqlite file>.audit-key`; PostgreSQL requires one.
// The anchor: `<sqlite file>.audit-anchor`, or `<database name>.audit-anchor` beside the key.
AuditFiles audit_files(const std::string& db_url, const std::string& key_option);

struct Checkpoint {
  long long count = 0, last_id = 0;
  std::string last_hash;
};
// The log as it stands; with `since`, counts only the entries after it (the id index, not the whole log).
Checkpoint current_checkpoint(Connection& c, const Checkpoint* since = nullptr);
// PostgreSQL only: exports this transaction's snapshot for pg_dump --snapshot, so that a backup's checkpoint,
// read in the same transaction, is of exactly what the dump copies. Valid while the transaction stays open.
std::string export_snapshot(Connection& c);

class AuditAnchor {
 public:
  // Reads the key; creates it (0600) when `create` and it does not exist yet.
  AuditAnchor(AuditFiles files, bool create);
  const AuditFiles& files() const { return files_; }
  bool key_created() const { return created_; }

  // Signs the database's current tail into the anchor file when it is newer than the one there (several
  // threads and instances may race: the file only moves forward). With no anchor file, one is started
  // only for an empty log or a key just created: a deleted anchor is reported, not silently replaced.
  // Called after a commit, it returns once a refresh that read the log after that commit has signed it:
  // writers that commit while one refresh runs share the next one (one file write and fsync for them all).
  void refresh(Database& db);

  std::string sign(const Checkpoint& cp) const;
  void write(const std::string& path, const Checkpoint& cp) const;
  // Nothing when the file is missing; throws when its signature does not match this key.
  std::optional<Checkpoint> read(const std::string& path) const;

  // Checks the log against the checkpoint (the chain itself is store::verify_audit's): a Vietnamese sentence
  // and the exit status.
  struct Verdict {
    int status = 0;  // 0 intact (entries newer than the anchor are named); 3 anchor missing, forged or signed
                     // by another key; 4 truncated at the tail; 5 rewritten
    std::string message;
  };
  Verdict verify(Database& db) const;

 private:
  AuditFiles files_;
  std::string key_;  // raw bytes
  bool created_ = false;
  std::atomic<bool> may_start_{false};  // a key just created may start the anchor file, once
  // Tickets: each refresh call takes one after its commit; a refresh covers every ticket taken before it reads
  // the log.
  std::atomic<std::uint64_t> asked_{0};
  std::uint64_t covered_ = 0;  // under refreshing_
  std::mutex refreshing_;

  void refresh_now(Database& db);
};

}  // namespace tiendo::store
