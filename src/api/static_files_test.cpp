#include "api/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tiendo::api {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "tiendo-static-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir = tmpl;
    fs::create_directories(dir / "web" / "assets" / "fonts");
    write(dir / "web" / "index.html", "<div id=root></div>");
    write(dir / "web" / "robots.txt", "User-agent: *");
    write(dir / "web" / ".env", "SECRET");
    write(dir / "web" / "assets" / "app-B8kh_N9e.js", "js");
    write(dir / "web" / "assets" / "app-B8kh_N9e.js.gz", "gzipped js");
    write(dir / "web" / "assets" / "orphan-Q1w2E3r4.js.gz", "a twin without its file");
    write(dir / "web" / "index.html.gz", "gzipped page");
    write(dir / "web" / "assets" / "fonts" / "a.woff2", "font");
    write(dir / "secret.txt", "SECRET");
    fs::create_directories(dir / "web" / "docs");
    write(dir / "web" / "docs" / "guide.html", "not listed: only top-level files and assets/");
    fs::create_symlink(dir / "secret.txt", dir / "web" / "leak.txt");
    fs::create_symlink("../../secret.txt", dir / "web" / "assets" / "leak.js");
    fs::create_symlink("/etc", dir / "web" / "assets" / "etc");
    fs::create_symlink("index.html", dir / "web" / "home.html");  // inside: allowed
  }
  void TearDown() override { fs::remove_all(dir); }
  static void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }
  fs::path dir;
};

TEST_F(StaticFilesTest, ListsOnlyRegularFilesInsideTheRoot) {
  const StaticFiles web((dir / "web").string());
  using K = StaticFiles::Kind;
  struct Case {
    std::string path;
    K kind;
  };
  const Case cases[] = {
      {"/", K::page},
      {"/index.html", K::file},
      {"/robots.txt", K::file},
      {"/home.html", K::file},
      {"/assets/app-B8kh_N9e.js", K::file},
      {"/assets/fonts/a.woff2", K::file},
      {"/bao-cao/12", K::page},
      {"/assets/app-00000000.js", K::not_found},
      {"/assets/", K::not_found},
      {"/assets", K::not_found},
      {"/api/v1/x", K::not_found},
      {"/.env", K::not_found},
      {"/leak.txt", K::not_found},
      {"/assets/leak.js", K::not_found},
      {"/assets/etc/passwd", K::not_found},
      {"/docs/guide.html", K::not_found},
      {"//etc/passwd", K::not_found},
      {"/../secret.txt", K::not_found},
      {"/assets/../../secret.txt", K::not_found},
      {"/./index.html", K::not_found},
      {"//index.html", K::not_found},
      {"/index.html/", K::not_found},
      {"/..\\secret.txt", K::not_found},
      {std::string("/index.html\0.js", 15), K::not_found},
      {"/index.html;x", K::not_found},
      {"/%2e%2e/secret.txt", K::not_found},
      {"/" + (dir / "secret.txt").string(), K::not_found},
      {"/bao-cao/", K::not_found},
      {"/bao cao", K::not_found},
      {"/b\xc3\xa1o-c\xc3\xa1o", K::not_found},
      {"", K::not_found},
      {"index.html", K::not_found},
  };
  for (const auto& c : cases) EXPECT_EQ(web.classify(c.path), c.kind) << c.path;
  EXPECT_EQ(web.size(), 5u);

  const auto asset = web.serve("GET", "/assets/app-B8kh_N9e.js", "");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "js");
  const auto missing = web.serve("GET", "/assets/app-00000000.js", "");
  EXPECT_EQ(missing.status, 404);
  ASSERT_EQ(missing.headers.size(), 1u);
  EXPECT_EQ(missing.headers[0].second, "no-store");
  EXPECT_EQ(web.serve("POST", "/index.html", "").status, 404);
  EXPECT_EQ(web.serve("GET", "/bao-cao", "").body, "<div id=root></div>");
}

static std::string header(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "(none)";
}

