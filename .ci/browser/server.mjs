// What the browser tests share: `dledger serve --demo` on a free loopback port (resolves to its
// base URL once the server says it listens), and Debian's Chromium launched as these machines
// allow (no sandbox as root, no background networking on a closed network).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

export async function serveDemo(bin, data) {
  const server = spawn(bin, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--demo'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await new Promise((resolve, reject) => {
    let buf = '';
    server.stderr.on('data', (d) => {
      buf += d.toString();
      // Wait for the whole line: stderr is unbuffered, so the address may arrive in pieces.
      const m = buf.match(/listening on (http:\/\/\S+)\s/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
    setTimeout(() => reject(new Error('server did not start: ' + buf)), 60000);
  });
  return { server, base };
}

export function launchChromium(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extra],
  });
}
