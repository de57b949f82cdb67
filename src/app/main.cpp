// The `tiendo` command: serve, migrate, init, demo, user add|reset|deactivate|end-sessions|unlock, audit verify,
// backup.
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "api/router.h"
#include "api/server.h"
#include "app/backup.h"
#include "app/demo.h"
#include "app/scheduler.h"
#include "domain/password_policy.h"
#include "domain/st_task.h"
#include "mail/outgoing.h"
#include "security/feedback_seal.h"
#include "security/password.h"
#include "service/admin.h"
#include "service/call.h"
#include "service/plan_import.h"
#include "store/audit_anchor.h"
#include "store/document_store.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace {

std::string default_db() { return "data/tiendo.db"; }

std::string now_iso() {
  return tiendo::domain::iso(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// A password from the option, or else the first line of standard input (kept out of the process list).
std::string password_from(const std::string& option) {
  if (!option.empty()) return option;
  std::string line;
  std::getline(std::cin, line);
  if (line.empty()) throw std::runtime_error("cần --password hoặc mật khẩu trên dòng đầu của đầu vào chuẩn");
  return line;
}

void audit_cli(tiendo::store::Database& db, tiendo::store::Connection& c, tiendo::store::Id user_id,
               const std::string& action, const std::string& after_json) {
  tiendo::store::append_audit(
      c, db.kind() == "postgresql",
      {0, now_iso(), std::nullopt, "cli", "cli", "user", std::to_string(user_id), action, "", after_json, "", ""});
}

// The command line acts as the system over the whole city, its audit entries signed "cli".
tiendo::service::Actor cli_actor() {
  tiendo::service::Actor a;
  a.username = "cli";
  a.source = "cli";
  a.role = "admin";
  return a;
}

// The audit chain's signed anchor, kept outside the database; every audited write moves it forward.
std::unique_ptr<tiendo::store::AuditAnchor> g_anchor;

// `anchored`: the key is created on first use and every audited write signs the new tail (the commands that
// write); without it the database is only opened (audit verify reads the anchor itself).
std::unique_ptr<tiendo::store::Database> open_db(const std::string& url, int readers, const std::string& audit_key,
                                                 bool anchored = true) {
  if (!url.starts_with("postgres")) {
    const auto parent = std::filesystem::path(url).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  std::optional<tiendo::store::AuditFiles> files;
  if (anchored) files = tiendo::store::audit_files(url, audit_key);  // PostgreSQL without a key stops here
  auto db = tiendo::store::Database::open(url, readers);
  db->migrate();
  if (files) {
    g_anchor = std::make_unique<tiendo::store::AuditAnchor>(*files, true);
    g_anchor->refresh(*db);
    db->set_after_audited_write([d = db.get()] { g_anchor->refresh(*d); });
  }
  return db;
}

std::unique_ptr<tiendo::store::AuditAnchor> existing_anchor(const std::string& url, const std::string& audit_key) {
  try {
    return std::make_unique<tiendo::store::AuditAnchor>(tiendo::store::audit_files(url, audit_key), false);
  } catch (const std::exception& e) {
    std::cerr << "Cảnh báo: " << e.what() << ".\n";
    return nullptr;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "libsodium không khởi tạo được\n";
    return 1;
  }
  CLI::App app{"Tiến Độ — theo dõi kế hoạch khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06"};
  app.require_subcommand(1);
  std::string db_url = default_db();
  app.add_option("--db", db_url, "SQLite file path or postgresql://… URL")->capture_default_str();
  std::string audit_key;
  app.add_option("--audit-key", audit_key,
                 "Key file that signs the audit log's anchor, kept outside the database (env TIENDO_AUDIT_KEY_FILE; "
                 "default <SQLite file>.audit-key, created 0600; required for PostgreSQL)");
  // `tiendo serve --db …` as the README prints it, and `tiendo --db … serve` as before: every subcommand
  // hands the options it does not know (--db) up to the command.
  app.fallthrough();

  auto* serve = app.add_subcommand("serve", "Start the HTTP server");
  tiendo::api::ServerOptions opts;
  tiendo::api::Config config;
  std::string clock;
  std::string replica_url;
  int readers = 8;
  serve->add_option("--address", opts.address)->capture_default_str();
  serve->add_option("--port", opts.port)->capture_default_str();
  serve->add_option("--io-threads", opts.io_threads)->capture_default_str();
  serve->add_option("--workers", opts.worker_threads)->capture_default_str();
  serve->add_option("--db-connections", readers)->capture_default_str();
  serve->add_option("--evidence-dir", config.evidence_dir)->capture_default_str();
  long long max_upload_mb = config.max_upload_bytes / (1024 * 1024);
  serve->add_option("--max-upload-mb", max_upload_mb, "Largest evidence file accepted")->capture_default_str();
  config.web_root = "web/dist";
  serve->add_option("--web-root", config.web_root, "Folder of the built web client")->capture_default_str();
  serve->add_option("--replica-db", replica_url,
                    "postgresql://… of a streaming replica, for reads that may lag a moment (documents, history)");
  serve->add_option("--instance", config.instance, "This instance's name, sent as X-Tiendo-Instance");
  serve->add_option("--clock", clock, "Start the clock at this instant (YYYY-MM-DDTHH:MM:SSZ), for demos and tests");
  bool insecure_cookie = false;
  serve->add_flag("--insecure-cookie", insecure_cookie,
                  "Session cookie without Secure, for plain HTTP on loopback (make run); Secure by default");
  serve->add_flag("--secure-cookies", config.secure_cookies, "Kept for old scripts: cookies are Secure by default");
  serve->add_flag("--behind-tls", config.behind_tls,
                  "Clients reach this server over HTTPS (TLS proxy): send Strict-Transport-Security");
  std::string port_file;
  serve->add_option("--port-file", port_file, "Write the bound port here once listening");
  serve->add_option("--event-allow", config.exchange.allowlist,
                    "A destination signed events may be sent to: host (port 443) or host:port; repeat for more");
  serve->add_option("--event-ca", config.exchange.ca_file, "Extra CA certificate to trust for event receivers");
  serve->add_option("--event-timeout-ms", config.exchange.timeout_ms, "Deadline of one event delivery")
      ->capture_default_str()
      ->check(CLI::Range(100, 120000));
  serve->add_option("--event-max-attempts", config.exchange.max_attempts, "Attempts before a delivery is failed")
      ->capture_default_str()
      ->check(CLI::Range(1, 50));
  int event_seconds = 2;
  serve->add_option("--event-seconds", event_seconds, "How often waiting events are looked for and sent")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  int scheduler_seconds = 60;
  serve->add_option("--scheduler-seconds", scheduler_seconds, "How often reminders run and e-mail is sent (0: off)")
      ->capture_default_str();
  tiendo::mail::SmtpConfig smtp;
  serve->add_option("--smtp-host", smtp.host, "SMTP server for e-mail reminders (none: in-app only)");
  serve->add_option("--smtp-port", smtp.port)->capture_default_str();
  serve->add_option("--smtp-from", smtp.from)->capture_default_str();
  serve->add_option("--smtp-user", smtp.username);
  serve->add_option("--smtp-tls", smtp.tls, "none, starttls or implicit")
      ->check(CLI::IsMember({"none", "starttls", "implicit"}))
      ->capture_default_str();
  serve->add_option("--smtp-ca", smtp.ca_file, "Extra CA certificate to trust for the SMTP server");
  if (const char* pw = std::getenv("TIENDO_SMTP_PASSWORD")) smtp.password = pw;
  serve
      ->add_option("--public-url", config.public_url,
                   "Address people open the web client at (password reset links point there)")
      ->capture_default_str();
  auto& fl = config.feedback_limits;
  serve->add_option("--feedback-address-hour", fl.per_address_hour, "Feedback items one address may send per hour")
      ->capture_default_str();
  serve->add_option("--feedback-address-day", fl.per_address_day, "… per day")->capture_default_str();
  serve->add_option("--feedback-contact-hour", fl.per_contact_hour, "Feedback items one contact may send per hour")
      ->capture_default_str();
  serve->add_option("--feedback-contact-day", fl.per_contact_day, "… per day")->capture_default_str();
  int feedback_retention_days = 365;
  serve
      ->add_option("--feedback-retention-days", feedback_retention_days,
                   "Days a closed feedback item keeps its sender's name and contact (Decree 13/2023); -1: kept")
      ->capture_default_str();
  serve->add_option("--feedback-answer-days", config.feedback_deadlines.answer_days, "Days to answer a feedback item")
      ->capture_default_str();
  serve->add_flag("--feedback-answer-working-days", config.feedback_deadlines.answer_in_working_days,
                  "Count the answer's days as working days");
  serve
      ->add_option("--feedback-due-soon-days", config.feedback_deadlines.due_soon_days,
                   "Days before its answer's deadline a feedback item is due soon (warnings, reminders)")
      ->check(CLI::Range(0, 60))
      ->capture_default_str();
  std::string password_list = tiendo::security::kCommonPasswordsFile;
  app.add_option("--password-list", password_list, "Common passwords refused (Debian package john-data)")
      ->capture_default_str();

  auto* init = app.add_subcommand("init", "First run on a clean database: the root unit and the first admin");
  std::string init_unit_name, init_unit_code = "ROOT", init_admin, init_full_name = "Quản trị hệ thống", init_email,
                              init_password;
  init->add_option("--root-unit-name", init_unit_name, "e.g. \"Thành phố Hải Phòng\"")->required();
  init->add_option("--root-unit-code", init_unit_code)->capture_default_str();
  init->add_option("--admin", init_admin, "User name of the first admin")->required();
  init->add_option("--full-name", init_full_name)->capture_default_str();
  init->add_option("--email", init_email, "The admin's e-mail (for \"quên mật khẩu\")");
  init->add_option("--password", init_password, "Else read from the first line of standard input");

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  auto* demo = app.add_subcommand("demo", "Create a database with the Hải Phòng demo plan");
  std::string demo_dir = "data/demo";
  demo->add_option("--data", demo_dir, "Folder of the demo JSON files")->capture_default_str();

  auto* user = app.add_subcommand("user", "Manage users");
  auto* user_add = user->add_subcommand("add", "Add a user");
  tiendo::service::NewUser nu;
  std::string unit_code, password;
  user_add->add_option("username", nu.username)->required();
  user_add->add_option("--name", nu.full_name)->required();
  user_add->add_option("--role", nu.role)->required();
  user_add->add_option("--unit", unit_code, "Unit code")->required();
  user_add->add_option("--password", password)->required();
  std::string target_name, new_password;
  auto* user_reset = user->add_subcommand("reset", "Set a new password; every session of the user ends");
  user_reset->add_option("username", target_name)->required();
  user_reset->add_option("--password", new_password, "Else read from the first line of standard input");
  auto* user_deactivate = user->add_subcommand("deactivate", "Deactivate the user; every session ends");
  user_deactivate->add_option("username", target_name)->required();
  auto* user_activate = user->add_subcommand("activate", "Activate the user again");
  user_activate->add_option("username", target_name)->required();
  auto* user_end = user->add_subcommand("end-sessions", "End every session of the user");
  user_end->add_option("username", target_name)->required();
  auto* user_unlock = user->add_subcommand("unlock", "Lift the login delay of the user from every address");
  user_unlock->add_option("username", target_name)->required();
  user->require_subcommand(1);

  auto* audit = app.add_subcommand("audit", "Audit trail");
  auto* audit_verify = audit->add_subcommand("verify", "Check the hash chain of the audit log");
  audit->require_subcommand(1);

  auto* backup = app.add_subcommand("backup", "Copy the database while the server runs");
  std::string backup_to;
  backup->add_option("--to", backup_to, "Destination file")->required();

  auto* restore = app.add_subcommand("restore", "Restore a backup into a new database (--db names it)");
  std::string restore_from;
  restore->add_option("--from", restore_from, "Backup file made by `tiendo backup`")->required();

  auto* import =
      app.add_subcommand("import", "Import a plan from .xlsx, .csv or .docx (preview; --confirm creates it)");
  std::string import_directive, import_file;
  bool import_confirm = false;
  import->add_option("--directive", import_directive, "Number of the plan to import into, e.g. 27/QĐ-BCĐ")->required();
  import->add_option("--file", import_file, "The file")->required()->check(CLI::ExistingFile);
  import->add_flag("--confirm", import_confirm, "Create everything when nothing blocks it");

  CLI11_PARSE(app, argc, argv);

  try {
    // Every command that sets a password, and the server, refuse without the list.
    if (serve->parsed() || init->parsed() || demo->parsed() || user_add->parsed() || user_reset->parsed()) {
      tiendo::security::load_common_passwords(password_list);
    }
    if (serve->parsed()) {
      config.smtp = smtp;
      tiendo::security::prepare_logins();
      config.max_upload_bytes = max_upload_mb * 1024 * 1024;
      if (insecure_cookie) config.secure_cookies = false;
      std::optional<tiendo::domain::Instant> start_at;
      if (!clock.empty()) {
        start_at = tiendo::domain::parse_iso_instant(clock);
        if (!start_at) throw std::runtime_error("--clock must look like 2026-11-24T03:00:00Z");
      }
      const tiendo::api::Clock server_clock(start_at);
      auto db = open_db(db_url, readers, audit_key);
      db->analyze();
      config.feedback_seal = std::make_shared<const tiendo::security::FeedbackSeal>(
          tiendo::security::FeedbackSeal::from_file(tiendo::store::audit_files(db_url, audit_key).feedback_key));
      if (!replica_url.empty()) db->set_replica(tiendo::store::Database::open(replica_url, readers));
      const auto router = tiendo::api::make_router();
      router.keep_models_current(*db, server_clock.now());
      tiendo::app::Scheduler scheduler(*db, smtp, config.public_url, config.exchange, server_clock,
                                       std::chrono::seconds(scheduler_seconds), feedback_retention_days,
                                       config.feedback_deadlines, std::chrono::seconds(event_seconds));
      tiendo::api::serve(router, *db, config, opts, server_clock, [&](unsigned short port) {
        spdlog::info("Tiến Độ đang chạy tại http://{}:{} (cơ sở dữ liệu: {})", opts.address, port, db->kind());
        if (!port_file.empty()) {
          std::ofstream(port_file) << port << "\n";
        }
      });
      tiendo::mail::finish_sending();
    } else if (migrate->parsed()) {
      open_db(db_url, 1, audit_key);
      std::cout << "Đã cập nhật lược đồ cơ sở dữ liệu.\n";
    } else if (init->parsed()) {
      auto db = open_db(db_url, 1, audit_key);
      const std::string pw = password_from(init_password);
      if (auto problem = tiendo::security::password_problem(pw, {init_admin, init_full_name, init_unit_name}))
        throw std::runtime_error(*problem);
      const std::string hash = tiendo::security::hash_password(pw);
      db->write([&](tiendo::store::Connection& c) {
        if (tiendo::store::count_users(c) > 0)
          throw std::runtime_error("cơ sở dữ liệu đã có người dùng; không khởi tạo lại");
        tiendo::store::Unit root;
        root.code = init_unit_code;
        root.name = init_unit_name;
        root.short_name = init_unit_name;
        root.kind = "city";
        root.peer_group = "other";
        const auto unit_id = tiendo::store::insert_unit(c, root, now_iso());
        tiendo::store::User admin;
        admin.username = init_admin;
        admin.full_name = init_full_name;
        admin.role = "admin";
        admin.unit_id = unit_id;
        admin.email = init_email;
        admin.password_hash = hash;
        const auto id = tiendo::store::insert_user(c, admin, now_iso());
        audit_cli(*db, c, id, "init",
                  "{\"username\":\"" + init_admin + "\",\"role\":\"admin\",\"unit\":\"" + init_unit_code + "\"}");
      });
      std::cout << "Đã tạo đơn vị gốc " << init_unit_name << " và quản trị viên " << init_admin << ".\n";
    } else if (user_reset->parsed() || user_deactivate->parsed() || user_activate->parsed() || user_end->parsed() ||
               user_unlock->parsed()) {
      // The administrator's use cases (service/admin), run by the command line as the system.
      namespace svc = tiendo::service;
      auto db = open_db(db_url, 1, audit_key);
      auto target =
          db->read([&](tiendo::store::Connection& c) { return tiendo::store::find_user_by_name(c, target_name); });
      if (!target) throw std::runtime_error("không tìm thấy người dùng " + target_name);
      const auto who = cli_actor();
      const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
      const bool postgres = db->kind() == "postgresql";
      std::string done;
      if (user_reset->parsed()) {
        const auto n = svc::reset_user_password(*db, who, now, postgres, target->id, password_from(new_password));
        done = "Đã đặt mật khẩu mới; " + std::to_string(n) + " phiên bị kết thúc.";
      } else {
        done = db->write([&](tiendo::store::Connection& c) -> std::string {
          const svc::Call call{c, who, now, postgres};
          if (user_deactivate->parsed() || user_activate->parsed()) {
            const bool active = user_activate->parsed();
            svc::set_user_active(call, target->id, active);
            return active ? "Đã mở lại tài khoản." : "Đã khóa tài khoản; mọi phiên đã kết thúc.";
          }
          if (user_end->parsed())
            return "Đã kết thúc " + std::to_string(svc::end_user_sessions(call, target->id)) + " phiên.";
          svc::unlock_user(call, target->id);
          return "Đã bỏ thời gian chờ đăng nhập.";
        });
      }
      std::cout << target->username << ": " << done << "\n";
    } else if (demo->parsed()) {
      auto db = open_db(db_url, 2, audit_key);
      const auto seal =
          tiendo::security::FeedbackSeal::from_file(tiendo::store::audit_files(db_url, audit_key).feedback_key);
      tiendo::app::load_demo(*db, demo_dir, seal);
      std::cout << "Đã tạo dữ liệu mẫu Hải Phòng.\n";
    } else if (user_add->parsed()) {
      auto db = open_db(db_url, 1, audit_key);
      auto unit =
          db->read([&](tiendo::store::Connection& c) { return tiendo::store::find_unit_by_code(c, unit_code); });
      if (!unit) throw std::runtime_error("không tìm thấy đơn vị " + unit_code);
      nu.unit_id = unit->id;
      nu.password = password;
      tiendo::service::create_user(*db, cli_actor(),
                                   std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                                   db->kind() == "postgresql", nu);
      std::cout << "Đã thêm người dùng " << nu.username << ".\n";
    } else if (audit_verify->parsed()) {
      auto db = open_db(db_url, 1, audit_key, false);
      long long checked = 0;
      auto broken = db->read([&](tiendo::store::Connection& c) { return tiendo::store::verify_audit(c, &checked); });
      if (broken) {
        std::cout << "Chuỗi nhật ký bị sửa đổi tại mục " << *broken << " (đã kiểm " << checked << " mục).\n";
        return 2;
      }
      // The chain holds entry by entry; the signed anchor says whether it is still the whole chain.
      std::unique_ptr<tiendo::store::AuditAnchor> anchor;
      try {
        anchor = std::make_unique<tiendo::store::AuditAnchor>(tiendo::store::audit_files(db_url, audit_key), false);
      } catch (const std::exception& e) {
        std::cout << "Không kiểm được điểm neo của nhật ký (" << checked << " mục nối đúng chuỗi băm): " << e.what()
                  << ".\n";
        return 3;
      }
      const auto verdict = anchor->verify(*db);
      if (verdict.status != 0) {
        std::cout << verdict.message << "\n";
        return verdict.status;
      }
      std::cout << "Nhật ký toàn vẹn: " << checked << " mục; " << verdict.message << ".\n";
    } else if (import->parsed()) {
      auto db = open_db(db_url, 1, audit_key);
      std::ifstream in(import_file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), {});
      std::string kind;
      const auto plan =
          tiendo::service::read_import_file(std::filesystem::path(import_file).filename().string(), bytes, kind);
      // The import page's use cases, run by the command line as the system; preview and confirmation in one
      // transaction, so a blocked import leaves nothing behind.
      const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
      const int rc = db->write([&](tiendo::store::Connection& c) {
        namespace svc = tiendo::service;
        const svc::Call call{c, cli_actor(), now, db->kind() == "postgresql"};
        auto d = tiendo::store::find_directive_by_number(c, import_directive);
        if (!d) throw std::runtime_error("không tìm thấy văn bản " + import_directive);
        const auto p = svc::upload_plan_import(call, d->id, import_file, kind, plan, std::nullopt);
        const auto& sum = p.at("summary").as_object();
        std::cout << "Đọc được " << sum.at("indicators").as_int64() << " chỉ tiêu, " << sum.at("tasks").as_int64()
                  << " nhiệm vụ, " << sum.at("assignments").as_int64() << " lượt giao.\n";
        for (const auto& i : p.at("issues").as_array())
          std::cout << (i.at("blocking").as_bool() ? "  [chặn] " : "  [lưu ý] ") << "dòng " << i.at("row").as_int64()
                    << ": " << i.at("message").as_string().c_str() << "\n";
        if (!import_confirm) {
          std::cout
              << "Chưa tạo gì: thêm --confirm để nhập, hoặc chọn đơn vị cho cụm từ chưa khớp trên trang Văn bản.\n";
          return 0;
        }
        if (sum.at("blocking").as_int64() > 0) throw std::runtime_error("còn vấn đề chặn, không nhập");
        const auto done = svc::confirm_plan_import(call, p.at("id").as_int64(), [](size_t n, size_t total) {
          std::cout << "\rĐang tạo " << n << "/" << total << " dòng" << std::flush;
        });
        const auto& made = done.at("created").as_object();
        std::cout << "\nĐã tạo " << made.at("indicators").as_int64() << " chỉ tiêu, " << made.at("tasks").as_int64()
                  << " nhiệm vụ, " << made.at("assignments").as_int64() << " lượt giao.\n";
        return 0;
      });
      return rc;
    } else if (backup->parsed()) {
      const auto anchor = existing_anchor(db_url, audit_key);
      tiendo::app::backup(db_url, backup_to, anchor.get(), anchor ? anchor->files().feedback_key : "");
      std::cout << "Đã sao lưu vào " << backup_to << ".\n";
    } else if (restore->parsed()) {
      std::optional<tiendo::store::AuditFiles> files;
      try {
        files = tiendo::store::audit_files(db_url, audit_key);
      } catch (const std::exception& e) {
        std::cerr << "Cảnh báo: " << e.what() << "; tệp neo của bản sao lưu không được chép.\n";
      }
      const auto anchor = files ? existing_anchor(db_url, audit_key) : nullptr;
      tiendo::app::restore(restore_from, db_url, anchor.get(), files ? files->anchor : "",
                           files ? files->feedback_key : "");
      // A key given for a restored SQLite file is kept beside it, where later commands look by default.
      const std::string beside = db_url + ".audit-key";
      if (anchor && !db_url.starts_with("postgres") && files->key != beside && !std::filesystem::exists(beside)) {
        std::filesystem::copy_file(files->key, beside);
        std::filesystem::permissions(beside, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
      }
      std::cout << "Đã khôi phục từ " << restore_from << ". Kiểm tra: tiendo --db ... audit verify\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "Lỗi: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
