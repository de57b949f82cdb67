import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

// Every text file of the build also as `<file>.gz` (gzip -9), written once here so that neither the server
// (src/api/static_files.cpp) nor nginx (gzip_static) compresses per request. A file gzip does not shrink
// gets no twin.
function precompress(): Plugin {
  return {
    name: 'tiendo-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(name)) continue;
        const file = join(options.dir ?? 'dist', name);
        const raw = await readFile(file);
        const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
        if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
      }
    },
  };
}

// No React plugin: esbuild compiles TSX with the automatic runtime, which is all the build needs.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    // The entry, the login page's stylesheet and each page's chunk; the server caches for a year only the
    // names of this shape, "<name>-<8-character hash>.<ext>" under /assets/ (static_files.cpp, hashed()).
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash:8].js',
        chunkFileNames: 'assets/[name]-[hash:8].js',
        assetFileNames: 'assets/[name]-[hash:8][extname]',
      },
      // antd marks its modules "use client" for React Server Components; a plain page has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
