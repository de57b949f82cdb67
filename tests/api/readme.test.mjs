// Every `build/tiendo …` line of the README's shell blocks runs as printed, in order, on a scratch folder:
// a newcomer copies them, so a line that no longer parses (an option before or after its subcommand, a
// renamed flag) fails here rather than in their terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KIND } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = process.env.TIENDO_BIN ?? join(ROOT, 'build/tiendo');

function readmeCommands() {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split('\n')) if (line.startsWith('build/tiendo ')) lines.push(line);
  }
  return lines;
}

async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

test('the README lists the tiendo commands a newcomer needs', () => {
  const words = readmeCommands().map((l) => l.split(/\s+/)[1]);
  for (const sub of ['demo', 'serve', 'migrate', 'user', 'import', 'audit', 'backup', 'restore']) {
    assert.ok(words.includes(sub), `README has no runnable line for tiendo ${sub}`);
  }
});

test('every tiendo command line of the README runs as printed', { skip: KIND !== 'sqlite' && 'SQLite paths as printed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-readme-'));
  try {
    for (const line of readmeCommands()) {
      const port = await freePort();
      const cmd = line
        .replaceAll('build/tiendo', BIN)
        .replaceAll('data/tiendo', join(dir, 'tiendo'))
        .replace(/--port \d+/, `--port ${port}`);
      if (/^\S+ serve\b/.test(cmd)) {
        // The server runs until stopped: it must answer its health check, then it is stopped.
        const child = spawn('bash', ['-c', `exec ${cmd}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let log = '';
        child.stdout.on('data', (d) => { log += d; });
        child.stderr.on('data', (d) => { log += d; });
        let ok = false;
        for (let i = 0; i < 100 && !ok && child.exitCode === null; i++) {
          await sleep(100);
          ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
        }
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
        assert.ok(ok, `${line}\n${log}`);
        continue;
      }
      const r = spawnSync('bash', ['-c', cmd], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `${line}\n${r.stdout}\n${r.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
