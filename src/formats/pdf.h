#pragma once
// PDF from a .docx through LibreOffice headless (Debian's libreoffice-writer-nogui): the PDF is the
// same document the .docx is, laid out by a full word processor with the fonts the system has
// (Times New Roman is rendered with its metric twin Liberation Serif, which has every Vietnamese glyph).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tiendo::formats {

// Thrown when every conversion slot is taken and the queue behind them is full: the caller answers 503.
struct ConversionBusy : std::runtime_error {
  ConversionBusy() : std::runtime_error("too many conversions") {}
};

// At most `running` conversions at once (each is a LibreOffice process of a few hundred MB and a core) and
// at most `waiting` callers queued for a slot, first come first served; beyond that, ConversionBusy.
class ConversionGate {
 public:
  ConversionGate(int running, int waiting) : max_running_(running), max_waiting_(waiting) {}
  class Slot {
   public:
    explicit Slot(ConversionGate& g) : g_(g) { g_.acquire(); }
    ~Slot() { g_.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    ConversionGate& g_;
  };
  int running() const;
  int waiting() const;

 private:
  void acquire();
  void release();
  const int max_running_, max_waiting_;
  mutable std::mutex m_;
  std::condition_variable cv_;
  int running_ = 0, waiting_ = 0;
  unsigned long long next_ticket_ = 0, serving_ = 0;  // queue order
};

// The server's gate: 2 conversions at a time, 8 waiting.
ConversionGate& pdf_gate();

// Waits for a slot of pdf_gate() (ConversionBusy when its queue is full). Throws std::runtime_error when LibreOffice is
// missing, fails or exceeds `timeout`.
std::string docx_to_pdf(std::string_view docx, std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace tiendo::formats
