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
    write(dir / "web" / "assets" / "app-abc123.js", "js");
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
      {"/assets/app-abc123.js", K::file},
      {"/assets/fonts/a.woff2", K::file},
      {"/bao-cao/12", K::page},
      {"/assets/app-000000.js", K::not_found},
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

  const auto asset = web.serve("GET", "/assets/app-abc123.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "js");
  const auto missing = web.serve("GET", "/assets/app-000000.js");
  EXPECT_EQ(missing.status, 404);
  ASSERT_EQ(missing.headers.size(), 1u);
  EXPECT_EQ(missing.headers[0].second, "no-store");
  EXPECT_EQ(web.serve("POST", "/index.html").status, 404);
  EXPECT_EQ(web.serve("GET", "/bao-cao").body, "<div id=root></div>");
}

TEST_F(StaticFilesTest, NoWebRootServesNothing) {
  const StaticFiles none("");
  EXPECT_EQ(none.classify("/"), StaticFiles::Kind::not_found);
  const StaticFiles missing((dir / "nowhere").string());
  EXPECT_EQ(missing.serve("GET", "/").status, 404);
  // A root that is a symlink is resolved once: its files are inside the resolved root.
  fs::create_directory_symlink(dir / "web", dir / "link");
  const StaticFiles linked((dir / "link").string());
  EXPECT_EQ(linked.classify("/assets/app-abc123.js"), StaticFiles::Kind::file);
  EXPECT_EQ(linked.classify("/leak.txt"), StaticFiles::Kind::not_found);
}

}  // namespace tiendo::api
