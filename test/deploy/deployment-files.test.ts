import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments, parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

// Docker does not run on our machines: these checks stand in for `docker compose config` and a
// linter, catching the structural mistakes those would.
test('compose.yaml: Postgres, Redis, three gateway replicas and a load balancer, wired by name', () => {
  const compose = parse(read('compose.yaml')) as { services: Record<string, Record<string, unknown>>; volumes: Record<string, unknown> };
  assert.deepEqual(Object.keys(compose.services).sort(), ['gateway', 'load-balancer', 'postgres', 'redis']);
  const gateway = compose.services.gateway as { deploy: { replicas: number }; environment: Record<string, string>; depends_on: Record<string, unknown>; build: string };
  assert.equal(gateway.deploy.replicas, 3);
  assert.equal(gateway.build, '.');
  assert.match(gateway.environment.DATABASE_URL, /^postgres:\/\/.*@postgres:5432\//);
  assert.match(gateway.environment.REDIS_URL, /^redis:\/\/redis:6379/);
  for (const dependency of Object.keys(gateway.depends_on)) assert.ok(dependency in compose.services, `depends on a defined service: ${dependency}`);
  for (const service of Object.values(compose.services)) {
    for (const volume of (service.volumes as string[] | undefined) ?? []) {
      const source = volume.split(':')[0];
      if (!source.startsWith('.')) assert.ok(source in compose.volumes, `named volume ${source} is declared`);
      else assert.ok(read(source.replace(/^\.\//, '')).length > 0, `mounted file ${source} exists`);
    }
  }
  assert.match(read('deploy/nginx.conf'), /server gateway:8080/);
});

test('Dockerfile: multi-stage, non-root, health-checked, starts the CLI', () => {
  const dockerfile = read('Dockerfile');
  assert.equal(dockerfile.match(/^FROM /gm)?.length, 2);
  assert.match(dockerfile, /^FROM node:24/m);
  assert.match(dockerfile, /^USER node$/m);
  assert.match(dockerfile, /^HEALTHCHECK .*\n.*\/health/m);
  assert.match(dockerfile, /^CMD \["node", "src\/cli\.ts", "start"\]$/m);
});

test('Kubernetes: readiness on /health, a preStop drain, CPU autoscaling', () => {
  const documents = parseAllDocuments(read('deploy/kubernetes/switchboard.yaml')).map((document) => document.toJS() as Record<string, any>);
  const kinds = documents.map((document) => document.kind).sort();
  assert.deepEqual(kinds, ['Deployment', 'HorizontalPodAutoscaler', 'Service']);
  const deployment = documents.find((document) => document.kind === 'Deployment')!;
  const container = deployment.spec.template.spec.containers[0];
  assert.equal(container.readinessProbe.httpGet.path, '/health');
  assert.ok(container.lifecycle.preStop);
  const autoscaler = documents.find((document) => document.kind === 'HorizontalPodAutoscaler')!;
  assert.equal(autoscaler.spec.scaleTargetRef.name, deployment.metadata.name);
  assert.equal(autoscaler.spec.metrics[0].resource.name, 'cpu');
});
