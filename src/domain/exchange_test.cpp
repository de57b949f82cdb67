#include "domain/exchange.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Exchange, AgencyCodeFormatOfQd20) {
  EXPECT_FALSE(external_code_problem("qd20", "H31"));
  EXPECT_FALSE(external_code_problem("qd20", "H31.12"));
  EXPECT_FALSE(external_code_problem("qd20", "H31.12.05.001"));
  EXPECT_FALSE(external_code_problem("qd20", "Z01MST0201234567"));
  EXPECT_TRUE(external_code_problem("qd20", "h31"));      // lower case
  EXPECT_TRUE(external_code_problem("qd20", "Z31"));      // level 1 letter A–Y only; Z needs an in-scheme code
  EXPECT_TRUE(external_code_problem("qd20", "HA1"));      // X1X2 are digits
  EXPECT_TRUE(external_code_problem("qd20", "H31..12"));  // an empty level
  EXPECT_TRUE(external_code_problem("qd20", "H31.12."));  // ends with a dot
  EXPECT_TRUE(external_code_problem("qd20", "H31-12"));   // a character outside A–Z, 0–9, '.'
  EXPECT_TRUE(external_code_problem("qd20", "H31." + std::string(32, '1')));   // 36 characters
  EXPECT_FALSE(external_code_problem("qd20", "H31." + std::string(31, '1')));  // 35
}

TEST(Exchange, OtherSystemsTakeAnyPrintableCode) {
  EXPECT_FALSE(external_code_problem("nq57", "NV-57/2026-014"));
  EXPECT_FALSE(external_code_problem("theodoi.dcs.vn", "Nhiệm vụ 3.2"));
  EXPECT_TRUE(external_code_problem("nq57", ""));
  EXPECT_TRUE(external_code_problem("nq57", " X"));
  EXPECT_TRUE(external_code_problem("nq57", "a\nb"));
  EXPECT_TRUE(external_code_problem("nq57", std::string(101, 'x')));
  EXPECT_TRUE(valid_system_code("theodoi.dcs.vn"));
  EXPECT_TRUE(valid_system_code("dean06"));
  EXPECT_FALSE(valid_system_code("Nq57"));
  EXPECT_FALSE(valid_system_code("-x"));
  EXPECT_FALSE(valid_system_code("x"));
}

// RFC 4231 test case 2, and the signed message "<timestamp>.<body>".
TEST(Exchange, SignatureIsHmacSha256OfTimestampAndBody) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(event_signature("Jefe", 1764547200, "{}"), "sha256=" + hmac_sha256_hex("Jefe", "1764547200.{}"));
  EXPECT_NE(event_signature("Jefe", 1764547200, "{}"), event_signature("Jefe", 1764547201, "{}"));
}

TEST(Exchange, RetryDelayDoublesUpToSixHours) {
  EXPECT_EQ(event_retry_delay(1).count(), 30);
  EXPECT_EQ(event_retry_delay(2).count(), 60);
  EXPECT_EQ(event_retry_delay(3).count(), 120);
  EXPECT_EQ(event_retry_delay(10).count(), 30 * 512);
  EXPECT_EQ(event_retry_delay(11).count(), 6 * 3600);
  EXPECT_EQ(event_retry_delay(50).count(), 6 * 3600);
}

TEST(Exchange, OnlyAllowedHttpsDestinations) {
  auto u = parse_https_url("https://Hooks.Example.VN:8443/tiendo?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "hooks.example.vn");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->target, "/tiendo?x=1");
  EXPECT_TRUE(destination_allowed(*u, {"hooks.example.vn:8443"}));
  EXPECT_FALSE(destination_allowed(*u, {"hooks.example.vn"}));  // port 443 only
  auto plain = parse_https_url("https://lgsp.haiphong.gov.vn");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->target, "/");
  EXPECT_TRUE(destination_allowed(*plain, {"LGSP.haiphong.gov.vn"}));
  EXPECT_FALSE(destination_allowed(*plain, {}));
  EXPECT_FALSE(parse_https_url("http://lgsp.haiphong.gov.vn/"));
  EXPECT_FALSE(parse_https_url("https://user@lgsp.haiphong.gov.vn/"));
  EXPECT_FALSE(parse_https_url("https://lgsp.haiphong.gov.vn:0/"));
  EXPECT_FALSE(parse_https_url("https://[::1]/"));
  EXPECT_FALSE(parse_https_url("https://a b/"));
}

}  // namespace tiendo::domain
