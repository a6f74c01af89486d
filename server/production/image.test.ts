// The image definition and compose file, read the way Docker reads them (no Docker engine here): the
// properties production relies on are checked, so a change that drops one fails here.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../models';
import { REDIS_SERVER } from '../testing/redis';
import { ROOT } from '../testing/startTestServer';

/** Node's current LTS line (26 'Lithium': Active LTS since 2026-10-28; 24 went to maintenance on 2026-10-20). */
const NODE_LTS = 26;
/** What CI installs (`../shared/tools/install-timescaledb.sh`) and runs the suites on. */
const TIMESCALEDB = '2.23.1';
const CI_POSTGRES = 15;

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions: comments dropped, `\` continuations joined, each tagged with its stage (FROM count). */
function dockerfile(text: string): { instructions: Instruction[]; stages: { image: string; name?: string }[] } {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  const instructions: Instruction[] = [];
  const stages: { image: string; name?: string }[] = [];
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`Dockerfile: cannot read "${line}"`);
    const op = m[1].toUpperCase();
    if (op === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(m[2].trim());
      stages.push({ image: f![1], name: f![2] });
    }
    instructions.push({ op, args: m[2].trim(), stage: stages.length - 1 });
  }
  return { instructions, stages };
}

const df = dockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const last = df.stages.length - 1;
const final = df.instructions.filter((i) => i.stage === last);
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, any>;
  volumes: Record<string, unknown>;
  configs: Record<string, { content: string }>;
};

/** A `${NAME:-default}` value the way compose reads it with NAME unset. */
const withDefault = (v: unknown) => String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

describe('Dockerfile', () => {
  it('when built, then every stage runs on a pinned patch release of the current Node LTS', () => {
    expect(df.stages.length).toBeGreaterThanOrEqual(2);
    for (const s of df.stages) expect(s.image).toMatch(new RegExp(`^node:${NODE_LTS}\\.\\d+\\.\\d+-bookworm-slim$`));
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/^>=\s*20/); // the image's Node satisfies the engines range
  });

  it('when built, then the build stage type-checks and compiles, and the runtime stage holds only production dependencies and dist/', () => {
    const build = df.instructions.filter((i) => i.stage < last && i.op === 'RUN').map((i) => i.args);
    expect(build.some((a) => /npm run typecheck/.test(a) && /npm run build/.test(a))).toBe(true);
    expect(df.instructions.some((i) => i.stage < last && i.op === 'RUN' && /npm ci .*--omit=dev/.test(i.args))).toBe(true);
    // the runtime stage never copies the build context wholesale nor installs devDependencies
    expect(final.filter((i) => i.op === 'COPY' && /^\.\s/.test(i.args))).toEqual([]);
    expect(final.filter((i) => i.op === 'RUN' && /npm (ci|install)(?!.*--omit=dev)/.test(i.args))).toEqual([]);
    const copies = final.filter((i) => i.op === 'COPY').map((i) => i.args);
    const depsStage = df.stages.findIndex((s) => df.instructions.some((i) => i.stage === df.stages.indexOf(s) && i.op === 'RUN' && /--omit=dev/.test(i.args)));
    expect(copies).toContain(`--from=${df.stages[depsStage].name} /app/node_modules ./node_modules`);
    expect(copies.some((c) => /^--from=\S+ \/app\/dist \.\/dist$/.test(c))).toBe(true);
    // what the runtime copies from the context exists (a renamed folder would break the image build)
    for (const c of copies.filter((c) => !c.startsWith('--from'))) expect(existsSync(join(ROOT, c.split(/\s+/)[0])), c).toBe(true);
    expect(final.some((i) => i.op === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(true);
  });

  it('when it runs, then it runs node on the compiled server as a non-root user under tini, with a health check on /api/health', () => {
    const user = final.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(user.length).toBeGreaterThan(0);
    expect(user.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(JSON.parse(final.find((i) => i.op === 'ENTRYPOINT')!.args)).toEqual(['/usr/bin/tini', '--']);
    expect(final.some((i) => i.op === 'RUN' && /apt-get install .*\btini\b/.test(i.args))).toBe(true);
    const cmd = JSON.parse(final.find((i) => i.op === 'CMD')!.args) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/server/main.js');
    expect(cmd.join(' ')).not.toMatch(/tsx|npx|npm/);
    const hc = final.find((i) => i.op === 'HEALTHCHECK')!.args;
    expect(hc).toMatch(/--interval=\d+s/);
    expect(hc).toMatch(/\/api\/health/);
    expect(df.instructions.filter((i) => i.op === 'EXPOSE').map((i) => i.args)).toEqual(['8080']);
  });

  it('when the build context is sent, then .dockerignore keeps out dependencies, builds, databases, secrets and history', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const p of ['node_modules', 'dist', 'data/db', 'test-artifacts', '.git', '.env']) expect(ignored).toContain(p);
  });
});

describe('docker-compose.yml', () => {
  const s = compose.services;

  it('when started, then TimescaleDB runs the version CI tests, with its data on a volume and a health check', () => {
    expect(s.db.image).toBe(`timescale/timescaledb:${TIMESCALEDB}-pg${CI_POSTGRES}`);
    const script = join(ROOT, '../shared/tools/install-timescaledb.sh');
    if (existsSync(script)) expect(readFileSync(script, 'utf8')).toMatch(new RegExp(`^VERSION=${TIMESCALEDB.replace(/\./g, '\\.')}$`, 'm'));
    expect(s.db.volumes).toContain('db-data:/var/lib/postgresql/data');
    expect(s.db.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(s.db.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('when started, then the app waits for a healthy database, is health-checked itself, and keeps models and compounds on volumes', () => {
    expect(s.app.build).toBe('.');
    expect(s.app.depends_on.db.condition).toBe('service_healthy');
    expect(s.app.environment.DATABASE_URL).toMatch(/^postgres:\/\/twin:\$\{POSTGRES_PASSWORD\}@db:5432\/twin$/);
    expect(s.app.healthcheck.test.join(' ')).toMatch(/\/api\/health/);
    expect(s.app.volumes).toEqual(expect.arrayContaining(['models:/app/data/models', 'compounds:/app/data/compounds']));
    for (const v of ['db-data', 'models', 'compounds', 'mqtt-data', 'mqtt-auth']) expect(Object.keys(compose.volumes)).toContain(v);
    // secrets come from the environment: compose refuses to start without them, and none is written here
    expect(s.app.environment.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
    expect(s.app.environment.MQTT_URL).toMatch(/^mqtt:\/\/twin-server:\$\{MQTT_PASSWORD:\?[^}]*\}@mqtt:1883$/);
    for (const [name, svc] of Object.entries(s)) {
      for (const [k, v] of Object.entries((svc.environment ?? {}) as Record<string, string>)) {
        if (/PASSWORD|SECRET/.test(k)) expect(String(v), `${name}.${k}`).toMatch(/^\$\{[A-Z_]+(:[-?][^}]*)?\}$/);
      }
    }
  });

  it('when started, then the MQTT broker refuses anonymous clients and reads the password file and ACL the compiled CLI writes', () => {
    const conf = s.mqtt.command.join(' ');
    expect(conf).toMatch(/allow_anonymous false/);
    expect(conf).toMatch(/password_file \/mosquitto\/auth\/passwd/);
    expect(conf).toMatch(/acl_file \/mosquitto\/auth\/acl/);
    expect(s.mqtt.image).toMatch(/^eclipse-mosquitto:\d+\.\d+\.\d+$/);
    expect(s.mqtt.depends_on['mqtt-auth'].condition).toBe('service_completed_successfully');
    expect(s['mqtt-auth'].command.slice(0, 2)).toEqual(['node', 'dist/server/mqttAuth.js']);
    // no service runs the TypeScript sources
    for (const [name, svc] of Object.entries(s)) expect(JSON.stringify(svc.command ?? ''), name).not.toMatch(/tsx|npx/);
  });
});

describe('docker-compose.yml: N app processes on Redis', () => {
  const s = compose.services;
  const nginx = compose.configs['nginx-app'].content;

  it('when started, then Redis runs the Debian-based image of the major version CI tests, with an append-only file (the owners’ queues of stored readings), health-checked, not published', () => {
    const m = /^redis:(\d+)\.\d+\.\d+-bookworm$/.exec(s.redis.image);
    expect(m, s.redis.image).not.toBeNull();
    if (REDIS_SERVER) {
      const v = /v=(\d+)\./.exec(spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }).stdout)?.[1];
      expect(m![1], 'the compose Redis major version is the one the tests run on').toBe(v);
    }
    expect(s.redis.command.join(' ')).toBe('redis-server --save  --appendonly yes --appendfsync everysec');
    expect(s.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(s.redis.ports).toBeUndefined();
    expect(s.redis.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes)).toContain('redis-data');
  });

  it('when started, then the app runs as replicas (2 by default) on the shared Redis, with no host port of their own', () => {
    expect(s.app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(s.app.depends_on.redis.condition).toBe('service_healthy');
    expect(s.app.deploy.replicas).toBe('${APP_REPLICAS:-2}');
    expect(Number(withDefault(s.app.deploy.replicas))).toBe(2);
    // a fixed host port would let only one replica start
    expect(s.app.ports).toBeUndefined();
    expect(s.app.container_name).toBeUndefined();
    // rate limits and the audit log see the client's address through the proxy
    expect(withDefault(s.app.environment.TRUST_PROXY)).toBe('1');
    // the server's own simulator would run once per replica
    expect(withDefault(s.app.environment.SIMULATOR)).toBe('off');
  });

  it('when started, then nginx is the one entrance: port 8080 to every replica, sticky per client, WebSocket upgrades, the largest import passes', () => {
    const [major, minor, patch] = /^nginx:(\d+)\.(\d+)\.(\d+)-bookworm$/.exec(s.proxy.image)!.slice(1).map(Number);
    // `resolve` on an upstream server (follows replicas as they start and restart) is in open-source nginx since 1.27.3
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(1_027_003);
    expect(s.proxy.ports).toEqual(['${APP_BIND:-0.0.0.0}:8080:8080']);
    expect(
      Object.entries(s)
        .filter(([, svc]) => (svc.ports ?? []).some((p: string) => /:8080$/.test(p)))
        .map(([n]) => n),
    ).toEqual(['proxy']);
    expect(s.proxy.configs).toEqual([{ source: 'nginx-app', target: '/etc/nginx/conf.d/default.conf' }]);
    expect(s.proxy.healthcheck.test.join(' ')).toMatch(/\/api\/health/);
    // compose interpolates ${…} and $NAME in config content: every nginx variable is written $$name
    expect(nginx.replace(/\$\$/g, '')).not.toMatch(/\$/);
    const conf = nginx.replace(/\$\$/g, '$');
    expect(conf).toMatch(/^resolver 127\.0\.0\.11\b/m); // Docker's DNS: the service name gives every replica's address
    const upstream = /upstream (\w+) \{([^}]*)\}/.exec(conf)!;
    expect(upstream[2]).toMatch(/^\s*zone \w+ \d+k;/m);
    expect(upstream[2]).toMatch(/^\s*server app:8080 resolve;/m);
    expect(upstream[2]).toMatch(/^\s*(hash \$remote_addr consistent|ip_hash);/m); // Socket.IO's polling fallback needs one process per session
    expect(conf).toContain(`proxy_pass http://${upstream[1]};`);
    expect(conf).toMatch(/proxy_http_version 1\.1;/);
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(conf).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    // Host with its port: the app compares a browser's Origin with it ($host drops the port)
    expect(conf).toMatch(/proxy_set_header Host \$http_host;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(conf).toMatch(/listen 8080;/);
    const maxBody = /client_max_body_size (\d+)m;/.exec(conf)!;
    expect(Number(maxBody[1])).toBeGreaterThanOrEqual(IMPORT_LIMITS.bodyMb);
    expect(Number(/proxy_read_timeout (\d+)h;/.exec(conf)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
  });
});