TEST_F(StaticFilesTest, SendsTheGzipTwinToClientsThatAcceptIt) {
  const StaticFiles web((dir / "web").string());
  const auto zipped = web.serve("GET", "/assets/app-B8kh_N9e.js", "gzip, deflate, br");
  EXPECT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.body, "gzipped js");
  EXPECT_EQ(zipped.content_type, "text/javascript; charset=utf-8");  // the type of what is inside
  EXPECT_EQ(header(zipped, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(zipped, "Vary"), "Accept-Encoding");
  const auto plain = web.serve("GET", "/assets/app-B8kh_N9e.js", "br;q=1, gzip;q=0");
  EXPECT_EQ(plain.body, "js");
  EXPECT_EQ(header(plain, "Content-Encoding"), "(none)");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  // The page is compressed too, under any client route; a file without a twin is sent as it is, without Vary.
  EXPECT_EQ(web.serve("GET", "/bao-cao/12", "gzip").body, "gzipped page");
  const auto font = web.serve("GET", "/assets/fonts/a.woff2", "gzip");
  EXPECT_EQ(font.body, "font");
  EXPECT_EQ(header(font, "Content-Encoding"), "(none)");
  EXPECT_EQ(header(font, "Vary"), "(none)");
  // A twin is no file of its own, and one without its file is not served at all.
  EXPECT_EQ(web.classify("/assets/app-B8kh_N9e.js.gz"), StaticFiles::Kind::not_found);
  EXPECT_EQ(web.classify("/assets/orphan-Q1w2E3r4.js"), StaticFiles::Kind::not_found);
  EXPECT_EQ(web.classify("/index.html.gz"), StaticFiles::Kind::not_found);
}

TEST_F(StaticFilesTest, CachesForAYearOnlyHashedAssetsAndNeverAnswersAMissingFileWithThePage) {
  const StaticFiles web((dir / "web").string());
  EXPECT_EQ(header(web.serve("GET", "/assets/app-B8kh_N9e.js", ""), "Cache-Control"),
            "public, max-age=31536000, immutable");
  for (const char* path : {"/", "/index.html", "/bao-cao/12", "/robots.txt", "/assets/fonts/a.woff2"})
    EXPECT_EQ(header(web.serve("GET", path, "gzip"), "Cache-Control"), "no-cache") << path;
  for (const char* path : {"/assets/app-00000000.js", "/assets/app-B8kh_N9e.css", "/assets/x/y.js", "/favicon.ico",
                           "/bao-cao/12.js", "/app-B8kh_N9e.js", "/robots.txt.gz"}) {
    const auto r = web.serve("GET", path, "gzip");
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8") << path;
    EXPECT_EQ(header(r, "Cache-Control"), "no-store") << path;
  }
}

TEST(StaticFilesRules, AcceptEncoding) {
  struct Case {
    const char* header;
    bool gzip;
  };
  const Case cases[] = {
      {"gzip", true},
      {"gzip, deflate, br, zstd", true},
      {"br;q=1.0, GZIP;q=0.5", true},
      {" x-gzip ", true},
      {"*", true},
      {"br, *;q=0.1", true},
      {"", false},
      {"identity", false},
      {"br, deflate", false},
      {"gzip;q=0", false},
      {"gzip; q=0.000", false},
      {"gzip;q=0, *", false},  // named, and refused: the wildcard does not bring it back
      {"*;q=0", false},
      {"gzip;q=abc", false},
      {"gzipx", false},
  };
  for (const auto& c : cases) EXPECT_EQ(StaticFiles::accepts_gzip(c.header), c.gzip) << c.header;
}

TEST(StaticFilesRules, HashedAssetNames) {
  for (const char* path : {"/assets/index-B8kh_N9e.js", "/assets/Account-C-f8S7aR.js", "/assets/index-C9Mp4ouw.css",
                           "/assets/a-12345678.woff2"})
    EXPECT_TRUE(StaticFiles::hashed(path)) << path;
  for (const char* path :
       {"/index-B8kh_N9e.js", "/assets/index.js", "/assets/fonts/a.woff2", "/assets/-B8kh_N9e.js",
        "/assets/index-B8kh_N9.js", "/assets/index-B8kh.N9e.js", "/assets/indexB8kh_N9e0.js", "/assets/index-B8kh_N9e"})
    EXPECT_TRUE(!StaticFiles::hashed(path)) << path;
}

TEST_F(StaticFilesTest, NoWebRootServesNothing) {
  const StaticFiles none("");
  EXPECT_EQ(none.classify("/"), StaticFiles::Kind::not_found);
  const StaticFiles missing((dir / "nowhere").string());
  EXPECT_EQ(missing.serve("GET", "/", "").status, 404);
  // A root that is a symlink is resolved once: its files are inside the resolved root.
  fs::create_directory_symlink(dir / "web", dir / "link");
  const StaticFiles linked((dir / "link").string());
  EXPECT_EQ(linked.classify("/assets/app-B8kh_N9e.js"), StaticFiles::Kind::file);
  EXPECT_EQ(linked.classify("/leak.txt"), StaticFiles::Kind::not_found);
}

}  // namespace tiendo::api
