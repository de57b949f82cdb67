#include "formats/pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "domain/text.h"

extern char** environ;

namespace tiendo::formats {

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tiendo-pdf-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string soffice() {
  for (const char* p : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/bin/libreoffice"})
    if (fs::exists(p)) return p;
  throw std::runtime_error("LibreOffice (soffice) không có trên máy chủ: cài gói libreoffice-writer-nogui");
}

}  // namespace

void ConversionGate::acquire() {
  std::unique_lock lock(m_);
  if (running_ < max_running_ && waiting_ == 0) {
    ++running_;
    return;
  }
  if (waiting_ >= max_waiting_) throw ConversionBusy();
  const auto ticket = next_ticket_++;
  ++waiting_;
  cv_.wait(lock, [&] { return running_ < max_running_ && serving_ == ticket; });
  --waiting_;
  ++serving_;
  ++running_;
  cv_.notify_all();  // the next ticket may fit too
}

void ConversionGate::release() {
  {
    std::lock_guard lock(m_);
    --running_;
  }
  cv_.notify_all();
}

int ConversionGate::running() const {
  std::lock_guard lock(m_);
  return running_;
}

int ConversionGate::waiting() const {
  std::lock_guard lock(m_);
  return waiting_;
}

ConversionGate& pdf_gate() {
  static ConversionGate gate(2, 8);
  return gate;
}

std::string docx_to_pdf(std::string_view docx, std::chrono::seconds timeout) {
  const ConversionGate::Slot slot(pdf_gate());
  TempDir dir;
  const fs::path in = dir.path / "report.docx";
  std::ofstream(in, std::ios::binary).write(docx.data(), static_cast<std::streamsize>(docx.size()));
  // A profile of its own per conversion: concurrent conversions never share (and lock) one.
  const std::string profile = "-env:UserInstallation=file://" + (dir.path / "profile").string();
  const std::string exe = soffice();
  std::vector<std::string> args{exe,
                                profile,
                                "--headless",
                                "--norestore",
                                "--nolockcheck",
                                "--convert-to",
                                "pdf:writer_pdf_Export",
                                "--outdir",
                                dir.path.string(),
                                in.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (dir.path / "stderr").c_str(), O_WRONLY | O_CREAT, 0600);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // its own group: a timeout kills every child
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, exe.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("không chạy được LibreOffice");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      throw std::runtime_error("LibreOffice chuyển PDF quá thời gian cho phép");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const fs::path out = dir.path / "report.pdf";
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(out)) {
    std::ifstream err(dir.path / "stderr");
    std::stringstream msg;
    msg << err.rdbuf();
    throw std::runtime_error("LibreOffice không chuyển được sang PDF: " + domain::clip(msg.str(), 300));
  }
  std::ifstream pdf(out, std::ios::binary);
  std::stringstream bytes;
  bytes << pdf.rdbuf();
  return bytes.str();
}

}  // namespace tiendo::formats
