import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  loadConfiguration, loadTfvars, providerIsPinned, requiredResourcesPresent,
  firewallsAdmitOnlyTheCluster, secretsAreSensitive, variablesAreValidated, tfvarsMatchVariables,
} from "./rules.mjs";

// run.sh runs this from a scratch copy (node_modules stay out of the repository) and says where terraform/ is.
const terraformDir = process.env.TERRAFORM_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const config = await loadConfiguration(terraformDir);
const copy = () => structuredClone(config);

test("every .tf file parses and declares resources", () => {
  assert.ok(Object.keys(config.resource).length >= 10, "resources parsed");
});

test("provider is pinned to digitalocean/digitalocean ~> 2.99, token from the environment, remote state", () => {
  assert.deepEqual(providerIsPinned(config), []);
});

test("VPC, DOKS, PostgreSQL, Kafka (3 nodes) with topics and users, Valkey, registry and project are declared", () => {
  assert.deepEqual(requiredResourcesPresent(config), []);
});

test("database firewalls admit only the Kubernetes cluster", () => {
  assert.deepEqual(firewallsAdmitOnlyTheCluster(config), []);
});

test("outputs that carry secrets are sensitive", () => {
  assert.deepEqual(secretsAreSensitive(config), []);
});

test("variables are typed, described and validated", () => {
  assert.deepEqual(variablesAreValidated(config), []);
});

for (const file of readdirSync(join(terraformDir, "environments")).filter((f) => f.endsWith(".tfvars"))) {
  test(`environments/${file} sets only declared variables and all required ones`, async () => {
    assert.deepEqual(tfvarsMatchVariables(config, await loadTfvars(join(terraformDir, "environments", file))), []);
  });
}

// The rules themselves must be able to fail: each broken copy of the real configuration is caught.

test("a firewall rule for an IP range is caught", () => {
  const broken = copy();
  broken.resource.digitalocean_database_firewall.kafka[0].rule.push({ type: "ip_addr", value: "0.0.0.0/0" });
  assert.deepEqual(firewallsAdmitOnlyTheCluster(broken), ["firewall kafka admits ip_addr:0.0.0.0/0, not only the cluster"]);
});

test("a database without a firewall is caught", () => {
  const broken = copy();
  delete broken.resource.digitalocean_database_firewall.valkey;
  assert.deepEqual(firewallsAdmitOnlyTheCluster(broken), ["database valkey has no firewall (open to the internet)"]);
});

test("a password output without sensitive is caught", () => {
  const broken = copy();
  delete broken.output.valkey_password[0].sensitive;
  assert.match(secretsAreSensitive(broken).join(), /output valkey_password exposes \$\{digitalocean_database_cluster\.valkey\.password\} without sensitive = true/);
});

test("a loose provider constraint is caught", () => {
  const broken = copy();
  broken.terraform[0].required_providers[0].digitalocean.version = ">= 2.0";
  assert.deepEqual(providerIsPinned(broken), ['provider version is ">= 2.0", expected "~> 2.99"']);
});

test("a Redis engine, a two-node Kafka and a missing DLQ topic are caught", () => {
  const broken = copy();
  broken.resource.digitalocean_database_cluster.valkey[0].engine = "redis";
  broken.resource.digitalocean_database_cluster.kafka[0].node_count = 2;
  delete broken.resource.digitalocean_database_kafka_topic.task_events_dlq;
  assert.deepEqual(requiredResourcesPresent(broken), [
    "missing managed valkey cluster",
    "managed Redis is gone on DigitalOcean: use engine = \"valkey\"",
    "Kafka has 2 nodes, expected 3",
    "missing Kafka topic task-events.dlq",
  ]);
});

test("an unvalidated variable and an undeclared tfvars key are caught", () => {
  const broken = copy();
  delete broken.variable.node_size[0].validation;
  assert.deepEqual(variablesAreValidated(broken), ["variable node_size has no validation"]);
  assert.deepEqual(tfvarsMatchVariables(config, { environment: "x", registry_name: "r", nodes: 3 }), ["sets undeclared variable nodes"]);
});
