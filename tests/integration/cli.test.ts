/**
 * The `claimwatch` command as a user runs it: a real process, a fresh data folder, feeds on 127.0.0.1.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/http-server.js';
import { startFakeSlack } from '../helpers/fake-slack.js';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/claimwatch.js');

async function claimwatch(args: string[], env: Record<string, string>, nodeFlags: string[] = []) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeFlags, bin, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      cwd: join(import.meta.dirname, '../..'),
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Each case starts real processes (tsx, PGlite): slow on a loaded machine, so generous timeouts.
describe('claimwatch CLI', { timeout: 120_000 }, () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/big.xml') {
        // 120,000 tiny items, about 9 MB: under the body cap, and what used to exhaust the bot's heap.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>');
        for (let i = 0; i < 120_000; i += 1_000) {
          res.write(Array.from({ length: 1_000 }, (_, k) => `<item><title>Item ${i + k}</title><link>https://big.example/${i + k}</link></item>`).join(''));
        }
        res.end('</channel></rss>');
      } else if (req.url === '/zh.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=gbk' });
        res.end(
          iconv.encode(
            '<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>中文科技</title>' +
              '<item><title>微软向字节跳动出售人工智能服务</title><link>https://zh.example/1</link><description>据彭博社报道。</description></item>' +
              '</channel></rss>',
            'gbk',
          ),
        );
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    dir = await mkdtemp(join(tmpdir(), 'claimwatch-cli-'));
    const feedsFile = join(dir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      `feeds:\n  - { url: "${server.url}/zh.xml", title: Chinese tech, outlet: ZH Example, language: zh }\n` +
        `  - { url: "${server.url}/gone.xml", title: Gone, outlet: Gone Example, language: en }\n`,
    );
    // A generous parse deadline: parse threads start slowly while the rest of the suite shares the two cores.
    env = { DATA_DIR: join(dir, 'data'), CLAIMWATCH_FEEDS: feedsFile, CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES: 'true', LOG_LEVEL: 'warn', CLAIMWATCH_PARSE_TIMEOUT_MS: '30000' };
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers chat commands on a data folder nothing has used yet, and names the next step while nothing is polled', async () => {
    const fresh = { ...env, DATA_DIR: join(dir, 'fresh') };
    const subscribe = await claimwatch(['subscribe', 'azure-china'], fresh);
    expect(subscribe.code, subscribe.stderr).toBe(0);
    expect(subscribe.stdout).toContain('Subscribed to azure-china');
    const topics = await claimwatch(['topics'], fresh);
    expect(topics.code, topics.stderr).toBe(0);
    for (const slug of ['azure-china', 'openai-access', 'distillation']) expect(topics.stdout).toContain(`## ${slug}`);
    const facts = await claimwatch(['facts', 'bytedance'], fresh);
    expect(facts.stdout).toContain('Facts: ByteDance');
    expect(facts.stderr).toContain('no articles yet: run `claimwatch poll --once`');
  });

  it('logs readable lines for people (LOG_FORMAT=pretty, as on a terminal) and JSON lines for machines otherwise', async () => {
    const pretty = await claimwatch(['poll', '--once'], { ...env, DATA_DIR: join(dir, 'pretty'), LOG_LEVEL: 'info', LOG_FORMAT: 'pretty', NO_COLOR: '1' });
    const cycle = pretty.stderr.split('\n').find((line) => line.includes('poll: cycle done'));
    expect(cycle, pretty.stderr).toMatch(/^\[\d\d:\d\d:\d\d\] INFO/);
    expect(pretty.stderr).not.toContain('{"level"');
    // Not a terminal and no LOG_FORMAT: one JSON object per line.
    const json = await claimwatch(['poll', '--once'], { ...env, DATA_DIR: join(dir, 'json'), LOG_LEVEL: 'info' });
    const line = json.stderr.split('\n').find((l) => l.includes('poll: cycle done'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 30, msg: expect.stringContaining('poll: cycle done') });
  });

  it('runs the demo offline end to end: claims, a story, a drift, /facts and a digest, and keeps the data only when asked', async () => {
    const kept = join(dir, 'demo-kept');
    const demo = await claimwatch(['demo', '--keep', kept], { LOG_LEVEL: 'warn', CLAIMWATCH_PARSE_TIMEOUT_MS: '30000' });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/sample articles from \d+ outlets, served as RSS on http:\/\/127\.0\.0\.1:\d+/);
    expect(demo.stdout).toMatch(/== Claims with coverage[\s\S]*STATUS\s+ORIGINS\s+OUTLETS/);
    expect(demo.stdout).toContain('corroborated');
    expect(demo.stdout).toMatch(/== The biggest story[\s\S]*origin: Bloomberg/);
    expect(demo.stdout).toMatch(/== A drift[\s\S]*drift: '/);
    expect(demo.stdout).toMatch(/== \/facts bytedance[\s\S]*Facts: ByteDance[\s\S]*1 independent origin \(Bloomberg\), repeated by \d+ outlets/);
    expect(demo.stdout).toContain('claimwatch digest: azure-china');
    // The kept folder is a data folder the CLI can read.
    const claims = await claimwatch(['claims', '--json'], { DATA_DIR: join(kept, 'data'), LOG_LEVEL: 'warn' });
    expect((JSON.parse(claims.stdout) as { evidence: unknown[] }[]).some((claim) => claim.evidence.length > 0)).toBe(true);
    // Without --keep, its throwaway folder is gone when it ends.
    const scratch = join(dir, 'scratch');
    await mkdir(scratch);
    const throwaway = await claimwatch(['demo'], { LOG_LEVEL: 'warn', TMPDIR: scratch, CLAIMWATCH_PARSE_TIMEOUT_MS: '30000' });
    expect(throwaway.code, throwaway.stderr).toBe(0);
    expect(throwaway.stdout).toContain('Nothing was kept');
    // (tsx, which runs the CLI from source here, keeps its own cache there.)
    expect((await readdir(scratch)).filter((name) => name.startsWith('claimwatch-demo-'))).toEqual([]);
  });

  it('serves the claim board of the demo data with --board until Ctrl-C, then cleans up', async () => {
    const scratch = join(dir, 'scratch-board');
    await mkdir(scratch);
    const child = spawn(process.execPath, [bin, 'demo', '--board'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: scratch, CLAIMWATCH_HTTP_PORT: '0', CLAIMWATCH_PARSE_TIMEOUT_MS: '30000', LOG_LEVEL: 'warn' },
      cwd: join(import.meta.dirname, '../..'),
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!/Open http:\/\/127\.0\.0\.1:\d+\//.test(out) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const url = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tracked claims');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect((await readdir(scratch)).filter((name) => name.startsWith('claimwatch-demo-'))).toEqual([]);
  });

  it('doctor checks config, database, feeds and the chat token, names what fails and how to fix it', async () => {
    const slack = await startFakeSlack();
    try {
      const doctor = await claimwatch(['doctor'], { ...env, DATA_DIR: join(dir, 'doctor'), SLACK_BOT_TOKEN: 'xoxb-doctor', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl });
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toContain('✓ config: database embedded (PGlite)');
      expect(doctor.stdout).toContain('✓ database: pglite reachable, migrations applied');
      expect(doctor.stdout).toContain('✗ feeds: 1 of 2 sampled feeds answered');
      expect(doctor.stdout).toContain(`${server.url}/gone.xml: fetch: HTTP 404`);
      expect(doctor.stdout).toMatch(/fix: a feed that keeps failing is retried/);
      expect(doctor.stdout).toMatch(/✓ slack: token works \(bot user \w+\)/);
      expect(doctor.stdout).toContain('1 of 5 checks failed.');
    } finally {
      await slack.close();
    }
  });

  it('polls once into a fresh data folder and lists feeds with their status', async () => {
    const poll = await claimwatch(['poll', '--once', '--json'], env);
    expect(poll.code, poll.stderr).toBe(0);
    const summary = JSON.parse(poll.stdout) as { feeds: number; newArticles: number; errors: { url: string; message: string }[] };
    expect(summary).toMatchObject({ feeds: 2, newArticles: 1 });
    expect(summary.errors).toEqual([{ url: `${server.url}/gone.xml`, message: 'fetch: HTTP 404 Not Found' }]);

    const feeds = await claimwatch(['feeds', '--json'], env);
    expect(feeds.code, feeds.stderr).toBe(0);
    const rows = JSON.parse(feeds.stdout) as { url: string; status: string; itemCount: number; lastError: string | null }[];
    expect(rows).toEqual([
      expect.objectContaining({ url: `${server.url}/zh.xml`, status: 'ok', itemCount: 1, lastError: null }),
      expect.objectContaining({ url: `${server.url}/gone.xml`, status: 'error', itemCount: 0, lastError: 'fetch: HTTP 404 Not Found' }),
    ]);

    const table = await claimwatch(['feeds'], env);
    expect(table.stdout).toMatch(/^STATUS\s+ITEMS/);
    expect(table.stdout).toContain('HTTP 404 Not Found');
  });

  it('lists candidate claims and says what to do when a candidate id is unknown', async () => {
    const listed = await claimwatch(['candidates', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    const add = await claimwatch(['claim', 'add', '--from-candidate', 'c00000000'], env);
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(/claim add: no candidate c00000000 in the last 14 days \(there are none now\)/);
    const days = await claimwatch(['candidates', '--days', 'soon'], env);
    expect(days.stderr).toContain('--days must be a positive number of days, not "soon"');
  });

  it('prints the configuration with no part of a secret or a database password', async () => {
    const result = await claimwatch(['config'], {
      ...env,
      DATABASE_URL: 'postgres://bot:hunter2pass@127.0.0.1:5432/claims?sslpassword=s3cretkey&application_name=cw',
      SLACK_BOT_TOKEN: 'xoxb-1234567890-abcdef',
      SLACK_SIGNING_SECRET: 'f00dfacecafe1234',
    });
    expect(result.code, result.stderr).toBe(0);
    for (const secret of ['hunter2', 's3cret', 'xoxb-1', 'f00df']) expect(result.stdout).not.toContain(secret);
    expect(result.stdout).toContain('postgres://bot:***@127.0.0.1:5432/claims?sslpassword=***&application_name=cw');
    expect(result.stdout).toContain('set (16 chars)');
  });

  it('stops with a clear error and a non-zero exit when its data folder is deleted while it runs', async () => {
    const dataDir = join(dir, 'data-deleted');
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json', CLAIMWATCH_HTTP_PORT: '0' },
      cwd: join(import.meta.dirname, '../..'),
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('claimwatch: running') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(out).toContain('claimwatch: running');
    const deletedAt = Date.now();
    await rm(dataDir, { recursive: true, force: true });
    const code = await exited;
    expect(code).toBe(1);
    expect(Date.now() - deletedAt).toBeLessThan(30_000);
    expect(out).toMatch(/claimwatch: stopping: .*(deleted or replaced).*nothing more can be saved there/);
  });

  it('polls a 120,000-item feed under the heap limits of npm start, keeping the newest 2,000 and saying so', async () => {
    const feedsFile = join(dir, 'big.yaml');
    await writeFile(feedsFile, `feeds:\n  - { url: "${server.url}/big.xml", title: Big, outlet: Big Example, language: en }\n`);
    // The parse deadline is not what is tested: on a loaded machine 120,000 items take longer than the default 5 s.
    const bigEnv = { ...env, DATA_DIR: join(dir, 'data-big'), CLAIMWATCH_FEEDS: feedsFile, CLAIMWATCH_PARSE_TIMEOUT_MS: '60000' };
    const poll = await claimwatch(['poll', '--once', '--json'], bigEnv, ['--max-old-space-size=256', '--max-semi-space-size=8']);
    expect(poll.code, poll.stderr).toBe(0);
    expect(JSON.parse(poll.stdout)).toMatchObject({ feeds: 1, items: 120_000, newArticles: 2_000 });
    const feeds = JSON.parse((await claimwatch(['feeds', '--json'], bigEnv)).stdout) as { status: string; lastNotice: string | null }[];
    expect(feeds[0]).toMatchObject({ status: 'ok' });
    expect(JSON.stringify(feeds[0])).toContain('kept the 2000 newest of 120000 items; 118000 older ones were not stored');
  });

  it('says in one line that DATA_DIR is a file, not a folder', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const result = await claimwatch(['feeds'], { ...env, DATA_DIR: file });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`claimwatch: database: cannot use DATA_DIR ${file}: it is a file, not a folder`]);
  });

  it('exits non-zero when every feed failed, and says so', async () => {
    const feedsFile = join(dir, 'all-gone.yaml');
    await writeFile(feedsFile, `feeds:\n  - { url: "${server.url}/gone.xml", title: Gone, outlet: Gone Example, language: en }\n`);
    const result = await claimwatch(['poll', '--once'], { ...env, DATA_DIR: join(dir, 'data-gone'), CLAIMWATCH_FEEDS: feedsFile });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 failed');
    expect(result.stderr).toContain('claimwatch: poll: every one of the 1 feeds failed');
  });

  it('stops with one clear line when the database is unreachable', async () => {
    const result = await claimwatch(['feeds'], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^claimwatch: database: cannot connect to .*ECONNREFUSED/)]);
  });

  it('names the variable of a wrong configuration value', async () => {
    const result = await claimwatch(['feeds'], { ...env, CLAIMWATCH_FETCH_TIMEOUT_MS: 'soon' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^claimwatch: config: invalid environment: CLAIMWATCH_FETCH_TIMEOUT_MS: /);
  });

  it('refuses a feeds file with an unknown field, naming file and field', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'feeds:\n  - { url: "https://x.example/rss", title: X, outlet: X, language: en, interval: 5 }\n');
    const result = await claimwatch(['sync', '--feeds', bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.yaml');
    expect(result.stderr).toMatch(/feeds\[0\]/);
  });
});
